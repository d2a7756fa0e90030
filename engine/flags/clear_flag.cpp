#include "engine/flags/clear_flag.hpp"

#include <fmt/core.h>

#include "engine/authorise.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "engine/flags/case_flags.hpp"
#include "engine/staff_write.hpp"

namespace mentorflow::engine {
namespace {

// FlagCleared for flag `number` of the case as it stands, or why it cannot be cleared.
Result<store::NewEvent> flag_cleared(Engine& engine, const CaseState& state, std::uint64_t number,
                                     const store::Actor& actor, const std::string& reason) {
  auto definition = engine.definition_of_case(state);
  if (!definition.is_ok()) return definition.status();
  const dsl::RoleSpec* role = (*definition)->find_role(actor.role);
  if (!role || role->kind != dsl::RoleKind::Staff)
    return Status::forbidden(fmt::format("only staff clear flags; {} acts as {}, {}", actor.user, actor.role,
                                         role ? "which is not a staff role" : "a role the workflow does not declare"));
  const std::vector<CaseFlag> flags = flags_of_case(state, *definition);
  if (number == 0 || number > flags.size())
    return Status::not_found(flags.empty() ? fmt::format("{} has no flags", state.name)
                                           : fmt::format("{} has no flag {}: its flags are numbered 1 to {}",
                                                         state.name, number, flags.size()));
  const CaseFlag& flag = flags[number - 1];
  if (flag.cleared)
    return Status::wrong_state(fmt::format("flag {} of {} ({}) was cleared already by {}: {}", number, state.name,
                                           flag.text, flag.cleared_by, flag.cleared_reason));
  store::NewEvent e;
  e.type = events::kFlagCleared;
  e.definition_id = (*definition)->id();
  e.payload = events::flag_cleared(number, reason);
  return e;
}

}  // namespace

nlohmann::json clear_flag_inputs(std::uint64_t number, const std::string& reason) {
  return {{"flag", number}, {"reason", reason}};
}

nlohmann::json keyed_clear(const nlohmann::json& cleared) {
  if (!cleared.contains("key")) return nullptr;
  return {{"command", kClearFlagCommand},
          {"inputs", clear_flag_inputs(cleared.at("flag").get<std::uint64_t>(), cleared.at("reason").get<std::string>())},
          {"key", cleared.at("key")},
          {"events", cleared.at("events")}};
}

Result<std::uint64_t> clear_flag(Engine& engine, const std::string& case_name, std::uint64_t number,
                                 const store::Actor& actor, const std::string& reason, const std::string& correlation,
                                 const std::string& key) {
  if (Status st = check_user_name(actor); !st.is_ok()) return st;
  if (Status st = check_staff_reason(reason, "clearing a flag needs a reason: say why it needs no more attention");
      !st.is_ok())
    return st;
  // As a command's: the key names this request (engine/idempotency.hpp), folded from FlagCleared.
  const CommandRequest request{case_name, kClearFlagCommand, actor, clear_flag_inputs(number, reason), correlation, key};
  return write_on_case(engine, request, fmt::format("clearing flag {}", number),
                       [&](Engine& e, const CaseState& state) { return flag_cleared(e, state, number, actor, reason); });
}

}  // namespace mentorflow::engine
