// Planning a command: authorise, check the state and inputs, run the clauses (dsl::execute), and
// turn what they did into events for the case and for every case they touched (handle.cpp appends
// them).
#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "dsl/eval/execute.hpp"
#include "dsl/value_json.hpp"
#include "engine/authorise.hpp"
#include "engine/certificates/certificate_issue.hpp"
#include "engine/effects.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "engine/matching/run/matching_run.hpp"
#include "engine/pending_writes.hpp"
#include "engine/plan.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/store_resolver.hpp"
#include "engine/uploads.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

constexpr int kMaxFanOutDepth = 4;

// The name of a case that `create` opens from `source`: the source's id under the new type, with
// "-2", "-3"... when that name is taken.
Result<std::string> linked_case_name(Engine& engine, const CaseName& source, const std::string& type,
                                     const std::vector<StreamWrite>& pending) {
  const std::string base = source.edition + "/" + type + "/" + (source.is_cohort() ? source.type : source.id);
  for (int n = 1;; ++n) {
    std::string name = n == 1 ? base : fmt::format("{}-{}", base, n);
    auto version = engine.store().stream_version(name);
    if (!version.is_ok()) return version.status();
    const bool planned =
        std::any_of(pending.begin(), pending.end(), [&](const StreamWrite& w) { return w.stream == name; });
    if (*version == 0 && !planned) return name;
  }
}

// Every case a `ref` input names must exist and be of the declared type, so a mistyped or
// invented reference is refused at once instead of breaking a later decision.
Status check_reference(const dsl::Definition& definition, const dsl::Type& type, const dsl::Value& value,
                       const std::string& input, const dsl::CaseResolver& resolver) {
  if (value.is_absent()) return Status::ok();
  if (type.is(dsl::TypeKind::Optional) || type.is(dsl::TypeKind::List) || type.is(dsl::TypeKind::Set)) {
    if (type.is(dsl::TypeKind::Optional)) return check_reference(definition, type.element(), value, input, resolver);
    for (const dsl::Value& item : value.items())
      if (Status st = check_reference(definition, type.element(), item, input, resolver); !st.is_ok()) return st;
    return Status::ok();
  }
  if (!type.is(dsl::TypeKind::Ref)) return Status::ok();
  const auto case_type = definition.find_case_type(type.name);
  if (!case_type || !resolver.find(*case_type, value.as_text()))
    return Status::invalid_argument(
        fmt::format("input {} names '{}', which is not a {} of this edition", input, value.as_text(), type.name));
  return Status::ok();
}

Status check_references(const dsl::Definition& definition, const dsl::CommandSpec& cmd,
                        const std::vector<dsl::Value>& values, const dsl::CaseResolver& resolver) {
  for (std::size_t i = 0; i < cmd.inputs.size() && i < values.size(); ++i)
    if (Status st = check_reference(definition, cmd.inputs[i].type, values[i], cmd.inputs[i].name, resolver);
        !st.is_ok())
      return st;
  return Status::ok();
}

// What the effects that reach other cases work from: the command being planned, the case as it
// found it, and its plan so far (writes[0] is its own case).
struct Reach {
  Engine& engine;
  const dsl::Definition& definition;
  const CaseName& name;
  const std::string& case_name;
  const std::string& command;
  const store::Actor& actor;
  const std::string& correlation;
  const CaseState& state;
  UtcMicros now;
  int depth;
  const PendingWrites* pending;
  Plan& plan;
};

// A command issued on another case as `system` (`for each`, `do`), decided on it as the writes
// planned so far leave it.
Result<Plan> plan_system_command(const Reach& r, const std::string& case_name, const std::string& command,
                                 const PendingWrites& planned) {
  auto name = parse_case_name(case_name);
  if (!name.is_ok()) return name.status();
  return plan_command(r.engine, *name, command, {"system", "system"}, json::object(), r.correlation, r.depth + 1,
                      &planned);
}

// `create`: LinkedCaseCreated on this case, the new case opened beside it.
Status plan_linked_case(const Reach& r, const dsl::CaseCreated& created) {
  const dsl::CaseTypeSpec& target = r.definition.case_type(created.case_type);
  auto target_name = linked_case_name(r.engine, r.name, target.name, r.plan.writes);
  if (!target_name.is_ok()) return target_name.status();
  // Not through the command's own sink: the writes of earlier effects may have moved its events.
  EventSink own{r.definition, r.actor, r.correlation, r.plan.writes.front().events};
  own.add(events::kLinkedCaseCreated, events::linked_case_created(*target_name, target.name));
  StreamWrite write{*target_name, 0, {}};
  EventSink target_sink{r.definition, r.actor, r.correlation, write.events};
  open_linked_case(r.definition, created.case_type, created, r.name.edition, r.now, target_sink,
                   r.state.definition_edition);
  r.plan.accepted.other_cases.push_back(*target_name);
  r.plan.writes.push_back(std::move(write));
  return Status::ok();
}

