// mentorflow restore: a store made from a backup written by `mentorflow backup`.
#include <fmt/core.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/store_command.hpp"
#include "store/backup.hpp"
#include "store/location.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow restore --from BACKUP --store DIR|postgresql://...\n"
    "\n"
    "Makes a store from the backup folder BACKUP (written by `mentorflow backup`): into a folder\n"
    "that does not exist or is empty, or into a PostgreSQL database or schema that holds no events.\n"
    "A store that is not empty is refused and left as it is. A backup of either backend restores\n"
    "into either: a RocksDB backup restored into a folder is copied as it is; otherwise the\n"
    "documents are stored, then every event in one write, so that a failure leaves no event.\n"
    "\n"
    "The restored log must end on the position and hash the backup names. Read models start empty\n"
    "when the events were written anew: `mentorflow replay`, or a server starting, rebuilds them.\n"
    "Check the result with `mentorflow verify --store ...`.\n"
    "\n"
    "options:\n"
    "  --from BACKUP                  the backup folder\n"
    "  --store DIR|postgresql://...   the store to make\n";

int run_restore(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{.options = {"--store", "--from"}, .flags = {}}, error);
  if (!args) return usage_error("restore", error);
  if (!args->positionals().empty()) return usage_error("restore", fmt::format("unexpected argument '{}'", args->positionals().front()));
  if (!args->get("--from")) return usage_error("restore", "--from BACKUP is required");
  if (!args->get("--store")) return usage_error("restore", "--store DIR|postgresql://... is required");
  auto summary = store::restore_store(*args->get("--from"), *args->get("--store"));
  if (!summary.is_ok()) return report(summary.status());
  fmt::print("restored {} events and {} documents into {}; the chain ends at position {}, hash {}\n", summary->head.position,
             summary->documents, store::shown_location(*args->get("--store")), summary->head.position, store::to_hex(summary->head.hash));
  return kExitOk;
}

const Registration registration({"restore", "make a store from a backup", kHelp, run_restore});

}  // namespace
}  // namespace mentorflow::cli
