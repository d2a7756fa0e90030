// mentorflow exec: one command on one case, by one actor.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "base/json_input.hpp"
#include "base/printable.hpp"
#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow exec --store DIR --as ROLE:USER CASE COMMAND [JSON] [--now T]\n"
    "\n"
    "Runs COMMAND on CASE as USER acting in ROLE. CASE is EDITION/TYPE/ID (a case) or\n"
    "EDITION/COHORT (a cohort); a command that opens a case names the new case. JSON is an object\n"
    "with the command's inputs, e.g. '{\"degree\": \"master\", \"year\": 1}'.\n"
    "\n"
    "Accepted: prints the case's new state, every decision with its explanation, and the positions\n"
    "written. Refused: prints why in one sentence (which rule, which values), writes nothing and\n"
    "exits with 1.\n"
    "\n"
    "options:\n"
    "  --store DIR        the store\n"
    "  --as ROLE:USER     who issues the command, e.g. student:anna or staff:carla\n"
    "  --now T            the time to record, e.g. '2021-10-01 09:00 Europe/Rome' (default: now)\n";

int run_exec(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--as", "--now"}, {}}, error);
  if (!args) return usage_error("exec", error);
  const auto& pos = args->positionals();
  if (pos.size() < 2 || pos.size() > 3) return usage_error("exec", "name a CASE, a COMMAND and optionally JSON inputs");
  const auto as = args->get("--as");
  if (!as) return usage_error("exec", "--as ROLE:USER is required");
  const auto actor = parse_actor(*as);
  if (!actor) return usage_error("exec", fmt::format("--as '{}' is not ROLE:USER", *as));
  nlohmann::json inputs = nlohmann::json::object();
  if (pos.size() == 3) {
    auto parsed = parse_json_input(pos[2]);
    if (!parsed.is_ok()) return report(Status::invalid_argument("the inputs: " + parsed.status().message()));
    if (!parsed->is_object())
      return report(Status::invalid_argument(fmt::format("the inputs are not a JSON object: {}", pos[2])));
    inputs = std::move(*parsed);
  }

  int exit_code = kExitOk;
  auto session = open_engine(*args, "exec", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  auto accepted = session->engine->handle({pos[0], pos[1], *actor, inputs, ""});
  if (!accepted.is_ok()) return report(accepted.status());
  fmt::print("{}: {} accepted, now '{}' (positions {}..{})\n", accepted->case_name, pos[1], accepted->state,
             accepted->first_position, accepted->last_position);
  for (const std::string& note : accepted->notes) fmt::print("  {}\n", printable(note));
  for (const std::string& other : accepted->other_cases) fmt::print("  also changed {}\n", other);
  return kExitOk;
}

const Registration registration({"exec", "run one command on a case", kHelp, run_exec});

}  // namespace
}  // namespace mentorflow::cli