// The cases named `prefix...` in the log and in the writes planned so far (a case an earlier
// `create` of the command opens), in name order.
Result<std::set<std::string>> cases_named(const Reach& r, const std::string& prefix, const PendingWrites& planned) {
  auto streams = r.engine.store().list_streams(prefix);
  if (!streams.is_ok()) return streams.status();
  std::set<std::string> names;
  for (const store::StreamInfo& s : *streams) names.insert(s.name);
  for (const PendingWrites* p = &planned; p; p = p->outer())
    for (const StreamWrite& w : p->writes())
      if (w.stream.starts_with(prefix)) names.insert(w.stream);
  return names;
}

// `for each TYPE in STATES do COMMAND`: the command on every case of the edition in those states,
// as the clauses before it leave them (a `match` has moved the cases it placed, a `create` opened
// one): the effects of a command happen in the order they are written (docs/LANGUAGE.md).
Status plan_fan_out(const Reach& r, const dsl::FanOut& fan) {
  if (r.depth >= kMaxFanOutDepth)
    return Status::refused(
        fmt::format("{} refused: 'for each' commands nest more than {} deep", r.command, kMaxFanOutDepth));
  const dsl::CaseTypeSpec& target = r.definition.case_type(fan.clause.case_type);
  const std::string& sub_command = target.commands[fan.clause.command].name;
  const PendingWrites planned(r.plan.writes, r.pending);
  // Chosen before any is issued: a case the fan-out's own commands open is not one of them.
  auto names = cases_named(r, r.name.edition + "/" + target.name + "/", planned);
  if (!names.is_ok()) return names.status();
  for (const std::string& name : *names) {
    auto other = load_planned(r.engine, name, &planned);
    if (!other.is_ok()) return other.status();
    auto other_state = target.find_state(other->state);
    if (!other_state ||
        std::find(fan.clause.states.begin(), fan.clause.states.end(), *other_state) == fan.clause.states.end())
      continue;
    auto sub = plan_system_command(r, name, sub_command, planned);
    if (!sub.is_ok())
      return Status::refused(fmt::format("{} refused: {} on {} would be refused: {}", r.command, sub_command, name,
                                         sub.status().message()));
    r.plan.accepted.other_cases.push_back(name);
    merge_writes(r.plan.writes, std::move(sub->writes), planned);
  }
  return Status::ok();
}

// `do COMMAND on CASE`: decided on CASE as this command leaves it, appended with it.
Status plan_command_issued(const Reach& r, const dsl::CommandIssued& issued) {
  if (r.depth >= kMaxFanOutDepth)
    return Status::refused(fmt::format("{} refused: 'do' commands nest more than {} deep", r.command, kMaxFanOutDepth));
  const std::string& sub_command = r.definition.case_type(issued.case_type).commands[issued.command].name;
  const PendingWrites planned(r.plan.writes, r.pending);
  auto sub = plan_system_command(r, issued.case_id, sub_command, planned);
  if (!sub.is_ok())
    return Status::refused(fmt::format("{} refused on {}: {}", r.command, r.case_name, sub.status().message()));
  r.plan.accepted.other_cases.push_back(issued.case_id);
  merge_writes(r.plan.writes, std::move(sub->writes), planned);
  return Status::ok();
}

// `match`: the k-th match effect comes from the k-th match clause; the runs of one command share
// what earlier clauses placed (engine/matching/run/matching_run.hpp).
class MatchClauses {
 public:
  MatchClauses(const Reach& r, const dsl::CommandSpec& cmd) : r_(r), cmd_(cmd) {}

  Status run_next() {
    if (!runs_) runs_.emplace(r_.engine, r_.definition, r_.name, r_.actor, r_.correlation);
    while (!std::holds_alternative<dsl::MatchClause>(cmd_.clauses[next_].clause)) ++next_;
    return runs_->run(cmd_, next_++, r_.plan, r_.depth, r_.pending);
  }

 private:
  const Reach& r_;
  const dsl::CommandSpec& cmd_;
  std::optional<matching::MatchingRuns> runs_;
  dsl::Index next_ = 0;
};

// The effects that reach other cases, in the order the clauses made them.
Status plan_other_cases(const Reach& r, const dsl::CommandSpec& cmd, const std::vector<dsl::Effect>& effects) {
  MatchClauses matches(r, cmd);
  for (const dsl::Effect& effect : effects) {
    Status st;
    if (const auto* created = std::get_if<dsl::CaseCreated>(&effect)) st = plan_linked_case(r, *created);
    else if (const auto* fan = std::get_if<dsl::FanOut>(&effect)) st = plan_fan_out(r, *fan);
    else if (const auto* issued = std::get_if<dsl::CommandIssued>(&effect)) st = plan_command_issued(r, *issued);
    else if (std::holds_alternative<dsl::MatchRequested>(effect)) st = matches.run_next();
    if (!st.is_ok()) return st;
  }
  return Status::ok();
}

