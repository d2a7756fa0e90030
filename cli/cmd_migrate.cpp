// mentorflow migrate: moves chosen running cases to the definition another edition published.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/migrate.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow migrate --store DIR|postgresql://... --as ROLE:USER --to EDITION [--reason TEXT] [--dry-run]\n"
    "                          (CASE... | --running EDITION)\n"
    "\n"
    "Moves running cases from the definition they run under to the one EDITION published (see\n"
    "mentorflow publish), e.g. to apply a corrected rules file to the applications already open.\n"
    "Cases keep their names, states, fields and history; their later commands and timers follow\n"
    "the new definition. Each move is checked first: the case type and the case's state must exist\n"
    "in the target, its fields, counters and parties must fit there, and a case in a final state\n"
    "does not move. If any case cannot move, none does: every such case is named with the reason\n"
    "(exit 1). Timers the target does not declare are cancelled with the move.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --as ROLE:USER                who migrates: a staff role of the target workflow\n"
    "  --to EDITION                  the published edition whose definition the cases move to\n"
    "  --reason TEXT                 why, recorded with each move and shown by mentorflow history\n"
    "  --running EDITION             every case and cohort of EDITION that is not in a final state\n"
    "  --dry-run                     check and list the moves, write nothing\n"
    "  --now T                       the time to record (default: now)\n";

// The cases of `edition` that are still running, from the read models (brought up to date first).
Result<std::vector<std::string>> running_cases(engine::Engine& engine, const std::string& edition) {
  auto caught_up = engine::read_models::catch_up_read_models(engine.store());
  if (!caught_up.is_ok()) return caught_up.status();
  auto definition = engine.definition_of_edition(edition);
  if (!definition.is_ok()) return definition.status();
  auto summaries = engine::read_models::case_summaries(engine.store(), edition + "/");
  if (!summaries.is_ok()) return summaries.status();
  std::vector<std::string> names;
  for (const engine::read_models::CaseSummary& s : *summaries) {
    auto type = (*definition)->find_case_type(s.case_type);
    if (!type) continue;  // migrated to a type this edition lacks: final there is unknown, keep it
    const dsl::CaseTypeSpec& spec = (*definition)->case_type(*type);
    auto state = spec.find_state(s.state);
    if (!state || !spec.states[*state].final) names.push_back(s.name);
  }
  return names;
}

int run_migrate(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--as", "--to", "--reason", "--running", "--now"}, {"--dry-run"}}, error);
  if (!args) return usage_error("migrate", error);
  const auto as = args->get("--as");
  if (!as) return usage_error("migrate", "--as ROLE:USER is required");
  const auto actor = parse_actor(*as);
  if (!actor) return usage_error("migrate", fmt::format("--as '{}' is not ROLE:USER", *as));
  const auto to = args->get("--to");
  if (!to) return usage_error("migrate", "--to EDITION is required");
  const auto running = args->get("--running");
  if (running.has_value() == !args->positionals().empty())
    return usage_error("migrate", "name the CASEs to move, or --running EDITION (not both)");

  int exit_code = kExitOk;
  auto session = open_engine(*args, "migrate", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  engine::Engine& engine = *session->engine;

  auto staff = session->privacy.pseudonyms->actor(*actor, true);
  if (!staff.is_ok()) return report(staff.status());
  std::vector<std::string> cases;
  for (const std::string& name : args->positionals()) cases.push_back(session->privacy.pseudonyms->question(name));
  engine::MigrationRequest request{cases, *to, *staff, args->get("--reason").value_or(""),
                                   args->has("--dry-run")};
  if (running) {
    auto names = running_cases(engine, *running);
    if (!names.is_ok()) return report(names.status());
    if (names->empty()) return report(Status::not_found(fmt::format("edition '{}' has no running case", *running)));
    request.cases = std::move(*names);
  }
  auto result = engine::migrate(engine, request);
  if (!result.is_ok()) return report(result.status());
  if (!result->refused.empty()) {
    fmt::print(stderr, "mentorflow: {} of {} cases cannot move to edition {}; nothing was written:\n",
               result->refused.size(), result->refused.size() + result->moves.size(), *to);
    for (const engine::MoveRefusal& r : result->refused) fmt::print(stderr, "  {}: {}\n", r.case_name, r.reason);
    return kExitRefused;
  }
  const std::string target = result->moves.front().to_definition.substr(0, 12);
  if (request.dry_run)
    fmt::print("would move {} case{} to edition {} (definition {}); nothing written:\n", result->moves.size(),
               result->moves.size() == 1 ? "" : "s", *to, target);
  else
    fmt::print("moved {} case{} to edition {} (definition {}), positions {}..{}:\n", result->moves.size(),
               result->moves.size() == 1 ? "" : "s", *to, target, result->first_position, result->last_position);
  for (const engine::CaseMove& m : result->moves) {
    fmt::print("  {} in '{}'\n", m.case_name, m.state);
    for (const std::string& timer : m.cancelled_timers)
      fmt::print("    timer {} cancelled: edition {} does not declare it\n", timer, *to);
  }
  return kExitOk;
}

const Registration registration({"migrate", "move running cases to another edition's definition", kHelp,
                                 run_migrate});

}  // namespace
}  // namespace mentorflow::cli
