// POST /v1/cases/C: one command on one case, by the caller in one of their roles. The engine
// decides exactly as for `mentorflow exec`; this file chooses the role, refuses what the API
// allows no caller (the role `system`, an auditor writing, a participant opening a case under
// another user's id), then turns the engine's answer into a status: a refusal for the role or
// the party is 403, for the case's state (or a case that exists already) 409, by a rule or a
// requirement 422. Every 403, 409 and 422 is counted as a refused command.
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
                                     const std::string& command) {
  const auto type = definition.find_case_type(name.type);
  if (!type) return nullptr;
  const dsl::CaseTypeSpec& spec = definition.case_type(*type);
  const auto index = spec.find_command(command);
  return index ? &spec.commands[*index] : nullptr;
}

bool is_system(const dsl::Definition& definition, const std::string& role) {
  const dsl::RoleSpec* spec = definition.find_role(role);
  return role == kSystemRole || (spec && spec->kind == dsl::RoleKind::System);
}

// The role the caller acts in: the one asked for, else the first of theirs (in token order) that
// the command allows, else the first of theirs the workflow declares. Empty when they hold none.
// The engine's own role is never chosen.
std::string choose_role(const Principal& principal, const nlohmann::json& body, const dsl::Definition& definition,
                        const dsl::CommandSpec* command) {
  if (body.contains("role")) return body["role"].get<std::string>();
  for (const std::string& role : principal.roles)
    if (command && command->allows_role(role) && !is_system(definition, role)) return role;
  for (const std::string& role : principal.roles)
    if (definition.find_role(role) && !is_system(definition, role)) return role;
  return {};
}

// The same sentence for a case that is not the participant's and for one that does not exist,
// so that acting on cases tells no one which exist (the engine's words for the first).
std::string not_a_party(const store::Actor& actor, const std::string& case_name) {
  return fmt::format("{} is not a party of {}: a {} acts only on their own cases", actor.user, case_name, actor.role);
}

// Why the API refuses the command before the engine sees it; empty when it does not. `role` is
// one the token holds.
std::string refused_here(const Call& call, const Standing& standing, const dsl::Definition& definition,
                         const engine::CaseName& name, const dsl::CommandSpec* command, const std::string& role) {
  const std::string& user = call.principal.user;
  if (is_system(definition, role))
    return fmt::format("{} is the engine's own role (timers, for each, matching): no caller may act in it", role);
  if (std::find(standing.auditor_roles.begin(), standing.auditor_roles.end(), role) != standing.auditor_roles.end())
    return fmt::format("{} is an auditor: auditors read everything and write nothing", user);
  // A participant's own case is named by their user id (application/anna); a case they offer
  // (a project, a placement offer, a peer group) by its own name. Another person's id is theirs.
  const bool participant = std::find(standing.participant_roles.begin(), standing.participant_roles.end(), role) !=
                           standing.participant_roles.end();
  if (participant && command && command->creates_case() && !name.is_cohort() && name.id != user &&
      call.tokens.knows_user(name.id))
    return fmt::format("{} may open a case under their own user id only, not under {}'s", user, name.id);
  return {};
}

ApiResponse refused(Call& call, int http_status, std::string_view code, std::string message,
                    const nlohmann::json& details = nlohmann::json::object()) {
  call.metrics.refused();
  return error_response(http_status, code, std::move(message), details);
}

// Why the engine refused, as a status. The engine says itself when it was the case's state; a
// participant's refusal is 403 when they are not a party (parties never change, so reading the
// case again is safe); for a command that opens a case, the case existing now means it did then.
ApiResponse refusal(Call& call, const engine::CaseName& name, const std::string& case_name,
                    const std::string& command_name, const store::Actor& actor, const dsl::Definition& definition,
                    const Status& engine_refusal) {
  const nlohmann::json details = {{"case", case_name}, {"command", command_name}, {"role", actor.role}};
  const std::string& message = engine_refusal.message();
  if (engine_refusal.is_wrong_state()) return refused(call, status::kConflict, "wrong_state", message, details);
  const dsl::CommandSpec* command = find_command(definition, name, command_name);
  const dsl::RoleSpec* role = definition.find_role(actor.role);
  if (!command || !role || role->kind == dsl::RoleKind::Auditor || !command->allows_role(actor.role))
    return refused(call, status::kForbidden, "forbidden", message, details);
  if (!command->creates_case() && role->kind == dsl::RoleKind::Participant) {
    auto now = call.engine.load(case_name);
    if (now.is_ok() && now->exists() && !is_party(*now, definition, actor.user, {actor.role}))
      return refused(call, status::kForbidden, "forbidden", not_a_party(actor, case_name), details);
  }
  if (command->creates_case()) {
    auto now = call.engine.load(case_name);
    if (now.is_ok() && now->exists()) return refused(call, status::kConflict, "wrong_state", message, details);
  }
  return refused(call, status::kUnprocessable, "refused", message, details);
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
  if (!access) {
    if (error.status == status::kForbidden) call.metrics.refused();
    return error;
  }
  const dsl::Definition& definition = *access->definition;

  const dsl::CommandSpec* spec = find_command(definition, *name, command);
  const std::string role = choose_role(call.principal, *body, definition, spec);
  if (role.empty() || !call.principal.has_role(role))
    return refused(call, status::kForbidden, "forbidden",
                   role.empty() ? fmt::format("{} holds no role of workflow {}", call.principal.user,
                                              definition.workflow_name())
                                : fmt::format("{}'s token does not hold role {}", call.principal.user, role));
  if (std::string why = refused_here(call, access->standing, definition, *name, spec, role); !why.empty())
    return refused(call, status::kForbidden, "forbidden", std::move(why));

  const store::Actor actor{call.principal.user, role};
  engine::CommandRequest request{case_name, command, actor, nlohmann::json::object(), ""};
  if (auto inputs = body->find("inputs"); inputs != body->end()) request.inputs = std::move(*inputs);
  auto accepted = call.engine.handle(request);
  if (accepted.is_ok()) {
    if (accepted->first_position > 0) call.metrics.accepted(accepted->last_position - accepted->first_position + 1);
    const auto& types = accepted->event_types;
    const bool opened = std::find(types.begin(), types.end(), engine::events::kCaseOpened) != types.end();
    return json_response(accepted_json(*accepted, command), opened ? status::kCreated : status::kOk);
  }
  const Status& failure = accepted.status();
  if (failure.is_refused()) return refusal(call, *name, case_name, command, actor, definition, failure);
  // A participant asking about a case that does not exist hears what they would of one not theirs.
  const dsl::RoleSpec* kind = definition.find_role(role);
  if (failure.is_not_found() && spec && !spec->creates_case() && kind && kind->kind == dsl::RoleKind::Participant)
    return refused(call, status::kForbidden, "forbidden", not_a_party(actor, case_name),
                   {{"case", case_name}, {"command", command}, {"role", role}});
  if (failure.is_conflict()) call.metrics.refused();
  return status_response(failure);
}

}  // namespace mentorflow::api
