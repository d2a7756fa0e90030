// A cohort's matching run: from the cases in the log to one atomic plan. The instance numbers
// both sides in case-id order (so "earlier case id" settles the last ties, docs/ENGINE.md,
// "Matching"); a choice that cannot be part of it is set aside with its reason, never dropped.
#include "engine/matching/run/matching_run.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cassert>
#include <unordered_map>

#include "dsl/eval/eval.hpp"
#include "engine/effects.hpp"
#include "engine/events.hpp"
#include "engine/matching/audit.hpp"
#include "engine/matching/run/matching_left_out.hpp"
#include "engine/matching/run/matching_record.hpp"
#include "engine/matching/run/matching_words.hpp"
#include "engine/pending_writes.hpp"
#include "engine/store_resolver.hpp"

namespace mentorflow::engine::matching {
namespace {

using nlohmann::json;

const store::Actor kSystem{"system", "system"};

// The cases of one side of a run, in case-id order.
struct Side {
  std::vector<std::string> ids;
  std::vector<dsl::CaseData> data;
  std::vector<std::uint64_t> versions;
  std::unordered_map<std::string, matching::Id> index;
  // The cases in any other state that is not final, and their versions.
  std::vector<std::pair<std::string, dsl::Index>> elsewhere;
  std::unordered_map<std::string, std::uint64_t> elsewhere_versions;
};

Result<Side> cases_in(Engine& engine, const dsl::Definition& definition, const std::string& edition, dsl::Index type,
                      dsl::Index state, const std::set<std::string>& skip) {
  const dsl::CaseTypeSpec& spec = definition.case_type(type);
  auto streams = engine.store().list_streams(edition + "/" + spec.name + "/");
  if (!streams.is_ok()) return streams.status();
  std::vector<std::string> names;
  for (const store::StreamInfo& s : *streams)
    if (!skip.contains(s.name)) names.push_back(s.name);
  std::sort(names.begin(), names.end());
  Side side;
  for (const std::string& name : names) {
    auto loaded = engine.load(name);
    if (!loaded.is_ok()) return loaded.status();
    if (loaded->state != spec.states[state].name) {
      if (auto other = spec.find_state(loaded->state); other && !spec.states[*other].final)
        side.elsewhere.emplace_back(name, *other), side.elsewhere_versions.emplace(name, loaded->version);
      continue;
    }
    auto data = to_case_data(*loaded, definition, type, name);
    if (!data.is_ok()) return data.status();
    side.index.emplace(name, static_cast<matching::Id>(side.ids.size()));
    side.ids.push_back(name);
    side.data.push_back(std::move(*data));
    side.versions.push_back(loaded->version);
  }
  return side;
}

// Finds the cases of both sides without loading them again; any other case from the log.
class RunResolver final : public dsl::CaseResolver {
 public:
  RunResolver(Engine& engine, const dsl::Definition& definition, const Side& left, dsl::Index left_type,
              const Side& right, dsl::Index right_type)
      : definition_(definition), left_(left), right_(right), left_type_(left_type), right_type_(right_type),
        others_(engine, definition) {}

  const dsl::CaseData* find(dsl::Index case_type, const std::string& id) const override {
    if (case_type == left_type_)
      if (auto it = left_.index.find(id); it != left_.index.end()) return &left_.data[it->second];
    if (case_type == right_type_)
      if (auto it = right_.index.find(id); it != right_.index.end()) return &right_.data[it->second];
    return others_.find(case_type, id);
  }

  // The state of a case of the right type that is not on the right side, or "" when there is none.
  std::string state_of(const std::string& id) const {
    const dsl::CaseData* c = find(right_type_, id);
    return c ? definition_.case_type(right_type_).states[c->state].name : "";
  }

 private:
  const dsl::Definition& definition_;
  const Side& left_;
  const Side& right_;
  dsl::Index left_type_, right_type_;
  StoreResolver others_;
};

std::string method_of(const dsl::Definition& definition, const dsl::MatchClause& clause) {
  if (!clause.method) return kStableMethod;
  const dsl::Value& value = definition.param_value(*clause.method);
  const dsl::Type& type = definition.params()[*clause.method].type;
  const auto index = static_cast<std::size_t>(value.as_int());
  return index < type.values.size() ? type.values[index] : kStableMethod;
}

// One match clause's instance, built from the cases of both sides: the places each right case
// opens (its capacity less those an earlier clause placed there, its minimum) and each left case's
// preferences (its ranking, less the choices set aside with their reasons). Refused when a case's
// input cannot be evaluated or is negative.
class InstanceBuilder {
 public:
  InstanceBuilder(const dsl::Definition& definition, const dsl::CommandSpec& command, const dsl::MatchClause& clause,
                  const Side& left, const Side& right, const RunResolver& resolver, dsl::Value now, MatchingRecord& r)
      : definition_(definition), program_(definition.program()), command_(command), clause_(clause), left_(left),
        right_(right), resolver_(resolver), now_(std::move(now)), r_(r) {}

