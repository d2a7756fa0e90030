#include "cli/privacy_door.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <string>

#include "engine/erasure.hpp"

namespace mentorflow::cli {

Result<PrivacyDoor> open_privacy(store::EventStore& store, std::string_view location) {
  PrivacyDoor door;
  const char* named = std::getenv(std::string(kMasterKeyVariable).c_str());
  const bool key_named = named != nullptr && *named != '\0';
  auto has = store.has_subjects();
  if (!has.is_ok()) return has.status();
  const bool empty = store.head().position == 0;

  if (!*has && !(key_named && empty && !store.read_only())) {
    if (key_named && !empty)
      return Status::refused(fmt::format(
          "store {} was made without a master key: its user ids are in its log in clear, and a master key cannot be "
          "given to it afterwards (unset {})", location, kMasterKeyVariable));
    door.pseudonyms = std::make_unique<engine::Pseudonyms>(nullptr);
    return door;
  }
  if (!key_named)
    return Status::refused(fmt::format("store {} keeps personal data under a master key: set {} to its key file",
                                       location, kMasterKeyVariable));
  auto master = store::MasterKey::load(named, !*has);
  if (!master.is_ok()) {
    if (master.status().is_not_found())
      return Status::refused(fmt::format("the master key file {} does not exist: store {} was sealed with a key kept "
                                         "elsewhere ({})", named, location, kMasterKeyVariable));
    return master.status();
  }
  auto subjects = store.open_subjects(*master);
  if (!subjects.is_ok()) return subjects.status();
  door.subjects = std::move(*subjects);
  door.pseudonyms = std::make_unique<engine::Pseudonyms>(door.subjects.get());
  door.sealing = std::make_unique<engine::SealingStore>(store, *door.subjects);
  // An erasure interrupted (a crash, a kill) is ended before anything else reads the store
  // (engine/erasure.hpp), through the log as the engine reads it: the person is then fully
  // erased, never half. So are those the list beside the key names: a store restored from an
  // older backup holds people erased since.
  auto erased_elsewhere = store::erasures_beside_key(*master);
  if (!erased_elsewhere.is_ok()) return erased_elsewhere.status();
  if (!store.read_only()) {
    auto ended = engine::finish_erasures(*door.sealing, *door.subjects, *erased_elsewhere);
    if (!ended.is_ok()) return ended.status();
    if (Status s = store::record_erasures_beside_key(*master, door.subjects->erased_list()); !s.is_ok()) return s;
    if (!ended->empty())
      fmt::print(stderr, "mentorflow: ended {} erasure{} that had been interrupted or that this store's log did not have\n",
                 ended->size(), ended->size() == 1 ? "" : "s");
  } else {
    // A read-only open cannot erase: it refuses to show people erased since a backup was taken.
    for (const std::string& pseudonym : *erased_elsewhere)
      if (door.subjects->user(pseudonym))
        return Status::refused(fmt::format(
            "store {} holds people erased since it was backed up (the list beside its master key, {}.erased, names them): "
            "open it for writing once, with mentorflow replay --store {}, to erase them again", location, named, location));
  }
  door.output = std::make_unique<RevealedOutput>(*door.pseudonyms);
  return door;
}

std::string PrivacyDoor::file_name(std::string_view recorded) const {
  const std::string revealed = pseudonyms->reveal(recorded);
  return revealed.find(engine::kErased) == std::string::npos ? revealed : std::string(recorded);
}

}  // namespace mentorflow::cli
