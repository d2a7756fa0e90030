// mentorflow state: a case as it is, or as it was at a position or a time.
#include <fmt/core.h>

#include <charconv>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow state --store DIR|postgresql://... CASE [--at POSITION|DATETIME]\n"
    "\n"
    "Prints the case's state as JSON, rebuilt by folding its events: its state, parties, fields,\n"
    "counters, documents, outputs and pending timers. With --at, the state as it was just after\n"
    "the event at that global position, or at that time (time travel). Read-only.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --at WHEN                     a global position (e.g. 42) or a date-time (e.g. '2021-10-07 12:30 Europe/Rome')\n";

int run_state(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--at"}, {}}, error);
  if (!args) return usage_error("state", error);
  if (args->positionals().size() != 1) return usage_error("state", "name exactly one CASE");

  engine::Until until;
  if (auto at = args->get("--at")) {
    std::uint64_t position = 0;
    const auto [end, ec] = std::from_chars(at->data(), at->data() + at->size(), position);
    if (ec == std::errc() && end == at->data() + at->size()) until.position = position;
    else if (std::string why; auto t = parse_time(*at, &why)) until.time = *t;
    else if (!why.empty()) return usage_error("state", "--at: " + why);
    else return usage_error("state", fmt::format("--at '{}' is neither a position nor a date-time", *at));
  }
  int exit_code = kExitOk;
  auto session = open_engine(*args, "state", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto state = session->engine->load(session->privacy.pseudonyms->question(args->positionals()[0]), until);
  if (!state.is_ok()) return report(state.status());
  fmt::print("{}\n", engine::to_json(*state).dump(2));
  return kExitOk;
}

const Registration registration({"state", "show a case's state, now or at a past point", kHelp, run_state});

}  // namespace
}  // namespace mentorflow::cli
