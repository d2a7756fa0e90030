// mentorflow exec: one command on one case, by one actor.
#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "base/json_input.hpp"
#include "base/printable.hpp"
#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/idempotency.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow exec --store DIR|postgresql://... --as ROLE:USER CASE COMMAND [JSON] [--now T] [--key K]\n"
    "\n"
    "Runs COMMAND on CASE as USER acting in ROLE. CASE is EDITION/TYPE/ID (a case) or\n"
    "EDITION/COHORT (a cohort); a command that opens a case names the new case. JSON is an object\n"
    "with the command's inputs, e.g. '{\"degree\": \"master\", \"year\": 1}'.\n"
    "\n"
    "Accepted: prints the case's new state, every decision with its explanation, and the positions\n"
    "written. Refused: prints why in one sentence (which rule, which values), writes nothing and\n"
    "exits with 1.\n"
    "\n"
    "With --key, the command is recorded with that idempotency key (1 to 200 printable ASCII\n"
    "characters), kept per case: the same command again with the same key (same case, command,\n"
    "actor and inputs) prints the first outcome, says it was already recorded and writes nothing;\n"
    "another command with a key the case has recorded is refused (exit 1). A refused command\n"
    "records nothing, so it may be retried with its key.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --as ROLE:USER                who issues the command, e.g. student:anna or staff:carla\n"
    "  --now T                       the time to record, e.g. '2021-10-01 09:00 Europe/Rome' (default: now)\n"
    "  --key K                       an idempotency key: retrying with it never applies the command twice\n";

int run_exec(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--as", "--now", "--key"}, {}}, error);
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

  const std::string key = args->get("--key").value_or("");
  if (args->get("--key"))
    if (Status st = engine::check_key(key); !st.is_ok()) return report(st);

  int exit_code = kExitOk;
  auto session = open_engine(*args, "exec", StoreAccess::kWrite, exit_code);
  if (!session) return exit_code;
  auto request = session->privacy.pseudonyms->command(*session->engine, {pos[0], pos[1], *actor, inputs, "", key});
  if (!request.is_ok()) return report(request.status());
  auto accepted = session->engine->handle(*request);
  if (!accepted.is_ok()) return report(accepted.status());
  if (accepted->replayed)
    fmt::print("{}: {} was already recorded with key '{}' (positions {}..{}), leaving it '{}'; nothing was written\n",
               accepted->case_name, pos[1], key, accepted->first_position, accepted->last_position, accepted->state);
  else
    fmt::print("{}: {} accepted, now '{}' (positions {}..{})\n", accepted->case_name, pos[1], accepted->state,
               accepted->first_position, accepted->last_position);
  for (const std::string& note : accepted->notes) fmt::print("  {}\n", printable(note));
  for (const std::string& other : accepted->other_cases) fmt::print("  also changed {}\n", other);
  return kExitOk;
}

const Registration registration({"exec", "run one command on a case", kHelp, run_exec});

}  // namespace
}  // namespace mentorflow::cli
