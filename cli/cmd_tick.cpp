// mentorflow tick: fires the timers that are due.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/timers/tick.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow tick --store DIR|postgresql://... [--now T]\n"
    "\n"
    "Fires every timer due at or before T (default: now), oldest first: deadlines that close\n"
    "applications, reminders, repeating nudges. Each timer fires exactly once, even if tick runs\n"
    "again or crashes half way: firing and its effects are one atomic write. Prints what fired.\n"
    "A timer that cannot fire now (its case does not load) is listed, stays pending, and the\n"
    "others still fire; tick then exits with 1.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --now T                       the time to fire up to, e.g. '2021-10-07 12:31 Europe/Rome'\n";

int run_tick(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--now"}, {}}, error);
  if (!args) return usage_error("tick", error);
  if (!args->positionals().empty()) return usage_error("tick", "takes no CASE");
  int exit_code = kExitOk;
  auto session = open_engine(*args, "tick", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  auto fired = engine::timers::tick(*session->engine);
  if (!fired.is_ok()) return report(fired.status());
  std::size_t held = 0, already = 0;
  for (const engine::timers::Fired& f : *fired) {
    fmt::print("{} {} (due {}): {}\n", f.case_name, f.timer, dsl::format_datetime(f.due, "UTC"), f.outcome);
    held += f.held ? 1 : 0;
    already += f.already ? 1 : 0;
  }
  const std::size_t count = fired->size() - held - already;
  fmt::print("{} timer{} fired\n", count, count == 1 ? "" : "s");
  if (held == 0) return kExitOk;
  fmt::print(stderr, "mentorflow: {} timer{} could not fire and stay{} pending (see above)\n", held,
             held == 1 ? "" : "s", held == 1 ? "s" : "");
  return kExitRefused;
}

const Registration registration({"tick", "fire the timers that are due", kHelp, run_tick});

}  // namespace
}  // namespace mentorflow::cli
