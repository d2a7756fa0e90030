#include "engine/authorise.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "base/printable.hpp"

namespace mentorflow::engine {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string state_names(const dsl::CaseTypeSpec& spec, const std::vector<dsl::Index>& states) {
  std::vector<std::string> names;
  for (dsl::Index s : states) names.push_back("'" + spec.states[s].name + "'");
  return join(names, " or ");
}

// A case a party names (`party mentee: mentee names case`) carries that person's user id: a
// participant opens it under their own id only, so that no one takes another's id before they
// come (a token need not exist yet); staff open it for anyone (the office's CSV import).
Status check_named_by_opener(const dsl::CaseTypeSpec& spec, const store::Actor& actor, const std::string& case_name) {
  const auto naming = std::find_if(spec.parties.begin(), spec.parties.end(), [](const dsl::PartySpec& p) { return p.names_case; });
  if (naming == spec.parties.end()) return Status::ok();
  const std::size_t slash = case_name.rfind('/') + 1;
  const std::string id = case_name.substr(slash);
  if (naming->role != actor.role)
    return Status::forbidden(fmt::format("{} is named by its {}, who opens it under their own user id (or staff for "
                                         "them): a {} may not open {}",
                                         spec.name, naming->name, actor.role, case_name));
  if (id != actor.user)
    return Status::forbidden(fmt::format("{} opens {} under their own user id only ({}{}), not under '{}'", actor.user,
                                         spec.name, case_name.substr(0, slash), actor.user, id));
  return Status::ok();
}

}  // namespace

Status check_user_name(const store::Actor& actor) {
  if (actor.user.empty()) return Status::invalid_argument("the user name is empty");
  if (has_control_character(actor.user))
    return Status::invalid_argument(
        fmt::format("the user name '{}' holds a control character: names are printable", printable(actor.user)));
  if (const std::size_t length = utf8_length(actor.user); length > kMaxUserNameLength)
    return Status::invalid_argument(fmt::format("the user name '{}...' is {} characters long: the limit is {}",
                                                printable(actor.user.substr(0, 20)), length, kMaxUserNameLength));
  return Status::ok();
}

bool is_party(const CaseState& state, const dsl::CaseTypeSpec& spec, const std::string& user, const std::string& role) {
  for (const dsl::PartySpec& p : spec.parties) {
    if (p.role != role) continue;
    auto it = state.parties.find(p.name);
    if (it != state.parties.end() && it->second == user) return true;
  }
  return false;
}

Status authorise(const dsl::Definition& definition, const dsl::CaseTypeSpec& spec, const dsl::CommandSpec& command,
                 const CaseState& state, const store::Actor& actor, const std::string& case_name) {
  const dsl::RoleSpec* role = definition.find_role(actor.role);
  if (!role)
    return Status::forbidden(fmt::format("'{}' is not a role of workflow {}", actor.role, definition.workflow_name()));
  if (role->kind == dsl::RoleKind::Auditor)
    return Status::forbidden(fmt::format("{} is an auditor: auditors read everything and write nothing", actor.user));
  if (role->kind == dsl::RoleKind::Privacy)
    return Status::forbidden(fmt::format("{} acts as {}, a privacy role: it erases personal data and issues no command",
                                         actor.user, actor.role));
  if (!command.allows_role(actor.role))
    return Status::forbidden(fmt::format("role {} may not {} on {}: only {} may", actor.role, command.name, spec.name,
                                         join(command.roles, ", ")));
  if (command.creates_case()) {
    // Before whether it exists: another person's case is refused alike whether they opened it.
    if (role->kind == dsl::RoleKind::Participant)
      if (Status named = check_named_by_opener(spec, actor, case_name); !named.is_ok()) return named;
    if (state.exists())
      return Status::wrong_state(fmt::format("{} already exists: {} opens a new case", case_name, command.name));
    return Status::ok();
  }
  // A participant hears the same of a case that does not exist as of one not theirs, so that asking
  // tells no one which cases exist.
  if (role->kind == dsl::RoleKind::Participant && !(state.exists() && is_party(state, spec, actor.user, actor.role)))
    return Status::not_a_party(fmt::format("{} is not a party of {}: a {} acts only on their own cases", actor.user,
                                           case_name, actor.role));
  if (!state.exists()) return Status::not_found(fmt::format("there is no case '{}'", case_name));
  const auto at = spec.find_state(state.state);
  if (!at || !command.allows_state(*at))
    return Status::wrong_state(fmt::format("{} is '{}': {} is allowed only from {}", case_name, state.state,
                                           command.name, state_names(spec, command.from)));
  return Status::ok();
}

}  // namespace mentorflow::engine
