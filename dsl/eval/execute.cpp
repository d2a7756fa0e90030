#include "dsl/eval/execute.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "base/printable.hpp"
#include "dsl/eval/cadence.hpp"
#include "dsl/eval/message_text.hpp"
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

// One run of one command: its clauses in order on a working copy of the case, each by the
// function for its kind (std::visit). A clause function returns false when it refuses the command;
// the refusal is then in the outcome and the run stops.
class Execution {
 public:
  Execution(const Program& program, Index ct, Index ci, const CaseData& before, const std::vector<Value>& inputs,
            const CommandContext& ctx)
      : program_(program), type_(program.case_types[ct]), cmd_(type_.commands[ci]), inputs_(inputs), ctx_(ctx),
        work_(before), resolver_(ctx.cases), env_{&work_, &inputs, ctx.now, ctx.actor, &resolver_} {}

  Outcome run() {
    if (cmd_.creates_case()) join_creator();
    next_state_ = cmd_.to;
    for (clause_ = 0; clause_ < cmd_.clauses.size(); ++clause_)
      if (!std::visit(*this, cmd_.clauses[clause_].clause)) return std::move(out_);
    if (next_state_ && *next_state_ != work_.state) effect(StateChanged{work_.state, *next_state_});
    out_.accepted = true;
    out_.after = std::move(work_);
    return std::move(out_);
  }

  bool operator()(const FillsClause& fills);
  bool operator()(const AttachClause& attach);
  bool operator()(const RequiresClause& req);
  bool operator()(const DecideClause& decide);
  bool operator()(const SetClause& set);
  bool operator()(const CountClause& count);
  bool operator()(const CadenceClause& cadence);
  bool operator()(const CreateClause& create);
  bool operator()(const ForEachClause& each) { return other(FanOut{each}); }
  bool operator()(const MatchClause& match) { return other(MatchRequested{match}); }
  bool operator()(const DoClause& issue_on);
  bool operator()(const IssueClause& issue);
  bool operator()(const FlagClause& flag);

 private:
  // The creating command's actor joins the case as its first party of the actor's role.
  void join_creator() {
    for (Index p = 0; p < type_.parties.size(); ++p)
      if (type_.parties[p].role == ctx_.role && work_.parties[p].empty()) {
        effect(PartyJoined{p, ctx_.actor});
        return;
      }
  }
  // An effect on this case: applied to the working copy, so later clauses see it.
  void effect(Effect e) {
    apply_effect(work_, e);
    out_.effects.push_back(std::move(e));
  }
  // An effect the engine carries out (on other cases, or in the log); this case is unchanged.
  bool other(Effect e) {
    out_.effects.push_back(std::move(e));
    return true;
  }
  bool refuse(std::string why) {
    out_.accepted = false;
    out_.refusal = std::move(why);
    out_.effects.clear();
    return false;
  }
  bool failed(const Evaluation& e) {
    return refuse(fmt::format("cannot evaluate '{}': {}", program_.text(e.error->node), e.error->message));
  }
  // A `requires` message or flag reason with its `{name}` values inserted.
  std::string message_text(const std::vector<MessagePart>& parts) const {
    return dsl::message_text(program_, parts, env_);
  }
  // What a decision read, recorded with it so that it can be evaluated again (Decided::inputs).
  nlohmann::json recorded_inputs() const;

  const Program& program_;
  const CaseTypeSpec& type_;
  const CommandSpec& cmd_;
  const std::vector<Value>& inputs_;
  const CommandContext& ctx_;
  CaseData work_;
  RecordingResolver resolver_;
  const EvalEnv env_;
  Outcome out_;
  Index clause_ = 0;
  std::optional<Index> next_state_;
};

bool Execution::operator()(const FillsClause& fills) {
  for (Index i : fills.inputs)
    if (!inputs_[i].is_absent()) effect(FieldSet{cmd_.inputs[i].target, inputs_[i]});
  return true;
}

bool Execution::operator()(const AttachClause& attach) {
  for (Index i : attach.inputs) {
    if (inputs_[i].is_absent()) continue;
    const nlohmann::json files = nlohmann::json::parse(inputs_[i].as_text());
    if (auto problem = document_problem(type_.documents[cmd_.inputs[i].target], files)) return refuse(*problem);
    effect(DocumentAttached{cmd_.inputs[i].target, files});
  }
  return true;
}

bool Execution::operator()(const RequiresClause& req) {
  Evaluation e = evaluate(program_, req.condition, env_, false);
  if (!e.ok()) return failed(e);
  if (e.value.as_bool()) return true;
  // Refused: evaluated again with a trace, for the explanation and the outcome.
  Evaluation traced = evaluate(program_, req.condition, env_, true);
  std::string message = message_text(req.message);
  if (message.empty()) message = "refused: " + explain(traced.trace, program_);
  out_.trace = std::move(traced.trace);
  return refuse(std::move(message));
}

