#include "cli/privacy_door.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <string>

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
  door.output = std::make_unique<RevealedOutput>(*door.pseudonyms);
  return door;
}

}  // namespace mentorflow::cli
