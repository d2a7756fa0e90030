// What the caller may do next: GET /v1/commands/C (the commands open to them on a case now) and
// GET /v1/editions/E/commands?type=T (the commands that open a new case of type T: applying).
// Each command comes with its inputs' types and, for inputs that name other cases, the cases they
// may name. The engine decides who may (engine/open_commands.hpp); this file only shapes JSON.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/definition_json.hpp"
#include "api/handlers.hpp"
#include "engine/case_name.hpp"
#include "engine/open_commands.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::api {
namespace {

using nlohmann::json;

// How many cases a ref input offers at most: a picker, not an export.
constexpr std::size_t kMaxOptions = 500;

// The roles in which the caller may act in the edition (auditors write nothing).
std::vector<std::string> acting_roles(const Standing& standing) {
  std::vector<std::string> roles = standing.participant_roles;
  roles.insert(roles.end(), standing.staff_roles.begin(), standing.staff_roles.end());
  return roles;
}

// A candidate as a picker shows it: its name, its id, and a title: the first text field its type
// declares that is set (a project's host, an offer's title, an applicant's full name).
Result<json> option_json(engine::Engine& engine, const dsl::CaseTypeSpec& type, const std::string& name) {
  auto state = engine.load(name);
  if (!state.is_ok()) return state.status();
  json option = {{"case", name}, {"id", name.substr(name.rfind('/') + 1)}};
  for (const dsl::FieldSpec& field : type.fields) {
    const dsl::Type& t = field.type.is(dsl::TypeKind::Optional) ? field.type.element() : field.type;
    if (!t.is(dsl::TypeKind::Text)) continue;
    if (auto it = state->fields.find(field.name); it != state->fields.end() && it->is_string() && !it->empty()) {
      option["title"] = *it;
      break;
    }
  }
  return option;
}

Result<json> commands_json(Call& call, const dsl::Definition& definition, const std::string& edition, dsl::Index type,
                           const std::vector<engine::OpenCommand>& open) {
  const dsl::CaseTypeSpec& spec = definition.case_type(type);
  json out = json::array();
  for (const engine::OpenCommand& o : open) {
    const dsl::CommandSpec& command = spec.commands[o.command];
    json c = command_json(spec, command, definition);
    c["role"] = o.role;
    for (std::size_t i = 0; i < command.inputs.size(); ++i) {
      const auto referred_name = engine::referred_case_type(command.inputs[i].type);
      const auto referred_type = referred_name ? definition.find_case_type(*referred_name) : std::nullopt;
      if (!referred_type) continue;
      const dsl::CaseTypeSpec& referred = definition.case_type(*referred_type);
      auto names = engine::ref_candidates(call.engine, definition, edition, type, command.inputs[i].type, kMaxOptions);
      if (!names.is_ok()) return names.status();
      json options = json::array();
      for (const std::string& name : *names) {
        auto option = option_json(call.engine, referred, name);
        if (!option.is_ok()) return option.status();
        options.push_back(std::move(*option));
      }
      c["inputs"][i]["options"] = std::move(options);
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

ApiResponse handle_open_commands(Call& call, const std::string& case_name) {
  ApiResponse error;
  auto found = readable_case(call, case_name, error);
  if (!found) return error;
  const dsl::Definition& definition = *found->access.definition;
  const engine::CaseState& now = found->state;
  const auto type = definition.find_case_type(now.case_type);
  if (!type) return status_response(Status::corruption(fmt::format("case '{}' has an unknown type", case_name)));
  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return status_response(caught.status());
  const auto open =
      engine::open_commands(definition, *type, now, case_name, call.principal.user, acting_roles(found->access.standing));
  auto commands = commands_json(call, definition, found->name.edition, *type, open);
  if (!commands.is_ok()) return status_response(commands.status());
  return json_response({{"case", case_name}, {"state", now.state}, {"commands", std::move(*commands)}});
}

ApiResponse handle_opening_commands(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_access(call, edition, error);
  if (!access) return error;
  const dsl::Definition& definition = *access->definition;
  const auto& query = call.request.query;
  const auto type_name = query.find("type");
  if (type_name == query.end())
    return error_response(status::kBadRequest, "malformed", "name the case type: ?type=TYPE");
  const auto type = definition.find_case_type(type_name->second);
  if (!type || definition.case_type(*type).cohort)
    return error_response(status::kNotFound, "not_found",
                          fmt::format("edition '{}' has no case type '{}'", edition, type_name->second));
  // A participant's own case is named by their user id; others name it (?id=lyon-film).
  const auto id = query.find("id");
  std::string case_id = id != query.end() ? id->second : call.principal.user;
  if (call.pseudonyms && id != query.end())  // an id nobody has yet stays as given: no such case
    if (auto mapped = call.pseudonyms->user(case_id, false); mapped.is_ok()) case_id = std::move(*mapped);
  const std::string case_name = edition + "/" + type_name->second + "/" + case_id;
  auto parsed = engine::parse_case_name(case_name);
  if (!parsed.is_ok())
    return error_response(status::kBadRequest, "invalid", fmt::format("'{}' is not a case id", case_id));
  auto state = call.engine.load(case_name);
  if (!state.is_ok() && !state.status().is_not_found()) return status_response(state.status());
  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return status_response(caught.status());
  // A case that exists is opened already: its commands are at /v1/commands/CASE.
  const engine::CaseState none;
  auto open = state.is_ok() ? std::vector<engine::OpenCommand>{}
                            : engine::open_commands(definition, *type, none, case_name, call.principal.user,
                                                    acting_roles(access->standing));
  auto commands = commands_json(call, definition, edition, *type, open);
  if (!commands.is_ok()) return status_response(commands.status());
  return json_response({{"case", case_name}, {"exists", state.is_ok()}, {"commands", std::move(*commands)}});
}

}  // namespace mentorflow::api
