#include "api/definition_json.hpp"

#include <fmt/core.h>

#include "dsl/eval/shown_value.hpp"
#include "dsl/value_json.hpp"
#include "engine/edition_zone.hpp"

namespace mentorflow::api {
namespace {

using nlohmann::json;

const char* kind_name(dsl::TypeKind kind) {
  switch (kind) {
    case dsl::TypeKind::Int: return "int";
    case dsl::TypeKind::Number: return "number";
    case dsl::TypeKind::Text: return "text";
    case dsl::TypeKind::Bool: return "bool";
    case dsl::TypeKind::Date: return "date";
    case dsl::TypeKind::DateTime: return "datetime";
    case dsl::TypeKind::Duration: return "duration";
    case dsl::TypeKind::Cefr: return "cefr";
    case dsl::TypeKind::Enum: return "enum";
    case dsl::TypeKind::List: return "list";
    case dsl::TypeKind::Set: return "set";
    case dsl::TypeKind::Optional: return "optional";
    case dsl::TypeKind::Range: return "range";
    case dsl::TypeKind::Ref: return "ref";
    case dsl::TypeKind::Case: return "case";
    case dsl::TypeKind::Document: return "document";
    case dsl::TypeKind::Error:
    case dsl::TypeKind::Any: break;
  }
  return "any";
}

const char* role_kind(dsl::RoleKind kind) {
  switch (kind) {
    case dsl::RoleKind::Participant: return "participant";
    case dsl::RoleKind::Staff: return "staff";
    case dsl::RoleKind::Auditor: return "auditor";
    case dsl::RoleKind::Privacy: return "privacy";
    case dsl::RoleKind::System: return "system";
  }
  return "system";
}

json state_names(const dsl::CaseTypeSpec& type, const std::vector<dsl::Index>& states) {
  json out = json::array();
  for (dsl::Index s : states) out.push_back(type.states[s].name);
  return out;
}

const char* origin_name(dsl::InputOrigin origin) {
  switch (origin) {
    case dsl::InputOrigin::Input: return "input";
    case dsl::InputOrigin::Fills: return "fills";
    case dsl::InputOrigin::Attach: return "attach";
  }
  return "input";
}

// A timer's flag as written: the reason with its `{name}`s, and the condition (null: always).
json timer_flag_json(const dsl::Program& program, const dsl::FlagClause& flag) {
  std::string reason;
  for (const dsl::MessagePart& part : flag.reason)
    reason += part.value == dsl::kNoNode ? part.text : fmt::format("{{{}}}", program.text(part.value));
  return {{"reason", reason},
          {"when", flag.condition == dsl::kNoNode ? json() : json(std::string(program.text(flag.condition)))}};
}

json case_type_json(const dsl::CaseTypeSpec& type, const dsl::Definition& definition) {
  json parties = json::array(), fields = json::array(), documents = json::array(), counters = json::array(),
       states = json::array(), commands = json::array(), outputs = json::array(), timers = json::array();
  for (const dsl::PartySpec& p : type.parties) parties.push_back({{"name", p.name}, {"role", p.role}, {"names_case", p.names_case}});
  for (const dsl::FieldSpec& f : type.fields)
    fields.push_back(
        {{"name", f.name}, {"type", type_json(f.type, definition)}, {"label", text_json(f.label)}, {"help", text_json(f.help)},
         {"personal", f.personal.has_value()}});
  for (const dsl::DocumentSpec& d : type.documents)
    documents.push_back(
        {{"name", d.name}, {"variants", d.variants}, {"label", text_json(d.label)}, {"help", text_json(d.help)},
         {"personal", d.personal.has_value()}});
  for (const dsl::CounterSpec& c : type.counters)
    counters.push_back({{"name", c.name},
                        {"min", c.min ? json(*c.min) : json()},
                        {"max", c.max ? json(*c.max) : json()},
                        {"label", text_json(c.label)}});
  for (const dsl::StateSpec& s : type.states)
    states.push_back({{"name", s.name}, {"initial", s.initial}, {"final", s.final}, {"label", text_json(s.label)},
                      {"help", text_json(s.help)}});
  for (const dsl::CommandSpec& c : type.commands) commands.push_back(command_json(type, c, definition));
  for (const dsl::OutputSpec& o : type.outputs) {
    json recipients = json::array();
    for (dsl::Index r : o.recipients) recipients.push_back(type.parties[r].name);
    outputs.push_back({{"name", o.name},
                       {"label", text_json(o.label)},
                       {"recipients", std::move(recipients)},
                       {"value_label", o.value_label}});
  }
  const dsl::Program& program = definition.program();
  for (const dsl::TimerSpec& t : type.timers)
    timers.push_back({{"name", t.name},
                      {"in_state", t.in_state ? json(type.states[*t.in_state].name) : json()},
                      {"field", t.field ? json(type.fields[*t.field].name) : json()},
                      {"every", t.every ? json(dsl::shown_value(program, t.every_expr, *t.every)) : json()},
                      {"command", t.command ? json(type.commands[*t.command].name) : json()},
                      {"remind", t.remind.empty() ? json() : json(t.remind)},
                      {"flag", t.flag ? timer_flag_json(program, *t.flag) : json()}});
  return {{"name", type.name},        {"cohort", type.cohort},   {"label", text_json(type.label)}, {"help", text_json(type.help)},
          {"parties", parties},       {"fields", fields},        {"documents", documents},  {"counters", counters},
          {"states", states},         {"commands", commands},    {"outputs", outputs},      {"timers", timers}};
}

}  // namespace

json text_json(const dsl::Text& text) {
  json out = json::object();
  for (const auto& [language, words] : text.variants) out[language] = words;
  return out;
}

json languages_json(const dsl::Definition& definition) {
  return definition.languages().empty() ? json::array({"en"}) : json(definition.languages());
}

json type_json(const dsl::Type& type, const dsl::Definition& definition) {
  json out = {{"kind", kind_name(type.kind)}};
  switch (type.kind) {
    case dsl::TypeKind::Enum:
      out["values"] = type.values;
      out["value_labels"] = json::array();
      for (const std::string& value : type.values) {
        const dsl::Text* label = !type.name.empty() ? definition.enum_value_label(type.name, value) : nullptr;
        out["value_labels"].push_back(label ? text_json(*label) : json::object());
      }
      if (!type.name.empty()) out["name"] = type.name;
      break;
    case dsl::TypeKind::List:
    case dsl::TypeKind::Set:
    case dsl::TypeKind::Optional:
    case dsl::TypeKind::Range: out["of"] = type_json(type.element(), definition); break;
    case dsl::TypeKind::Ref:
    case dsl::TypeKind::Case: out["case_type"] = type.name; break;
    default: break;
  }
  return out;
}

json command_json(const dsl::CaseTypeSpec& type, const dsl::CommandSpec& command, const dsl::Definition& definition) {
  json inputs = json::array();
  for (const dsl::InputSpec& in : command.inputs) {
    json input = {{"name", in.name},
                  {"type", type_json(in.type, definition)},
                  {"required", !in.type.is(dsl::TypeKind::Optional)},
                  {"origin", origin_name(in.origin)},
                  {"label", text_json(in.label)},
                  {"help", text_json(in.help)},
                  {"personal", in.personal.has_value()}};
    if (in.origin == dsl::InputOrigin::Attach) {
      const dsl::DocumentSpec& doc = type.documents[in.target];
      input["type"] = {{"kind", "document"}, {"variants", doc.variants}};
      input["required"] = true;
    }
    inputs.push_back(std::move(input));
  }
  return {{"name", command.name},
          {"label", text_json(command.label)},
          {"help", text_json(command.help)},
          {"roles", command.roles},
          {"from", state_names(type, command.from)},
          {"to", command.to ? json(type.states[*command.to].name) : json()},
          {"creates", command.creates_case()},
          {"inputs", std::move(inputs)}};
}

json definition_json(const dsl::Definition& definition, const std::string& edition) {
  json roles = json::array(), params = json::array(), types = json::array();
  for (const dsl::RoleSpec& r : definition.roles())
    roles.push_back({{"name", r.name}, {"kind", role_kind(r.kind)}, {"label", text_json(r.label)}});
  for (dsl::Index i = 0; i < definition.params().size(); ++i) {
    const dsl::ParamSpec& p = definition.params()[i];
    const dsl::Value& v = definition.param_value(i);
    params.push_back({{"name", p.name}, {"type", type_json(p.type, definition)}, {"value", dsl::to_json(v)},
                      {"text", dsl::shown_param(definition.program(), i)}});
  }
  for (const dsl::CaseTypeSpec& t : definition.case_types()) types.push_back(case_type_json(t, definition));
  return {{"edition", edition},
          {"workflow", definition.workflow_name()},
          {"title", text_json(definition.title_text())},
          {"definition_id", definition.id()},
          {"zone", engine::edition_zone(&definition)},
          {"languages", languages_json(definition)},
          {"roles", std::move(roles)},
          {"params", std::move(params)},
          {"case_types", std::move(types)}};
}

}  // namespace mentorflow::api
