// mentorflow import: appends an export (JSON Lines) to a store, after checking all of it.
#include <fmt/core.h>

#include <cstdio>

#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "store/chain.hpp"
#include "store/event_import.hpp"
#include "store/event_store.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow import --store DIR|postgresql://... < events.jsonl\n"
    "\n"
    "Appends events written by `mentorflow export` to the store (created if missing), keeping\n"
    "their positions, recorded times and hashes. They must continue the store's chain: into an\n"
    "empty store, the file must start at position 1.\n"
    "\n"
    "Everything is checked before anything is written: that each line is complete JSON with the\n"
    "fields of an event, that positions run on without a gap, that stream versions follow, and\n"
    "that the hash chain holds. A broken or truncated file is refused with its line number and the\n"
    "store is left exactly as it was. The whole file is held in memory while it is checked.\n"
    "\n"
    "Writes in batches without syncing, then syncs once at the end (docs/STORE.md, \"Durability\").\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store to append to; another process must not have it open\n";

std::string read_stdin() {
  std::string text;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, stdin)) > 0;) text.append(buf, n);
  return text;
}

int run_import(std::span<const std::string> args) {
  auto dir = parse_store_only(args, "import");
  if (!dir) return kExitUsage;
  auto events = store::events_from_lines(read_stdin());
  if (!events.is_ok()) return report(events.status());

  // A store that does not exist yet is created only once the file has passed every check.
  const store::OpenOptions options{.read_only = false, .create_if_missing = false, .sync = false, .clock = nullptr};
  auto store = store::EventStore::open(*dir, options);
  if (!store.is_ok() && !store.status().is_not_found()) return report(store.status());
  if (Status s = store::check_continues(*events, store.is_ok() ? store->get() : nullptr); !s.is_ok()) return report(s);
  if (!store.is_ok()) {
    store = store::EventStore::open(*dir, {.read_only = false, .create_if_missing = true, .sync = false, .clock = nullptr});
    if (!store.is_ok()) return report(store.status());
  }

  Progress progress("import", events->size());
  if (Status s = store::append_imported(**store, *events, [&](std::size_t n) { progress.update(n); }); !s.is_ok())
    return report(s);
  const store::ChainHead head = (*store)->head();
  fmt::print("imported {} events into {}; the chain ends at position {}, hash {}\n", events->size(), dir->string(), head.position,
             store::to_hex(head.hash));
  return kExitOk;
}

const Registration registration({"import", "append events from an export (JSON Lines on standard input)", kHelp, run_import});

}  // namespace
}  // namespace mentorflow::cli
