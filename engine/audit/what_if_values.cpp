// Commands run again under both definitions, on the case as the log had it; the values their
// `set` and `issue` clauses give compared.
#include "engine/audit/what_if_values.hpp"

#include <fmt/core.h>

#include <optional>

#include "dsl/eval/execute.hpp"
#include "dsl/value_json.hpp"
#include "engine/case_name.hpp"
#include "engine/plan.hpp"

namespace mentorflow::engine::audit {

using nlohmann::json;

namespace {

// A value a clause of the command produces: the field it sets or the output it issues.
struct Produced {
  std::string clause;  // "set capacity = mentees_per_mentor"
  std::string name;    // the field or the output
  bool output = false;
};

// The values the command's clauses produce, and the fields it fills from inputs.
std::vector<Produced> produced_by(const dsl::Definition& definition, const dsl::CaseTypeSpec& spec,
                                  const dsl::CommandSpec& command, std::vector<std::string>& filled) {
  std::vector<Produced> out;
  for (const dsl::ClauseSpec& c : command.clauses) {
    if (const auto* set = std::get_if<dsl::SetClause>(&c.clause)) {
      const std::string& field = spec.fields[set->field].name;
      out.push_back({fmt::format("set {} = {}", field, definition.program().text(set->value)), field, false});
    } else if (const auto* issue = std::get_if<dsl::IssueClause>(&c.clause)) {
      const dsl::OutputSpec& o = spec.outputs[issue->output];
      if (o.value != dsl::kNoNode)
        out.push_back({fmt::format("issue {} = {}", o.name, definition.program().text(o.value)), o.name, true});
    } else if (const auto* fills = std::get_if<dsl::FillsClause>(&c.clause)) {
      for (dsl::Index i : fills->inputs) filled.push_back(spec.fields[command.inputs[i].target].name);
    }
  }
  return out;
}

// One run of the command under one definition: its effects, or why it does not run.
struct Run {
  Status status = Status::ok();
  dsl::Outcome outcome;
  const dsl::CaseTypeSpec* spec = nullptr;

  // The value the run gives `p`: a field's last setting, an output's first issue.
  std::optional<dsl::Value> value_of(const Produced& p) const {
    std::optional<dsl::Value> found;
    for (const dsl::Effect& e : outcome.effects) {
      if (const auto* f = std::get_if<dsl::FieldSet>(&e); f && !p.output && spec->fields[f->field].name == p.name)
        found = f->value;
      if (const auto* o = std::get_if<dsl::OutputIssued>(&e); o && p.output && spec->outputs[o->output].name == p.name)
        return o->value;
    }
    return found;
  }
};

Run run_under(const dsl::Definition& definition, const WhatIfCases& cases, const std::string& type_name,
              const std::string& command, const json& inputs, const store::Event& accepted, bool what_if) {
  Run run;
  const auto type = definition.find_case_type(type_name);
  if (!type) {
    run.status = Status::invalid_argument(fmt::format("the definition has no case type '{}'", type_name));
    return run;
  }
  run.spec = &definition.case_type(*type);
  const auto ci = run.spec->find_command(command);
  if (!ci) {
    run.status = Status::invalid_argument(fmt::format("{} has no command '{}'", type_name, command));
    return run;
  }
  const dsl::CommandSpec& cmd = run.spec->commands[*ci];
  std::string error;
  auto values = dsl::read_inputs(cmd, inputs, error);
  if (!values) {
    run.status = Status::invalid_argument("its recorded inputs do not fit: " + error);
    return run;
  }
  auto before = cases.case_data(accepted.stream, definition, what_if);
  if (!before.is_ok()) {
    run.status = before.status();
    return run;
  }
  const WhatIfResolver resolver(cases, definition, what_if);
  const dsl::CommandContext context{accepted.actor.user, accepted.actor.role, datetime_value(accepted.recorded_at),
                                    &resolver};
  run.outcome = dsl::execute(definition.program(), *type, *ci, *before, *values, context);
  if (!run.outcome.accepted) run.status = Status::refused(command + " would be refused: " + run.outcome.refusal);
  return run;
}

bool same(const std::optional<dsl::Value>& a, const std::optional<dsl::Value>& b) {
  if (!a || !b) return !a && !b;
  return dsl::to_json(*a) == dsl::to_json(*b);
}

std::string shown(const std::optional<dsl::Value>& v) { return v ? v->display() : std::string("none"); }

}  // namespace

WhatIfValueGroup& ValuesWhatIf::group(const std::string& case_type, const std::string& command,
                                      const std::string& clause, bool output) {
  auto [it, fresh] = group_of_.try_emplace({case_type, command, clause}, groups_.size());
  if (fresh) groups_.push_back(WhatIfValueGroup{case_type, command, clause, output, 0, {}});
  return groups_[it->second];
}

Status ValuesWhatIf::command(const store::Event& accepted) {
  auto name = parse_case_name(accepted.stream);
  if (!name.is_ok()) return name.status();
  auto payload = accepted.payload_json();
  if (!payload.is_ok()) return payload.status();
  const std::string command = payload->value("command", std::string());
  const json inputs = payload->value("inputs", json::object());
  const CaseState* state = cases_.state(accepted.stream);
  auto own = state ? engine_.definition_of_case(*state) : engine_.definition_of_edition(name->edition);
  if (!own.is_ok()) return own.status();
  const std::string type_name = state ? state->case_type : name->type;
  const auto type = (*own)->find_case_type(type_name);
  const auto ci = type ? (*own)->case_type(*type).find_command(command) : std::nullopt;
  if (!ci) return Status::ok();  // `verify` reports a command its definition does not have
  const dsl::CaseTypeSpec& spec = (*own)->case_type(*type);
  std::vector<std::string> filled;
  const std::vector<Produced> produced = produced_by(**own, spec, spec.commands[*ci], filled);
  // A field filled from an input has the log's value under any rules.
  for (const std::string& field : filled) cases_.set_what_if(accepted.stream, field, nullptr);
  if (produced.empty()) return Status::ok();

  const Run before = run_under(**own, cases_, type_name, command, inputs, accepted, false);
  const Run after = run_under(rules_, cases_, type_name, command, inputs, accepted, true);
  for (const Produced& p : produced) {
    WhatIfValueGroup& g = group(type_name, command, p.clause, p.output);
    ++g.values;
    WhatIfValueChange change{accepted.position, accepted.stream, "", p.name, "", "", ""};
    std::optional<dsl::Value> new_value;
    if (!before.status.is_ok()) {
      change.reason = "under the edition's own rules it cannot be run again: " + before.status.message();
    } else if (!after.status.is_ok()) {
      change.old_value = shown(before.value_of(p));
      change.reason = after.status.message();
    } else {
      const auto old_value = before.value_of(p);
      new_value = after.value_of(p);
      if (same(old_value, new_value)) {
        if (!p.output) cases_.set_what_if(accepted.stream, p.name, nullptr);
        continue;
      }
      change.old_value = shown(old_value);
      change.new_value = shown(new_value);
    }
    if (!p.output) cases_.set_what_if(accepted.stream, p.name, new_value ? dsl::to_json(*new_value) : json());
    g.changes.push_back(std::move(change));
  }
  return Status::ok();
}

}  // namespace mentorflow::engine::audit
