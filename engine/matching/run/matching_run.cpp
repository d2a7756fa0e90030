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

}  // namespace

MatchingRuns::MatchingRuns(Engine& engine, const dsl::Definition& definition, const CaseName& cohort,
                           const store::Actor& actor, std::string correlation)
    : engine_(engine), definition_(definition), cohort_(cohort), actor_(actor), correlation_(std::move(correlation)) {}

Status MatchingRuns::run(const dsl::CommandSpec& command, dsl::Index clause_index, Plan& plan, int depth,
                         const PendingWrites* pending) {
  const auto& clause = std::get<dsl::MatchClause>(command.clauses[clause_index].clause);
  const dsl::Program& program = definition_.program();
  const dsl::CaseTypeSpec& left_spec = definition_.case_type(clause.left_type);
  const dsl::CaseTypeSpec& right_spec = definition_.case_type(clause.right_type);
  const auto refuse = [&](const std::string& why) {
    return Status::refused(fmt::format("{} refused: {}", command.name, why));
  };

  auto left = cases_in(engine_, definition_, cohort_.edition, clause.left_type, clause.left_state, proposed_);
  if (!left.is_ok()) return left.status();
  auto right = cases_in(engine_, definition_, cohort_.edition, clause.right_type, clause.right_state, {});
  if (!right.is_ok()) return right.status();
  RunResolver resolver(engine_, definition_, *left, clause.left_type, *right, clause.right_type);
  const dsl::Value now = datetime_value(engine_.clock().now());

  MatchingRecord r;
  r.command = command.name;
  r.clause = clause_index;
  r.method = method_of(definition_, clause);
  r.left_type = left_spec.name, r.left_state = left_spec.states[clause.left_state].name;
  r.right_type = right_spec.name, r.right_state = right_spec.states[clause.right_state].name;
  r.lefts = left->ids, r.rights = right->ids;
  r.left_out = left_out_of(command, clause_index, left_spec, left->elsewhere);

  std::uint64_t places = 0;
  for (std::size_t i = 0; i < right->ids.size(); ++i) {
    std::int64_t capacity = 1;
    if (clause.capacity != dsl::kNoNode) {
      dsl::Evaluation e = dsl::evaluate(program, clause.capacity, {&right->data[i], nullptr, now, "system", &resolver}, false);
      if (!e.ok()) return refuse(fmt::format("the capacity of {} cannot be evaluated: {}", right->ids[i], e.error->message));
      capacity = e.value.as_int();
      if (capacity < 0) return refuse(fmt::format("the capacity of {} is {}", right->ids[i], capacity));
    }
    const std::int64_t taken = taken_.contains(right->ids[i]) ? taken_[right->ids[i]] : 0;
    if (clause.minimum != dsl::kNoNode) {
      dsl::Evaluation e = dsl::evaluate(program, clause.minimum, {&right->data[i], nullptr, now, "system", &resolver}, false);
      if (!e.ok()) return refuse(fmt::format("the minimum of {} cannot be evaluated: {}", right->ids[i], e.error->message));
      const std::int64_t least = e.value.as_int();
      if (least < 0) return refuse(fmt::format("the minimum of {} is {}", right->ids[i], least));
      // Those an earlier clause placed there count: a group it formed needs no one more.
      r.minimum.push_back(static_cast<std::uint32_t>(std::clamp<std::int64_t>(least - taken, 0, UINT32_MAX)));
    }
    const std::int64_t open = std::clamp<std::int64_t>(capacity - taken, 0, UINT32_MAX);
    r.instance.capacity.push_back(static_cast<std::uint32_t>(open));
    places += r.instance.capacity.back();
  }

  const auto rule_value = [&](dsl::Index rule, matching::Id l, matching::Id rt, dsl::Evaluation& out) {
    out = dsl::call_rule(program, rule, {dsl::Value::ref(left->ids[l]), dsl::Value::ref(right->ids[rt])},
                         {&left->data[l], nullptr, now, "system", &resolver}, false);
    if (out.ok()) return Status::ok();
    return refuse(fmt::format("rule {} on {} and {} cannot be evaluated: {}", definition_.rules()[rule].name,
                              left->ids[l], right->ids[rt], out.error->message));
  };

  for (std::size_t li = 0; li < left->ids.size(); ++li) {
    const auto l = static_cast<matching::Id>(li);
    const std::string& who = left->ids[l];
    dsl::Evaluation ranking = dsl::evaluate(program, clause.ranking, {&left->data[l], nullptr, now, "system", &resolver}, false);
    if (!ranking.ok()) return refuse(fmt::format("the ranking of {} cannot be evaluated: {}", who, ranking.error->message));
    r.instance.preferences.emplace_back();
    r.instance.places.emplace_back();
    r.set_aside.emplace_back();
    if (clause.score) r.instance.scores.emplace_back();
    std::unordered_map<std::string, std::uint32_t> seen;
    const auto& items = ranking.value.items();
    for (std::uint32_t place = 1; place <= items.size(); ++place) {
      const std::string& id = items[place - 1].as_text();
      const std::string head = fmt::format("{} choice {}", ordinal(place), short_id(id));
      const auto set_aside = [&](std::string why, bool flag) {
        if (flag) r.flags.push_back(fmt::format("{}'s {} {}", short_id(who), head, why));
        r.set_aside[l].emplace_back(place, fmt::format("{} {}", head, std::move(why)));
      };
      if (auto before = seen.find(id); before != seen.end()) {
        set_aside(fmt::format("repeats the {} choice", ordinal(before->second)), true);
        continue;
      }
      seen.emplace(id, place);
      auto at = right->index.find(id);
      if (at == right->index.end()) {
        const std::string state = resolver.state_of(id);
        set_aside(state.empty() ? fmt::format("is not a {} of this edition", right_spec.name)
                                : fmt::format("is '{}', not '{}'", state, r.right_state),
                  true);
        continue;
      }
      if (clause.acceptable) {
        dsl::Evaluation ok;
        if (Status st = rule_value(*clause.acceptable, l, at->second, ok); !st.is_ok()) return st;
        if (!ok.value.as_bool()) {
          set_aside(fmt::format("is not acceptable (rule {})", definition_.rules()[*clause.acceptable].name), false);
          continue;
        }
      }
      if (clause.score) {
        dsl::Evaluation score;
        if (Status st = rule_value(*clause.score, l, at->second, score); !st.is_ok()) return st;
        r.instance.scores.back().push_back(score.value.as_int());
      }
      r.instance.preferences[l].push_back(at->second);
      r.instance.places[l].push_back(place);
    }
    if (r.instance.preferences[l].empty())
      r.flags.push_back(fmt::format("{} has no acceptable {} among {} choice{}", short_id(who), right_spec.name,
                                    items.size(), items.size() == 1 ? "" : "s"));
  }
  if (left->ids.empty()) r.flags.push_back(fmt::format("no {} is in '{}'", left_spec.name, r.left_state));
  if (places < left->ids.size())
    r.flags.push_back(fmt::format("{} {} for {} place{}: at least {} will not be matched", left->ids.size(),
                                  left_spec.name, places, places == 1 ? "" : "s", left->ids.size() - places));
  for (const MatchingRecord::LeftOut& out : r.left_out) r.flags.push_back(left_out_flag(r, out));

  r.result = run_method(r);
  for (const matching::Closed& c : r.closed)
    r.flags.push_back(closed_flag(r, c));
  assert(matching::validate(r.instance, r.result).empty());
  r.blocking_pairs = matching::blocking_pairs(r.instance, r.result).size();
  explain(r);

  // The run on the cohort, then each left case's share.
  EventSink cohort_sink{definition_, actor_, correlation_, plan.writes[0].events};
  cohort_sink.add(events::kMatchingRunRecorded, r.to_json());
  plan.accepted.notes.push_back(summary(r));
  for (const std::string& flag : r.flags) plan.accepted.notes.push_back("flagged: " + flag);
  std::string unmatched;
  for (std::size_t l = 0; l < r.lefts.size(); ++l)
    if (r.result.right_of[l] == matching::kUnmatched) unmatched += (unmatched.empty() ? "" : ", ") + short_id(r.lefts[l]);
  if (!unmatched.empty()) plan.accepted.notes.push_back("not matched: " + unmatched);

  const std::string& propose = left_spec.commands[clause.propose].name;
  const PendingWrites planned(plan.writes, pending);  // the proposals so far: one may follow another
  for (std::size_t l = 0; l < r.lefts.size(); ++l) {
    const std::int32_t got = r.result.right_of[l];
    const json match = got == matching::kUnmatched ? json(nullptr) : json(r.rights[got]);
    const json choice = got == matching::kUnmatched ? json(nullptr) : json(r.instance.places[l][r.result.choice_of[l]]);
    const json explained = events::match_explained(cohort_.stream(), clause_index, match, choice, r.explanations[l]);
    if (got == matching::kUnmatched) {
      StreamWrite write{r.lefts[l], left->versions[l], {}};
      EventSink{definition_, kSystem, correlation_, write.events}.add(events::kMatchExplained, explained);
      plan.writes.push_back(std::move(write));
      continue;
    }
    auto sub = plan_command(engine_, r.lefts[l], propose, kSystem, json{{"match", r.rights[got]}}, correlation_, depth + 1,
                            &planned);
    if (!sub.is_ok())
      return refuse(fmt::format("{} on {} would be refused: {}", propose, r.lefts[l], sub.status().message()));
    EventSink{definition_, kSystem, correlation_, sub->writes[0].events}.add(events::kMatchExplained, explained);
    merge_writes(plan.writes, std::move(sub->writes), planned);
    proposed_.insert(r.lefts[l]);
    ++taken_[r.rights[got]];
  }
  // Nobody is left out silently: each case the run did not consider is told why.
  for (std::size_t i = 0; i < r.left_out.size(); ++i) {
    std::vector<StreamWrite> told{StreamWrite{r.left_out[i].id, left->elsewhere_versions.at(r.left_out[i].id), {}}};
    EventSink{definition_, kSystem, correlation_, told[0].events}.add(
        events::kMatchExplained,
        events::match_explained(cohort_.stream(), clause_index, nullptr, nullptr, r.left_out[i].explanation));
    merge_writes(plan.writes, std::move(told), planned);
    plan.accepted.other_cases.push_back(r.left_out[i].id);
  }
  for (const std::string& id : r.lefts) plan.accepted.other_cases.push_back(id);
  return Status::ok();
}

}  // namespace mentorflow::engine::matching
