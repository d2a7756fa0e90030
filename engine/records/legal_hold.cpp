#include "engine/records/legal_hold.hpp"

#include <fmt/core.h>

#include "dsl/compile/privacy_roles.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/authorise.hpp"
#include "engine/case_name.hpp"
#include "engine/edition_zone.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "engine/staff_write.hpp"

namespace mentorflow::engine {
namespace {

// Who may hold a case: a staff role of its workflow, the office that answers for its records, or
// its data-protection officer (a privacy role), who answers for the erasures a hold stops.
Status check_holder(const dsl::Definition& definition, const store::Actor& actor, bool placing) {
  const dsl::RoleSpec* role = definition.find_role(actor.role);
  if (role && (role->kind == dsl::RoleKind::Staff || dsl::may_manage_personal_data(definition, actor.role)))
    return Status::ok();
  return Status::forbidden(fmt::format("only staff or a privacy role {} legal holds; {} acts as {}, {}",
                                       placing ? "place" : "release", actor.user, actor.role,
                                       role ? "which is neither" : "a role the workflow does not declare"));
}

std::string hold_words(const nlohmann::json& hold, const std::string& zone) {
  return fmt::format("since {} by {}: {}", dsl::format_datetime(hold.value("at", std::int64_t{0}), zone),
                     hold.value("by", std::string()), hold.value("reason", std::string()));
}

// The hold's event on the case as it stands, or why it cannot be written.
Result<store::NewEvent> hold_event(Engine& engine, const CaseState& state, const store::Actor& actor,
                                   const std::string& reason, bool placing) {
  auto definition = engine.definition_of_case(state);
  if (!definition.is_ok()) return definition.status();
  if (Status st = check_holder(**definition, actor, placing); !st.is_ok()) return st;
  if (placing && !state.hold.is_null())
    return Status::wrong_state(
        fmt::format("{} is held already, {}", state.name, hold_words(state.hold, edition_zone(*definition))));
  if (!placing && state.hold.is_null()) return Status::wrong_state(fmt::format("{} is not held", state.name));
  store::NewEvent e;
  e.type = placing ? events::kLegalHoldPlaced : events::kLegalHoldReleased;
  e.definition_id = (*definition)->id();
  e.payload = events::legal_hold(reason);
  return e;
}

Result<std::uint64_t> write_hold(Engine& engine, const std::string& case_name, const store::Actor& actor,
                                 const std::string& reason, const std::string& correlation, bool placing) {
  if (Status st = check_user_name(actor); !st.is_ok()) return st;
  if (Status st = check_staff_reason(reason, placing ? "a legal hold needs a reason: say what the records are kept for"
                                                     : "releasing a legal hold needs a reason: say why it may end");
      !st.is_ok())
    return st;
  auto name = parse_case_name(case_name);
  if (!name.is_ok()) return name.status();
  if (name->is_cohort())
    return Status::invalid_argument(fmt::format(
        "{} is a cohort, which holds nobody's personal data: hold the cases of the people concerned", case_name));
  const CommandRequest request{case_name, placing ? "hold" : "release-hold", actor, {{"reason", reason}}, correlation};
  return write_on_case(engine, request, placing ? "placing a legal hold" : "releasing a legal hold",
                       [&](Engine& e, const CaseState& state) { return hold_event(e, state, actor, reason, placing); });
}

}  // namespace

Result<std::uint64_t> place_hold(Engine& engine, const std::string& case_name, const store::Actor& actor,
                                 const std::string& reason, const std::string& correlation) {
  return write_hold(engine, case_name, actor, reason, correlation, true);
}

Result<std::uint64_t> release_hold(Engine& engine, const std::string& case_name, const store::Actor& actor,
                                   const std::string& reason, const std::string& correlation) {
  return write_hold(engine, case_name, actor, reason, correlation, false);
}

Status check_not_held(Engine& engine, const std::vector<std::string>& cases, const std::string& subject) {
  for (const std::string& name : cases) {
    auto state = engine.load(name);
    if (!state.is_ok()) return state.status();
    if (state->hold.is_null()) continue;
    auto definition = engine.definition_of_case(*state);
    const std::string zone = edition_zone(definition.is_ok() ? *definition : nullptr);
    return Status::wrong_state(fmt::format("{} may not be erased: {} is under a legal hold, {}; release it first",
                                           subject, name, hold_words(state->hold, zone)));
  }
  return Status::ok();
}

}  // namespace mentorflow::engine
