// mentorflow rotate-master-key: every subject's data key sealed anew under a new master key.
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/privacy_door.hpp"
#include "cli/store_command.hpp"
#include "store/event_store.hpp"
#include "store/master_key.hpp"
#include "store/subjects.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow rotate-master-key --store DIR|postgresql://... --new-key FILE\n"
    "\n"
    "Seals every subject's data key (docs/PRIVACY.md, \"Keys\") anew under the master key in FILE,\n"
    "made there (32 random bytes, mode 0600) when FILE does not exist, and records that key's id:\n"
    "from then on the store opens only with FILE, and the old key file opens nothing of it. The\n"
    "current key is the one named as for every command (MENTORFLOW_MASTER_KEY_FILE or --master-key).\n"
    "The log is not touched: its values are sealed under the subjects' data keys, which do not change.\n"
    "One step: on failure the store keeps its current key. Stop every server of the store first.\n"
    "\n"
    "Afterwards: point MENTORFLOW_MASTER_KEY_FILE (and every server) at FILE, then destroy the old key\n"
    "file and its copies: a backup taken before the rotation still opens with the old key only.\n"
    "\n"
    "options:\n"
    "  --store DIR|URL  the store (a RocksDB folder or a postgresql:// URL)\n"
    "  --new-key FILE   the new master key file (made when missing)\n";

int run_rotate_master_key(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{.options = {"--store", "--new-key"}, .flags = {}}, error);
  if (!args) return usage_error("rotate-master-key", error);
  if (!args->positionals().empty())
    return usage_error("rotate-master-key", fmt::format("unexpected argument '{}'", args->positionals().front()));
  const auto dir = args->get("--store");
  const auto new_key = args->get("--new-key");
  if (!dir) return usage_error("rotate-master-key", "--store DIR|postgresql://... is required");
  if (!new_key) return usage_error("rotate-master-key", "--new-key FILE is required");

  auto store = store::EventStore::open(*dir, {.read_only = false, .create_if_missing = false});
  if (!store.is_ok()) return report(store.status());
  auto has = (*store)->has_subjects();
  if (!has.is_ok()) return report(has.status());
  if (!*has)
    return report(Status::refused(fmt::format("store {} keeps no personal data under a master key: there is no key to rotate", *dir)));
  auto door = open_privacy(**store, *dir);
  if (!door.is_ok()) return report(door.status());

  const char* current = std::getenv(std::string(kMasterKeyVariable).c_str());
  std::error_code ec;
  if (current != nullptr && std::filesystem::equivalent(current, *new_key, ec))
    return report(Status::invalid_argument(fmt::format("--new-key {} is the store's current key file", *new_key)));
  auto next = store::MasterKey::load(*new_key, true);
  if (!next.is_ok()) return report(next.status());
  if (auto now = store::MasterKey::load(current, false); now.is_ok() && now->id() == next->id())
    return report(Status::invalid_argument(fmt::format("{} holds the store's current master key", *new_key)));
  if (Status s = door->subjects->rotate(*next); !s.is_ok()) return report(s);
  fmt::print("store {}: {} subjects sealed under the master key in {} (id {}); set {} to it, then destroy the old key file\n",
             *dir, door->subjects->size(), *new_key, next->id().substr(0, 12), kMasterKeyVariable);
  return kExitOk;
}

const Registration registration({"rotate-master-key", "seal the subjects' keys under a new master key", kHelp,
                                 run_rotate_master_key});

}  // namespace
}  // namespace mentorflow::cli