// The case type and command a name and a command word stand for in `definition`.
struct Target {
  dsl::Index type = 0;
  const dsl::CaseTypeSpec* spec = nullptr;
  dsl::Index command = 0;
};

Result<Target> find_target(const dsl::Definition& definition, const CaseName& name, const std::string& command) {
  auto type = definition.find_case_type(name.type);
  if (!type) return Status::not_found(fmt::format("edition '{}' has no case type '{}'", name.edition, name.type));
  const dsl::CaseTypeSpec& spec = definition.case_type(*type);
  if (spec.cohort != name.is_cohort())
    return Status::invalid_argument(spec.cohort ? fmt::format("'{}' is a cohort: name it {}/{}", spec.name,
                                                              name.edition, spec.name)
                                                : fmt::format("'{}' is a case type: name a case as {}/{}/ID",
                                                              spec.name, name.edition, spec.name));
  auto command_index = spec.find_command(command);
  if (!command_index)
    return Status::not_found(fmt::format("{} '{}' has no command '{}'", spec.cohort ? "cohort" : "case type",
                                         spec.name, command));
  return Target{*type, &spec, *command_index};
}

}  // namespace

Result<Plan> plan_command(Engine& engine, const CaseName& name, const std::string& command,
                          const store::Actor& actor, const json& inputs, const std::string& correlation,
                          int depth, const PendingWrites* pending) {
  const std::string case_name = name.stream();
  auto loaded = load_planned(engine, case_name, pending);
  if (!loaded.is_ok() && !loaded.status().is_not_found()) return loaded.status();
  const CaseState state = loaded.is_ok() ? std::move(*loaded) : CaseState{};
  // A case runs under its edition's definition unless it was migrated to another one.
  auto definition_result =
      state.exists() ? engine.definition_of_case(state) : engine.definition_of_edition(name.edition);
  if (!definition_result.is_ok()) return definition_result.status();
  const dsl::Definition& definition = **definition_result;
  auto target = find_target(definition, name, command);
  if (!target.is_ok()) return target.status();
  const dsl::CaseTypeSpec& spec = *target->spec;
  const dsl::CommandSpec& cmd = spec.commands[target->command];

  if (Status allowed = authorise(definition, spec, cmd, state, actor, case_name); !allowed.is_ok()) return allowed;

  auto before = engine.case_data(state, definition, target->type, case_name);
  if (!before.is_ok()) return before.status();

  std::string input_error;
  const json given = inputs.is_null() ? json::object() : inputs;
  auto values = dsl::read_inputs(cmd, given, input_error);
  if (!values) return Status::invalid_argument(fmt::format("{} on {}: {}", command, case_name, input_error));

  const UtcMicros now = engine.clock().now();
  StoreResolver resolver(engine, definition);
  if (Status st = check_references(definition, cmd, *values, resolver); !st.is_ok())
    return Status::invalid_argument(fmt::format("{} on {}: {}", command, case_name, st.message()));
  const dsl::CommandContext context{actor.user, actor.role, datetime_value(now), &resolver};
  dsl::Outcome outcome = dsl::execute(definition.program(), target->type, target->command, *before, *values, context);
  if (!outcome.accepted) return Status::refused(fmt::format("{} refused on {}: {}", command, case_name, outcome.refusal));
  if (Status st = check_attached_uploads(engine.documents(), spec, outcome.effects); !st.is_ok())
    return st.is_refused() ? Status::refused(fmt::format("{} refused on {}: {}", command, case_name, st.message())) : st;

  Plan plan;
  plan.accepted.case_name = case_name;
  plan.writes.push_back(StreamWrite{case_name, state.version, {}});
  EventSink sink{definition, actor, correlation, plan.writes.front().events};
  sink.add(events::kCommandAccepted, events::command_accepted(command, given));

  EffectContext effects{definition, target->type, cmd, name.edition, state, now, sink, plan.accepted.notes};
  translate_effects(effects, outcome.effects);
  if (Status st = certificates::add_certificates(engine, definition, name, state, now, sink); !st.is_ok()) return st;

  const Reach reach{engine, definition, name, case_name, command, actor, correlation, state, now, depth, pending, plan};
  if (Status st = plan_other_cases(reach, cmd, outcome.effects); !st.is_ok()) return st;
  plan.accepted.state = outcome.after.state < spec.states.size() ? spec.states[outcome.after.state].name : "";
  return plan;
}

}  // namespace mentorflow::engine