// A flag is a note to the office, never a refusal: a condition that cannot be evaluated refuses
// the command as in any clause, a false one does nothing.
bool Execution::operator()(const FlagClause& flag) {
  Evaluation e = evaluate(program_, flag.condition, env_, false);
  if (!e.ok()) return failed(e);
  if (!e.value.as_bool()) return true;
  return other(Flagged{clause_, message_text(flag.reason)});
}

bool Execution::operator()(const DecideClause& decide) {
  Evaluation e = evaluate(program_, decide.decision, env_, true);
  if (!e.ok()) return failed(e);
  Decided d;
  d.clause = clause_;
  d.outcome = e.value;
  d.state = e.value.as_bool() ? decide.then_state : decide.else_state;
  d.trace_text = trace_text(e.trace, program_);
  d.explanation = explain(e.trace, program_);
  d.trace = std::move(e.trace);
  d.inputs = recorded_inputs();
  next_state_ = d.state;
  out_.effects.push_back(std::move(d));
  return true;
}

nlohmann::json Execution::recorded_inputs() const {
  nlohmann::json given = nlohmann::json::object();
  for (Index i = 0; i < cmd_.inputs.size(); ++i)
    if (!inputs_[i].is_absent() && cmd_.inputs[i].origin != InputOrigin::Attach)
      given[cmd_.inputs[i].name] = to_json(inputs_[i]);
  nlohmann::json others = nlohmann::json::object();
  for (const auto& [id, c] : resolver_.seen()) others[id] = to_json(*c, program_.case_types);
  return {{"case", to_json(work_, program_.case_types)}, {"inputs", given}, {"now", to_json(ctx_.now)},
          {"actor", ctx_.actor}, {"cases", others}};
}

bool Execution::operator()(const SetClause& set) {
  Evaluation e = evaluate(program_, set.value, env_, false);
  if (!e.ok()) return failed(e);
  effect(FieldSet{set.field, std::move(e.value)});
  return true;
}

bool Execution::operator()(const CountClause& count) {
  const CounterSpec& spec = type_.counters[count.counter];
  const std::int64_t value = work_.counters[count.counter] + 1;
  if (spec.max && value > *spec.max) return refuse(fmt::format("{} is already at its maximum of {}", spec.name, *spec.max));
  effect(CounterIncremented{count.counter, value});
  return true;
}

bool Execution::operator()(const CadenceClause& cadence) {
  const Value& value = inputs_[cadence.input];
  if (value.is_absent()) return true;
  CadenceChecked c{cadence.input, cadence.slot, value, std::nullopt, true, {}};
  const Value& previous = work_.cadence[cadence.slot];
  std::optional<Duration> gap;
  if (!previous.is_absent()) {
    c.gap = seconds_between(previous, value);
    gap = cadence_gap(previous, value, program_.zone);
    c.within = c.gap && cadence_within(previous, value, cadence.min.as_duration(), cadence.max.as_duration(), program_.zone);
  }
  const std::string& name = cmd_.inputs[cadence.input].name;
  if (!c.within && cadence.refuse)
    return refuse(cadence_refusal_text(name, gap.value_or(Duration{}), cadence, program_));
  if (!c.within && gap) c.text = cadence_flag_text(name, *gap, &cadence, &program_);
  effect(std::move(c));
  return true;
}

bool Execution::operator()(const CreateClause& create) {
  CaseCreated c;
  c.case_type = create.case_type;
  for (const Assignment& a : create.assignments) {
    Evaluation e = evaluate(program_, a.value, env_, false);
    if (!e.ok()) return failed(e);
    if (a.party) c.parties.emplace_back(a.slot, e.value.as_text());
    else c.fields.emplace_back(a.slot, std::move(e.value));
  }
  return other(std::move(c));
}

bool Execution::operator()(const DoClause& issue_on) {
  Evaluation e = evaluate(program_, issue_on.target, env_, false);
  if (!e.ok()) return failed(e);
  return other(CommandIssued{issue_on.case_type, e.value.as_text(), issue_on.command});
}

bool Execution::operator()(const IssueClause& issue) {
  const OutputSpec& spec = type_.outputs[issue.output];
  OutputIssued o;
  o.output = issue.output;
  if (spec.value != kNoNode) {
    Evaluation e = evaluate(program_, spec.value, env_, false);
    if (!e.ok()) return failed(e);
    o.value = std::move(e.value);
  }
  for (Index p : spec.recipients)
    if (!work_.parties[p].empty()) o.recipients.push_back(work_.parties[p]);
  return other(std::move(o));
}

}  // namespace

Outcome execute(const Program& program, Index ct, Index ci, const CaseData& before, const std::vector<Value>& inputs,
                const CommandContext& ctx) {
  return Execution(program, ct, ci, before, inputs, ctx).run();
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
