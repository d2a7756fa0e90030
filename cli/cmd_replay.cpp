// mentorflow replay: drops the read models and rebuilds them from the log.
#include <fmt/core.h>

#include <chrono>
#include <map>

#include "cli/command.hpp"
#include "cli/privacy_door.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "engine/read_models/read_model.hpp"
#include "store/event_store.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow replay --store DIR|postgresql://...\n"
    "\n"
    "Drops the read models (case summaries, cases by state, counts, due timers) and rebuilds them\n"
    "by projecting every event from position 1, as they would be had they followed the log from\n"
    "the start. The log itself is only read. Use it after a change to the projection, or when a\n"
    "query reports a damaged read model.\n"
    "\n"
    "Prints how many events were replayed and how fast, then the cases per edition and, for each\n"
    "case type, how many are in each state. Shows progress when standard error is a terminal.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store; another process must not have it open\n";

void print_counts(const std::vector<engine::read_models::StateCount>& counts) {
  std::map<std::string, std::uint64_t> per_edition;
  std::uint64_t total = 0;
  for (const engine::read_models::StateCount& c : counts) {
    per_edition[c.edition] += c.cases;
    total += c.cases;
  }
  fmt::print("{} case{} in {} edition{}\n", total, total == 1 ? "" : "s", per_edition.size(),
             per_edition.size() == 1 ? "" : "s");
  std::string edition;
  for (const engine::read_models::StateCount& c : counts) {
    if (c.edition != edition) {
      edition = c.edition;
      fmt::print("{}: {} case{}\n", edition, per_edition[edition], per_edition[edition] == 1 ? "" : "s");
    }
    fmt::print("  {} {}: {}\n", c.case_type, c.state, c.cases);
  }
}

int run_replay(std::span<const std::string> args) {
  auto dir = parse_store_only(args, "replay");
  if (!dir) return kExitUsage;
  auto store = store::EventStore::open(*dir, {.read_only = false, .create_if_missing = false});
  if (!store.is_ok()) return report(store.status());
  // Read models hold values: on a store with personal data they are built from the values opened.
  auto door = open_privacy(**store, dir->string());
  if (!door.is_ok()) return report(door.status());
  store::EventStore& log = door->log(**store);

  const auto start = std::chrono::steady_clock::now();
  Result<engine::read_models::CatchUp> replayed = Status::io_error("not run");
  {
    Progress progress("replay", (*store)->head().position);
    replayed = engine::read_models::rebuild_read_models(log, [&](std::uint64_t position) { progress.update(position); });
  }
  if (!replayed.is_ok()) return report(replayed.status());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double rate = seconds > 0 ? static_cast<double>(replayed->events) / seconds : 0.0;
  fmt::print("replayed {} events ({} in cases) in {:.2f} s: {:.0f} events/s\n", replayed->events,
             replayed->case_events, seconds, rate);

  auto counts = engine::read_models::state_counts(log);
  if (!counts.is_ok()) return report(counts.status());
  print_counts(*counts);
  return kExitOk;
}

const Registration registration({"replay", "rebuild the read models from the log", kHelp, run_replay});

}  // namespace
}  // namespace mentorflow::cli
