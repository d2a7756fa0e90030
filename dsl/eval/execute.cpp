#include "dsl/eval/execute.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "base/printable.hpp"
#include "dsl/time/civil_time.hpp"
#include "dsl/time/time_text.hpp"
#include "dsl/value_json.hpp"

namespace mentorflow::dsl {

namespace {

// Remembers every other case evaluation reads, so a decision can be recorded with them.
class RecordingResolver : public CaseResolver {
 public:
  explicit RecordingResolver(const CaseResolver* inner) : inner_(inner) {}
  const CaseData* find(Index case_type, const std::string& id) const override {
    const CaseData* c = inner_ ? inner_->find(case_type, id) : nullptr;
    if (c) seen_[id] = c;
    return c;
  }
  const std::map<std::string, const CaseData*>& seen() const { return seen_; }

 private:
  const CaseResolver* inner_;
  mutable std::map<std::string, const CaseData*> seen_;
};

// Cases recorded with a decision.
class MapResolver : public CaseResolver {
 public:
  const CaseData* find(Index, const std::string& id) const override {
    auto it = cases.find(id);
    return it == cases.end() ? nullptr : &it->second;
  }
  std::map<std::string, CaseData> cases;
};

bool valid_file_reference(const nlohmann::json& j) {
  if (j.is_string()) return !j.get<std::string>().empty();
  return j.is_object() && j.contains("file") && j["file"].is_string() && !j["file"].get<std::string>().empty() &&
         (!j.contains("sha256") || j["sha256"].is_string());
}

std::optional<std::int64_t> seconds_between(const Value& earlier, const Value& later) {
  if (earlier.kind() != later.kind()) return std::nullopt;
  if (later.kind() == ValueKind::Date) return (later.as_int() - earlier.as_int()) * kSecondsPerDay;
  return floor_div(later.as_int() - earlier.as_int(), kMicrosPerSecond);
}

}  // namespace

namespace {

// The length in characters of the longest text in `j`, at any depth.
std::size_t longest_text(const nlohmann::json& j) {
  if (j.is_string()) return utf8_length(j.get_ref<const std::string&>());
  std::size_t longest = 0;
  if (j.is_structured())
    for (const auto& item : j) longest = std::max(longest, longest_text(item));
  return longest;
}

}  // namespace

std::optional<std::vector<Value>> read_inputs(const CommandSpec& command, const nlohmann::json& given,
                                              std::string& error) {
  if (!given.is_null() && !given.is_object()) {
    error = "the inputs of command '" + command.name + "' must be a JSON object";
    return std::nullopt;
  }
  const nlohmann::json inputs = given.is_null() ? nlohmann::json::object() : given;
  for (const auto& [name, value] : inputs.items()) {
    if (!command.find_input(name)) {
      std::string known;
      for (const InputSpec& in : command.inputs) known += (known.empty() ? "" : ", ") + in.name;
      error = "command '" + command.name + "' has no input '" + name + "'" +
              (known.empty() ? " (it takes none)" : " (it takes " + known + ")");
      return std::nullopt;
    }
  }
  std::vector<Value> out;
  for (const InputSpec& in : command.inputs) {
    const bool given_here = inputs.contains(in.name) && !inputs[in.name].is_null();
    if (!given_here) {
      if (!in.type.is(TypeKind::Optional)) {
        error = "input '" + in.name + "' of command '" + command.name + "' is missing";
        return std::nullopt;
      }
      out.emplace_back();
      continue;
    }
    const nlohmann::json& j = inputs[in.name];
    if (const std::size_t length = longest_text(j); length > kMaxTextLength) {
      error = fmt::format("input '{}' of command '{}' holds a text of {} characters: the limit is {}", in.name,
                          command.name, length, kMaxTextLength);
      return std::nullopt;
    }
    if (in.origin == InputOrigin::Attach) {
      out.push_back(Value::text(j.dump()));
      continue;
    }
    std::string why;
    auto v = value_from_json(j, in.type, why);
    if (!v) {
      error = "input '" + in.name + "' of command '" + command.name + "': " + why;
      return std::nullopt;
    }
    out.push_back(std::move(*v));
  }
  return out;
}

namespace {

// Checks a document input against its declaration.
std::optional<std::string> document_problem(const DocumentSpec& d, const nlohmann::json& j) {
  if (d.variants.empty())
    return valid_file_reference(j) ? std::nullopt : std::optional<std::string>("document '" + d.name + "' must be a file reference");
  if (!j.is_object()) return "document '" + d.name + "' needs one file per variant";
  for (const std::string& v : d.variants)
    if (!j.contains(v) || !valid_file_reference(j[v])) return "document '" + d.name + "' needs its '" + v + "' variant";
  for (const auto& [k, _] : j.items())
    if (std::find(d.variants.begin(), d.variants.end(), k) == d.variants.end())
      return "document '" + d.name + "' has no variant '" + k + "'";
  return std::nullopt;
}

void apply_effect(CaseData& c, const Effect& e) {
  if (const auto* p = std::get_if<PartyJoined>(&e)) c.parties[p->party] = p->user;
  else if (const auto* f = std::get_if<FieldSet>(&e)) c.fields[f->field] = f->value;
  else if (const auto* d = std::get_if<DocumentAttached>(&e)) c.documents[d->document] = true;
  else if (const auto* k = std::get_if<CounterIncremented>(&e)) c.counters[k->counter] = k->value;
  else if (const auto* cad = std::get_if<CadenceChecked>(&e)) c.cadence[cad->slot] = cad->value;
  else if (const auto* s = std::get_if<StateChanged>(&e)) c.state = s->to;
}

}  // namespace

Outcome execute(const Program& program, Index ct, Index ci, const CaseData& before, const std::vector<Value>& inputs,
                const CommandContext& ctx) {
  const CaseTypeSpec& type = program.case_types[ct];
  const CommandSpec& cmd = type.commands[ci];
  Outcome out;
  CaseData work = before;
  RecordingResolver resolver(ctx.cases);
  const EvalEnv env{&work, &inputs, ctx.now, ctx.actor, &resolver};
  auto refuse = [&](std::string why) {
    out.accepted = false;
    out.refusal = std::move(why);
    out.effects.clear();
    return out;
  };
  auto failure = [&](const Evaluation& e) {
    return fmt::format("cannot evaluate '{}': {}", program.text(e.error->node), e.error->message);
  };
  auto effect = [&](Effect e) {
    apply_effect(work, e);
    out.effects.push_back(std::move(e));
  };
  if (cmd.creates_case())
    for (Index p = 0; p < type.parties.size(); ++p)
      if (type.parties[p].role == ctx.role && work.parties[p].empty()) {
        effect(PartyJoined{p, ctx.actor});
        break;
      }
  std::optional<Index> next_state = cmd.to;
  for (Index k = 0; k < cmd.clauses.size(); ++k) {
    const Clause& clause = cmd.clauses[k].clause;
    if (const auto* fills = std::get_if<FillsClause>(&clause)) {
      for (Index i : fills->inputs)
        if (!inputs[i].is_absent()) effect(FieldSet{cmd.inputs[i].target, inputs[i]});
    } else if (const auto* attach = std::get_if<AttachClause>(&clause)) {
      for (Index i : attach->inputs) {
        if (inputs[i].is_absent()) continue;
        const nlohmann::json files = nlohmann::json::parse(inputs[i].as_text());
        if (auto problem = document_problem(type.documents[cmd.inputs[i].target], files)) return refuse(*problem);
        effect(DocumentAttached{cmd.inputs[i].target, files});
      }
    } else if (const auto* req = std::get_if<RequiresClause>(&clause)) {
      Evaluation e = evaluate(program, req->condition, env, false);
      if (!e.ok()) return refuse(failure(e));
      if (e.value.as_bool()) continue;
      Evaluation traced = evaluate(program, req->condition, env, true);
      std::string message;
      for (const MessagePart& part : req->message) {
        if (part.value == kNoNode) {
          message += part.text;
        } else {
          Evaluation v = evaluate(program, part.value, env, false);
          message += v.ok() ? v.value.display() : "?";
        }
      }
      if (message.empty()) message = "refused: " + explain(traced.trace, program);
      out.trace = std::move(traced.trace);
      return refuse(std::move(message));
    } else if (const auto* decide = std::get_if<DecideClause>(&clause)) {
      Evaluation e = evaluate(program, decide->decision, env, true);
      if (!e.ok()) return refuse(failure(e));
      Decided d;
      d.clause = k;
      d.outcome = e.value;
      d.state = e.value.as_bool() ? decide->then_state : decide->else_state;
      d.trace_text = trace_text(e.trace, program);
      d.explanation = explain(e.trace, program);
      d.trace = std::move(e.trace);
      nlohmann::json recorded_inputs = nlohmann::json::object();
      for (Index i = 0; i < cmd.inputs.size(); ++i)
        if (!inputs[i].is_absent() && cmd.inputs[i].origin != InputOrigin::Attach)
          recorded_inputs[cmd.inputs[i].name] = to_json(inputs[i]);
      nlohmann::json others = nlohmann::json::object();
      for (const auto& [id, c] : resolver.seen()) others[id] = to_json(*c, program.case_types);
      d.inputs = {{"case", to_json(work, program.case_types)}, {"inputs", recorded_inputs}, {"now", to_json(ctx.now)},
                  {"actor", ctx.actor}, {"cases", others}};
      next_state = d.state;
      out.effects.push_back(std::move(d));
    } else if (const auto* set = std::get_if<SetClause>(&clause)) {
      Evaluation e = evaluate(program, set->value, env, false);
      if (!e.ok()) return refuse(failure(e));
      effect(FieldSet{set->field, std::move(e.value)});
    } else if (const auto* count = std::get_if<CountClause>(&clause)) {
      const CounterSpec& spec = type.counters[count->counter];
      const std::int64_t value = work.counters[count->counter] + 1;
      if (spec.max && value > *spec.max)
        return refuse(fmt::format("{} is already at its maximum of {}", spec.name, *spec.max));
      effect(CounterIncremented{count->counter, value});
    } else if (const auto* cadence = std::get_if<CadenceClause>(&clause)) {
      const Value& value = inputs[cadence->input];
      if (value.is_absent()) continue;
      CadenceChecked c{cadence->input, cadence->slot, value, std::nullopt, true};
      const Value& previous = work.cadence[cadence->slot];
      if (!previous.is_absent()) {
        c.gap = seconds_between(previous, value);
        c.within = c.gap && *c.gap >= cadence->min.as_int() && *c.gap <= cadence->max.as_int();
      }
      if (!c.within && cadence->refuse)
        return refuse(fmt::format("{} comes {} after the previous one; it must be {} to {}", cmd.inputs[cadence->input].name,
                                  format_duration(c.gap.value_or(0)), cadence->min.display(), cadence->max.display()));
      effect(std::move(c));
    } else if (const auto* create = std::get_if<CreateClause>(&clause)) {
      CaseCreated c;
      c.case_type = create->case_type;
      for (const Assignment& a : create->assignments) {
        Evaluation e = evaluate(program, a.value, env, false);
        if (!e.ok()) return refuse(failure(e));
        if (a.party) c.parties.emplace_back(a.slot, e.value.as_text());
        else c.fields.emplace_back(a.slot, std::move(e.value));
      }
      out.effects.push_back(std::move(c));
    } else if (const auto* each = std::get_if<ForEachClause>(&clause)) {
      out.effects.push_back(FanOut{*each});
    } else if (const auto* match = std::get_if<MatchClause>(&clause)) {
      out.effects.push_back(MatchRequested{*match});
    } else if (const auto* issue_on = std::get_if<DoClause>(&clause)) {
      Evaluation e = evaluate(program, issue_on->target, env, false);
      if (!e.ok()) return refuse(failure(e));
      out.effects.push_back(CommandIssued{issue_on->case_type, e.value.as_text(), issue_on->command});
    } else if (const auto* issue = std::get_if<IssueClause>(&clause)) {
      const OutputSpec& spec = type.outputs[issue->output];
      OutputIssued o;
      o.output = issue->output;
      if (spec.value != kNoNode) {
        Evaluation e = evaluate(program, spec.value, env, false);
        if (!e.ok()) return refuse(failure(e));
        o.value = std::move(e.value);
      }
      for (Index p : spec.recipients)
        if (!work.parties[p].empty()) o.recipients.push_back(work.parties[p]);
      out.effects.push_back(std::move(o));
    }
  }
  if (next_state && *next_state != work.state) effect(StateChanged{work.state, *next_state});
  out.accepted = true;
  out.after = std::move(work);
  return out;
}

Evaluation reevaluate_decision(const Program& program, Index ct, Index ci, Index clause, const nlohmann::json& recorded,
                               bool with_trace) {
  Evaluation failed;
  const CommandSpec& cmd = program.case_types[ct].commands[ci];
  const auto* decide = clause < cmd.clauses.size() ? std::get_if<DecideClause>(&cmd.clauses[clause].clause) : nullptr;
  if (!decide || !recorded.is_object()) {
    failed.error = EvalError{"no decision recorded at this clause", kNoNode};
    return failed;
  }
  std::string error;
  auto self = case_data_from_json(recorded.value("case", nlohmann::json()), program.case_types, error);
  MapResolver others;
  if (recorded.contains("cases") && recorded["cases"].is_object())
    for (const auto& [id, c] : recorded["cases"].items()) {
      auto data = case_data_from_json(c, program.case_types, error);
      if (!data) break;
      others.cases.emplace(id, std::move(*data));
    }
  std::vector<Value> inputs(cmd.inputs.size());
  const nlohmann::json given = recorded.value("inputs", nlohmann::json::object());
  for (Index i = 0; i < cmd.inputs.size() && self; ++i)
    if (given.contains(cmd.inputs[i].name) && cmd.inputs[i].origin != InputOrigin::Attach)
      if (auto v = value_from_json(given[cmd.inputs[i].name], cmd.inputs[i].type, error)) inputs[i] = std::move(*v);
  std::optional<Value> now = value_from_json(recorded.value("now", nlohmann::json()), Type::of(TypeKind::DateTime), error);
  if (!self || !now) {
    failed.error = EvalError{"the recorded inputs do not fit this definition: " + error, kNoNode};
    return failed;
  }
  const EvalEnv env{&*self, &inputs, *now, recorded.value("actor", std::string()), &others};
  return evaluate(program, decide->decision, env, with_trace);
}

}  // namespace mentorflow::dsl
