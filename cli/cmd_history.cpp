// mentorflow history: a case's timeline, each decision explained in plain words.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/audit/history.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow history --store DIR|postgresql://... CASE [--json]\n"
    "\n"
    "Prints the timeline of CASE (EDITION/TYPE/ID, or EDITION/COHORT): one entry per accepted\n"
    "command, with the positions of its events, the time (in the edition's zone), who acted in\n"
    "which role, the command, its inputs in short and the change of state; then each decision in\n"
    "plain words with its rule and FILE:LINE, and what else happened (outputs, counters, timers,\n"
    "cases created). Everything comes from the log: no workflow or rules file is read.\n"
    "With --json, the same as a JSON array, one object per entry, each decision with its full\n"
    "recorded trace. Read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow history --store store mie-2021/application/anna\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --json                        print JSON instead of text\n";

int run_history(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store"}, {"--json"}}, error);
  if (!args) return usage_error("history", error);
  if (args->positionals().size() != 1) return usage_error("history", "name exactly one CASE");
  int exit_code = kExitOk;
  auto session = open_engine(*args, "history", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto history = engine::audit::case_history(*session->engine, session->privacy.pseudonyms->question(args->positionals()[0]));
  if (!history.is_ok()) return report(history.status());
  if (args->has("--json")) fmt::print("{}\n", engine::audit::history_json(*history).dump(2));
  else fmt::print("{}", engine::audit::history_text(*history));
  return kExitOk;
}

const Registration registration({"history", "show a case's timeline with every decision explained", kHelp,
                                  run_history});

}  // namespace
}  // namespace mentorflow::cli
