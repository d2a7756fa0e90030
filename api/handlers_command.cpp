// POST /v1/cases/C: one command on one case, by the caller in one of their roles. The engine
// decides exactly as for `mentorflow exec`; this file chooses the role, then turns the engine's
// answer into a status: a refusal for the role or the party is 403, for the case's state (or a
// case that exists already) 409, by a rule or a requirement 422.
#include <fmt/core.h>

#include <algorithm>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "engine/case_name.hpp"
#include "engine/events.hpp"

namespace mentorflow::api {
namespace {

// The command's spec, if the edition's workflow has it for this kind of case.
const dsl::CommandSpec* find_command(const dsl::Definition& definition, const engine::CaseName& name,
                                     const std::string& command, const dsl::CaseTypeSpec** type_out) {
  const auto type = definition.find_case_type(name.type);
  if (!type) return nullptr;
  const dsl::CaseTypeSpec& spec = definition.case_type(*type);
  *type_out = &spec;
  const auto index = spec.find_command(command);
  return index ? &spec.commands[*index] : nullptr;
}

// The role the caller acts in: the one asked for, else the first of theirs (in token order) that
// the command allows, else the first of theirs the workflow declares. Empty when they hold none.
std::string choose_role(const Principal& principal, const nlohmann::json& body, const dsl::Definition& definition,
                        const dsl::CommandSpec* command) {
  if (body.contains("role")) return body["role"].get<std::string>();
  for (const std::string& role : principal.roles)
    if (command && command->allows_role(role)) return role;
  for (const std::string& role : principal.roles)
    if (definition.find_role(role)) return role;
  return {};
}

// Why the engine refused, as a status: re-reads the case as it is now, so a command that lost a
// race to a change of state gets 409 like any command in the wrong state.
ApiResponse refusal(Call& call, const engine::CaseName& name, const std::string& case_name,
                    const std::string& command_name, const store::Actor& actor, const dsl::Definition& definition,
                    const Status& refused) {
  call.metrics.refused();
  const nlohmann::json details = {{"case", case_name}, {"command", command_name}, {"role", actor.role}};
  const dsl::CaseTypeSpec* type = nullptr;
  const dsl::CommandSpec* command = find_command(definition, name, command_name, &type);
  const dsl::RoleSpec* role = definition.find_role(actor.role);
  if (!command || !role || role->kind == dsl::RoleKind::Auditor || !command->allows_role(actor.role))
    return error_response(status::kForbidden, "forbidden", refused.message(), details);
  auto now = call.engine.load(case_name);
  const bool exists = now.is_ok() && now->exists();
  if (exists && role->kind == dsl::RoleKind::Participant && !command->creates_case() &&
      !is_party(*now, definition, actor.user, {actor.role}))
    return error_response(status::kForbidden, "forbidden", refused.message(), details);
  if (command->creates_case() && exists) return error_response(status::kConflict, "wrong_state", refused.message(), details);
  if (exists && !command->creates_case()) {
    const auto state = type->find_state(now->state);
    if (!state || !command->allows_state(*state))
      return error_response(status::kConflict, "wrong_state", refused.message(), details);
  }
  return error_response(status::kUnprocessable, "refused", refused.message(), details);
}

nlohmann::json accepted_json(const engine::Accepted& a, const std::string& command) {
  return {{"case", a.case_name},     {"command", command},         {"state", a.state},
          {"positions", {{"first", a.first_position}, {"last", a.last_position}}},
          {"events", a.event_types}, {"other_cases", a.other_cases}, {"notes", a.notes}};
}

}  // namespace

ApiResponse handle_command(Call& call, const std::string& case_name) {
  ApiResponse error;
  auto body = body_object(call.request, error);
  if (!body) return error;
  if (!body->contains("command") || !(*body)["command"].is_string())
    return error_response(status::kBadRequest, "malformed", "the body needs \"command\": the name of the command");
  if (body->contains("inputs") && !(*body)["inputs"].is_object())
    return error_response(status::kBadRequest, "malformed", "\"inputs\" must be a JSON object");
  if (body->contains("role") && !(*body)["role"].is_string())
    return error_response(status::kBadRequest, "malformed", "\"role\" must be a role name");
  const std::string command = (*body)["command"];
  auto name = engine::parse_case_name(case_name);
  if (!name.is_ok()) return status_response(name.status());
  auto access = edition_access(call, name->edition, error);
  if (!access) return error;
  const dsl::Definition& definition = *access->definition;

  const dsl::CaseTypeSpec* type = nullptr;
  const std::string role = choose_role(call.principal, *body, definition, find_command(definition, *name, command, &type));
  if (role.empty() || !call.principal.has_role(role))
    return error_response(status::kForbidden, "forbidden",
                          role.empty() ? fmt::format("{} holds no role of workflow {}", call.principal.user,
                                                     definition.workflow_name())
                                       : fmt::format("{}'s token does not hold role {}", call.principal.user, role));
  if (std::find(access->standing.auditor_roles.begin(), access->standing.auditor_roles.end(), role) !=
      access->standing.auditor_roles.end())
    return error_response(status::kForbidden, "forbidden",
                          fmt::format("{} is an auditor: auditors read everything and write nothing", call.principal.user));

  const store::Actor actor{call.principal.user, role};
  engine::CommandRequest request{case_name, command, actor,
                                 body->contains("inputs") ? (*body)["inputs"] : nlohmann::json::object(), ""};
  auto accepted = call.engine.handle(request);
  if (accepted.is_ok()) {
    if (accepted->first_position > 0) call.metrics.accepted(accepted->last_position - accepted->first_position + 1);
    const auto& types = accepted->event_types;
    const bool opened = std::find(types.begin(), types.end(), engine::events::kCaseOpened) != types.end();
    return json_response(accepted_json(*accepted, command), opened ? status::kCreated : status::kOk);
  }
  if (accepted.status().is_refused())
    return refusal(call, *name, case_name, command, actor, definition, accepted.status());
  if (accepted.status().is_conflict()) call.metrics.refused();
  return status_response(accepted.status());
}

}  // namespace mentorflow::api
