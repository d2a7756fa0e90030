// POST /v1/cases/C: one command on one case, by the caller in one of their token's roles. The
// engine decides, exactly as for `mentorflow exec`, and says what kind of refusal it made
// (engine/authorise.hpp); this file chooses the role, then maps the kind to a status: who asks
// (forbidden, not a party) 403, the case's state (or a case that exists already) 409, a rule or a
// requirement 422. Every 403, 409 and 422 is counted as a refused command. An Idempotency-Key
// header is the command's key (engine/idempotency.hpp): a repeat gets the first response again,
// marked Idempotent-Replayed; a key first used for another command, 409 key_reused.
#include <fmt/core.h>

#include <algorithm>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "engine/case_name.hpp"
#include "engine/events.hpp"
#include "engine/idempotency.hpp"

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

// The role the caller acts in: the one asked for, else the first of theirs (in token order) that
// the command allows, else the first of theirs the workflow declares. Empty when they hold none.
// (A token never holds the engine's own role, `system`: api/tokens.hpp.)
std::string choose_role(const Principal& principal, const nlohmann::json& body, const dsl::Definition& definition,
                        const dsl::CommandSpec* command) {
  if (body.contains("role")) return body["role"].get<std::string>();
  for (const std::string& role : principal.roles)
    if (command && command->allows_role(role)) return role;
  for (const std::string& role : principal.roles)
    if (definition.find_role(role)) return role;
  return {};
}

ApiResponse refused(Call& call, int http_status, std::string_view code, std::string message,
                    const nlohmann::json& details = nlohmann::json::object()) {
  call.metrics.refused();
  return error_response(http_status, code, std::move(message), details);
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
  if (body->contains("dry_run") && !(*body)["dry_run"].is_boolean())
    return error_response(status::kBadRequest, "malformed", "\"dry_run\" is true or false");
  const bool dry_run = body->value("dry_run", false);
  const auto& key = call.request.idempotency_key;
  if (key)
    if (Status st = engine::check_key(*key); !st.is_ok())
      return error_response(status::kBadRequest, "invalid", "the Idempotency-Key header: " + st.message());
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

  const store::Actor actor{call.principal.user, role};
  // A dry run writes nothing, so it records no key either.
  engine::CommandRequest request{case_name, command, actor, nlohmann::json::object(), "", key && !dry_run ? *key : ""};
  if (auto inputs = body->find("inputs"); inputs != body->end()) request.inputs = std::move(*inputs);
  if (call.pseudonyms)  // inputs that name cases name them by id; the log knows their pseudonyms
    if (Status s = call.pseudonyms->inputs(definition, name->type, command, request.inputs, !dry_run); !s.is_ok())
      return status_response(s, {{"case", case_name}, {"command", command}});
  if (dry_run) {
    // What the command would do, decided as for real, nothing written (a cohort command's
    // confirmation: "12 mentee applications will move").
    auto decided = call.engine.decide(*name, request);
    if (!decided.is_ok()) return status_response(decided.status(), {{"case", case_name}, {"command", command}, {"role", role}});
    nlohmann::json would = accepted_json(*decided, command);
    would.erase("positions");
    would["dry_run"] = true;
    return json_response(would);
  }
  auto accepted = call.engine.handle(*name, request);
  if (accepted.is_ok()) {
    if (accepted->first_position > 0 && !accepted->replayed)
      call.metrics.accepted(accepted->last_position - accepted->first_position + 1);
    const auto& types = accepted->event_types;
    const bool opened = std::find(types.begin(), types.end(), engine::events::kCaseOpened) != types.end();
    ApiResponse response = json_response(accepted_json(*accepted, command), opened ? status::kCreated : status::kOk);
    if (accepted->replayed) response.headers.emplace_back("Idempotent-Replayed", "true");
    return response;
  }
  const Status& failure = accepted.status();
  nlohmann::json details = {{"case", case_name}, {"command", command}, {"role", role}};
  if (!request.key.empty()) details["idempotency_key"] = request.key;
  if (engine::is_key_reused(failure))
    return refused(call, status::kConflict, "key_reused", failure.message(), details);
  if (failure.is_refused() || failure.is_conflict()) call.metrics.refused();
  return status_response(failure, details);
}

}  // namespace mentorflow::api
