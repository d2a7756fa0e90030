// mentorflow import: appends an export (JSON Lines) to a store, after checking all of it.
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <span>
#include <vector>

#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "store/chain.hpp"
#include "store/event_json.hpp"
#include "store/event_store.hpp"

namespace mentorflow::cli {
namespace {

// Events per write: large enough to amortise the write, small enough to keep memory flat.
constexpr std::size_t kBatch = 1000;

constexpr std::string_view kHelp =
    "usage: mentorflow import --store DIR < events.jsonl\n"
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
    "  --store DIR   the store to append to; another process must not have it open\n";

std::string read_stdin() {
  std::string text;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, stdin)) > 0;) text.append(buf, n);
  return text;
}

// Every line of `text` as an event; the first line that is not one is refused with its number.
Result<std::vector<store::Event>> parse_lines(const std::string& text) {
  std::vector<store::Event> events;
  std::size_t line = 0;
  for (std::size_t at = 0; at < text.size();) {
    ++line;
    const std::size_t end = text.find('\n', at);
    if (end == std::string::npos)
      return Status::invalid_argument(fmt::format("line {} does not end with a newline: the file looks truncated", line));
    auto event = store::event_from_json(std::string_view(text).substr(at, end - at));
    if (!event.is_ok()) return Status::invalid_argument(fmt::format("line {}: {}", line, event.status().message()));
    events.push_back(std::move(*event));
    at = end + 1;
  }
  return events;
}

// Checks that `events` continue the chain of `store` (or start a new one when there is none).
Status check_chain(const std::vector<store::Event>& events, const store::EventStore* store) {
  store::ChainWalker walker;
  if (store) walker = store::ChainWalker(store->head(), [store](const std::string& s) { return store->stream_version(s); });
  for (std::size_t i = 0; i < events.size(); ++i)
    if (Status s = walker.step(events[i]); !s.is_ok()) return Status::invalid_argument(fmt::format("line {}: {}", i + 1, s.message()));
  return Status::ok();
}

int run_import(std::span<const std::string> args) {
  auto dir = parse_store_only(args, "import");
  if (!dir) return kExitUsage;
  auto events = parse_lines(read_stdin());
  if (!events.is_ok()) return report(events.status());

  // A store that does not exist yet is created only once the file has passed every check.
  const store::OpenOptions options{.read_only = false, .create_if_missing = false, .sync = false, .clock = nullptr};
  auto store = store::EventStore::open(*dir, options);
  if (!store.is_ok() && !store.status().is_not_found()) return report(store.status());
  if (Status s = check_chain(*events, store.is_ok() ? store->get() : nullptr); !s.is_ok()) return report(s);
  if (!store.is_ok()) {
    store = store::EventStore::open(*dir, {.read_only = false, .create_if_missing = true, .sync = false, .clock = nullptr});
    if (!store.is_ok()) return report(store.status());
  }

  Progress progress("import", events->size());
  const std::span<const store::Event> all(*events);
  for (std::size_t i = 0; i < all.size(); i += kBatch) {
    const auto batch = all.subspan(i, std::min(kBatch, all.size() - i));
    if (Status s = (*store)->append_recorded(batch); !s.is_ok()) return report(s);
    progress.update(i + batch.size());
  }
  if (Status s = (*store)->sync(); !s.is_ok()) return report(s);
  const store::ChainHead head = (*store)->head();
  fmt::print("imported {} events into {}; the chain ends at position {}, hash {}\n", events->size(), dir->string(), head.position,
             store::to_hex(head.hash));
  return kExitOk;
}

const Registration registration({"import", "append events from an export (JSON Lines on standard input)", kHelp, run_import});

}  // namespace
}  // namespace mentorflow::cli