  // Fills the record's capacities (and minimums); `places`: the places open in all.
  Status places(const std::map<std::string, std::uint32_t>& taken, std::uint64_t& places);
  // Fills the record's preferences, places, scores and set-aside choices, and flags lefts left
  // with no acceptable choice.
  Status preferences();

 private:
  dsl::EvalEnv env_of(const dsl::CaseData& c) const { return {&c, nullptr, now_, "system", &resolver_}; }
  Status refuse(const std::string& why) const {
    return Status::refused(fmt::format("{} refused: {}", command_.name, why));
  }
  // A right case's capacity or minimum (`what`): a number of places, not negative.
  Result<std::int64_t> count_of(dsl::NodeId node, std::size_t right, std::string_view what) const;
  Status preferences_of(matching::Id l);
  Status rule_value(dsl::Index rule, matching::Id l, matching::Id rt, dsl::Evaluation& out) const;

  const dsl::Definition& definition_;
  const dsl::Program& program_;
  const dsl::CommandSpec& command_;
  const dsl::MatchClause& clause_;
  const Side& left_;
  const Side& right_;
  const RunResolver& resolver_;
  const dsl::Value now_;
  MatchingRecord& r_;
};

Result<std::int64_t> InstanceBuilder::count_of(dsl::NodeId node, std::size_t right, std::string_view what) const {
  dsl::Evaluation e = dsl::evaluate(program_, node, env_of(right_.data[right]), false);
  if (!e.ok())
    return refuse(fmt::format("the {} of {} cannot be evaluated: {}", what, right_.ids[right], e.error->message));
  const std::int64_t n = e.value.as_int();
  if (n < 0) return refuse(fmt::format("the {} of {} is {}", what, right_.ids[right], n));
  return n;
}

Status InstanceBuilder::places(const std::map<std::string, std::uint32_t>& taken, std::uint64_t& places) {
  for (std::size_t i = 0; i < right_.ids.size(); ++i) {
    std::int64_t capacity = 1;
    if (clause_.capacity != dsl::kNoNode) {
      auto c = count_of(clause_.capacity, i, "capacity");
      if (!c.is_ok()) return c.status();
      capacity = *c;
    }
    const auto earlier = taken.find(right_.ids[i]);
    const std::int64_t already = earlier == taken.end() ? 0 : earlier->second;
    if (clause_.minimum != dsl::kNoNode) {
      auto least = count_of(clause_.minimum, i, "minimum");
      if (!least.is_ok()) return least.status();
      // Those an earlier clause placed there count: a group it formed needs no one more.
      r_.minimum.push_back(static_cast<std::uint32_t>(std::clamp<std::int64_t>(*least - already, 0, UINT32_MAX)));
    }
    const std::int64_t open = std::clamp<std::int64_t>(capacity - already, 0, UINT32_MAX);
    r_.instance.capacity.push_back(static_cast<std::uint32_t>(open));
    places += r_.instance.capacity.back();
  }
  return Status::ok();
}

Status InstanceBuilder::rule_value(dsl::Index rule, matching::Id l, matching::Id rt, dsl::Evaluation& out) const {
  out = dsl::call_rule(program_, rule, {dsl::Value::ref(left_.ids[l]), dsl::Value::ref(right_.ids[rt])},
                       env_of(left_.data[l]), false);
  if (out.ok()) return Status::ok();
  return refuse(fmt::format("rule {} on {} and {} cannot be evaluated: {}", definition_.rules()[rule].name,
                            left_.ids[l], right_.ids[rt], out.error->message));
}

Status InstanceBuilder::preferences() {
  for (std::size_t li = 0; li < left_.ids.size(); ++li)
    if (Status st = preferences_of(static_cast<matching::Id>(li)); !st.is_ok()) return st;
  return Status::ok();
}

Status InstanceBuilder::preferences_of(matching::Id l) {
  const std::string& who = left_.ids[l];
  dsl::Evaluation ranking = dsl::evaluate(program_, clause_.ranking, env_of(left_.data[l]), false);
  if (!ranking.ok()) return refuse(fmt::format("the ranking of {} cannot be evaluated: {}", who, ranking.error->message));
  r_.instance.preferences.emplace_back();
  r_.instance.places.emplace_back();
  r_.set_aside.emplace_back();
  if (clause_.score) r_.instance.scores.emplace_back();
  std::unordered_map<std::string, std::uint32_t> seen;
  const auto& items = ranking.value.items();
  for (std::uint32_t place = 1; place <= items.size(); ++place) {
    const std::string& id = items[place - 1].as_text();
    const std::string head = fmt::format("{} choice {}", ordinal(place), short_id(id));
    const auto set_aside = [&](std::string why, bool flag) {
      if (flag) r_.flags.push_back(fmt::format("{}'s {} {}", short_id(who), head, why));
      r_.set_aside[l].emplace_back(place, fmt::format("{} {}", head, std::move(why)));
    };
    if (auto before = seen.find(id); before != seen.end()) {
      set_aside(fmt::format("repeats the {} choice", ordinal(before->second)), true);
      continue;
    }
    seen.emplace(id, place);
    auto at = right_.index.find(id);
    if (at == right_.index.end()) {
      const std::string state = resolver_.state_of(id);
      set_aside(state.empty() ? fmt::format("is not a {} of this edition", r_.right_type)
                              : fmt::format("is '{}', not '{}'", state, r_.right_state),
                true);
      continue;
    }
    if (clause_.acceptable) {
      dsl::Evaluation ok;
      if (Status st = rule_value(*clause_.acceptable, l, at->second, ok); !st.is_ok()) return st;
      if (!ok.value.as_bool()) {
        set_aside(fmt::format("is not acceptable (rule {})", definition_.rules()[*clause_.acceptable].name), false);
        continue;
      }
    }
    if (clause_.score) {
      dsl::Evaluation score;
      if (Status st = rule_value(*clause_.score, l, at->second, score); !st.is_ok()) return st;
      r_.instance.scores.back().push_back(score.value.as_int());
    }
    r_.instance.preferences[l].push_back(at->second);
    r_.instance.places[l].push_back(place);
  }
  if (r_.instance.preferences[l].empty())
    r_.flags.push_back(fmt::format("{} has no acceptable {} among {} choice{}", short_id(who), r_.right_type,
                                   items.size(), items.size() == 1 ? "" : "s"));
  return Status::ok();
}

// The run's flags about its inputs as a whole: nobody to match, fewer places than lefts, lefts
// in other states.
void flag_inputs(MatchingRecord& r, std::uint64_t places) {
  if (r.lefts.empty()) r.flags.push_back(fmt::format("no {} is in '{}'", r.left_type, r.left_state));
  if (places < r.lefts.size())
    r.flags.push_back(fmt::format("{} {} for {} place{}: at least {} will not be matched", r.lefts.size(), r.left_type,
                                  places, places == 1 ? "" : "s", r.lefts.size() - places));
  for (const MatchingRecord::LeftOut& out : r.left_out) r.flags.push_back(left_out_flag(r, out));
}

// The method run on the instance, its groups closed for their minimum flagged, the result audited
// and explained.
void solve(MatchingRecord& r) {
  r.result = run_method(r);
  for (const matching::Closed& c : r.closed) r.flags.push_back(closed_flag(r, c));
  assert(matching::validate(r.instance, r.result).empty());
  r.blocking_pairs = matching::blocking_pairs(r.instance, r.result).size();
  explain(r);
}

// What the cohort command says of the run: its summary, its flags, who was not matched.
void add_notes(const MatchingRecord& r, std::vector<std::string>& notes) {
  notes.push_back(summary(r));
  for (const std::string& flag : r.flags) notes.push_back("flagged: " + flag);
  std::string unmatched;
  for (std::size_t l = 0; l < r.lefts.size(); ++l)
    if (r.result.right_of[l] == matching::kUnmatched) unmatched += (unmatched.empty() ? "" : ", ") + short_id(r.lefts[l]);
  if (!unmatched.empty()) notes.push_back("not matched: " + unmatched);
}

}  // namespace

MatchingRuns::MatchingRuns(Engine& engine, const dsl::Definition& definition, const CaseName& cohort,
                           const store::Actor& actor, std::string correlation)
    : engine_(engine), definition_(definition), cohort_(cohort), actor_(actor), correlation_(std::move(correlation)) {}

Status MatchingRuns::run(const dsl::CommandSpec& command, dsl::Index clause_index, Plan& plan, int depth,
                         const PendingWrites* pending) {
  const auto& clause = std::get<dsl::MatchClause>(command.clauses[clause_index].clause);
  const dsl::CaseTypeSpec& left_spec = definition_.case_type(clause.left_type);
  const dsl::CaseTypeSpec& right_spec = definition_.case_type(clause.right_type);

  auto left = cases_in(engine_, definition_, cohort_.edition, clause.left_type, clause.left_state, proposed_);
  if (!left.is_ok()) return left.status();
  auto right = cases_in(engine_, definition_, cohort_.edition, clause.right_type, clause.right_state, {});
  if (!right.is_ok()) return right.status();
  RunResolver resolver(engine_, definition_, *left, clause.left_type, *right, clause.right_type);

  MatchingRecord r;
  r.command = command.name;
  r.clause = clause_index;
  r.method = method_of(definition_, clause);
  r.left_type = left_spec.name, r.left_state = left_spec.states[clause.left_state].name;
  r.right_type = right_spec.name, r.right_state = right_spec.states[clause.right_state].name;
  r.lefts = left->ids, r.rights = right->ids;
  r.left_out = left_out_of(command, clause_index, left_spec, left->elsewhere);

  InstanceBuilder instance(definition_, command, clause, *left, *right, resolver, datetime_value(engine_.clock().now()),
                           r);
  std::uint64_t places = 0;
  if (Status st = instance.places(taken_, places); !st.is_ok()) return st;
  if (Status st = instance.preferences(); !st.is_ok()) return st;
  flag_inputs(r, places);
  solve(r);

  // The run on the cohort, then each left case's share.
  EventSink{definition_, actor_, correlation_, plan.writes[0].events}.add(events::kMatchingRunRecorded, r.to_json());
  add_notes(r, plan.accepted.notes);
  const PendingWrites planned(plan.writes, pending);  // the proposals so far: one may follow another
  if (Status st = propose(command, clause_index, left_spec, r, left->versions, plan, depth, planned); !st.is_ok())
    return st;
  tell_left_out(clause_index, r, left->elsewhere_versions, plan, planned);
  for (const std::string& id : r.lefts) plan.accepted.other_cases.push_back(id);
  return Status::ok();
}

Status MatchingRuns::propose(const dsl::CommandSpec& command, dsl::Index clause_index,
                             const dsl::CaseTypeSpec& left_spec, const MatchingRecord& r,
                             const std::vector<std::uint64_t>& versions, Plan& plan, int depth,
                             const PendingWrites& planned) {
  const auto& clause = std::get<dsl::MatchClause>(command.clauses[clause_index].clause);
  const std::string& propose = left_spec.commands[clause.propose].name;
  for (std::size_t l = 0; l < r.lefts.size(); ++l) {
    const std::int32_t got = r.result.right_of[l];
    const json match = got == matching::kUnmatched ? json(nullptr) : json(r.rights[got]);
    const json choice = got == matching::kUnmatched ? json(nullptr) : json(r.instance.places[l][r.result.choice_of[l]]);
    const json explained = events::match_explained(cohort_.stream(), clause_index, match, choice, r.explanations[l]);
    if (got == matching::kUnmatched) {
      StreamWrite write{r.lefts[l], versions[l], {}};
      EventSink{definition_, kSystem, correlation_, write.events}.add(events::kMatchExplained, explained);
      plan.writes.push_back(std::move(write));
      continue;
    }
    auto name = parse_case_name(r.lefts[l]);
    auto sub = name.is_ok() ? plan_command(engine_, *name, propose, kSystem, json{{"match", r.rights[got]}}, correlation_,
                                           depth + 1, &planned)
                            : Result<Plan>(name.status());
    if (!sub.is_ok())
      return Status::refused(fmt::format("{} refused: {} on {} would be refused: {}", command.name, propose, r.lefts[l],
                                         sub.status().message()));
    EventSink{definition_, kSystem, correlation_, sub->writes[0].events}.add(events::kMatchExplained, explained);
    merge_writes(plan.writes, std::move(sub->writes), planned);
    proposed_.insert(r.lefts[l]);
    ++taken_[r.rights[got]];
  }
  return Status::ok();
}

// Nobody is left out silently: each case the run did not consider is told why.
void MatchingRuns::tell_left_out(dsl::Index clause_index, const MatchingRecord& r,
                                 const std::unordered_map<std::string, std::uint64_t>& versions, Plan& plan,
                                 const PendingWrites& planned) {
  for (const MatchingRecord::LeftOut& out : r.left_out) {
    std::vector<StreamWrite> told{StreamWrite{out.id, versions.at(out.id), {}}};
    EventSink{definition_, kSystem, correlation_, told[0].events}.add(
        events::kMatchExplained, events::match_explained(cohort_.stream(), clause_index, nullptr, nullptr, out.explanation));
    merge_writes(plan.writes, std::move(told), planned);
    plan.accepted.other_cases.push_back(out.id);
  }
}

}  // namespace mentorflow::engine::matching
