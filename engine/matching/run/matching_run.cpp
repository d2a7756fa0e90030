// A cohort's matching run: from the cases in the log to one atomic plan. The instance numbers
// both sides in the order the cases were opened (so "the earlier application" settles the last
// ties, docs/ENGINE.md, "Matching": first come, first served, which a Career Service can explain
// and which does not depend on names, so pseudonymised case ids match the same way); a choice that
// cannot be part of it is set aside with its reason, never dropped.
#include "engine/matching/run/matching_run.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cassert>
#include <unordered_map>

#include "dsl/eval/eval.hpp"
#include "engine/effects.hpp"
#include "engine/events.hpp"
#include "engine/matching/audit.hpp"
#include "engine/matching/run/instance_builder.hpp"
#include "engine/matching/run/matching_left_out.hpp"
#include "engine/matching/run/matching_record.hpp"
#include "engine/matching/run/matching_words.hpp"
#include "engine/pending_writes.hpp"
#include "engine/store_resolver.hpp"

namespace mentorflow::engine::matching {
namespace {

using nlohmann::json;

const store::Actor kSystem{"system", "system"};

Result<Side> cases_in(Engine& engine, const dsl::Definition& definition, const std::string& edition, dsl::Index type,
                      dsl::Index state, const std::set<std::string>& skip) {
  const dsl::CaseTypeSpec& spec = definition.case_type(type);
  auto streams = engine.store().list_streams(edition + "/" + spec.name + "/");
  if (!streams.is_ok()) return streams.status();
  std::vector<std::pair<std::uint64_t, std::string>> opened;  // (position of the first event, name)
  for (const store::StreamInfo& s : *streams) {
    if (skip.contains(s.name)) continue;
    auto position = engine.store().position_of(s.name, 1);
    if (!position.is_ok()) return position.status();
    opened.emplace_back(*position, s.name);
  }
  std::sort(opened.begin(), opened.end());
  std::vector<std::string> names;
  for (auto& [position, name] : opened) names.push_back(std::move(name));
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
      : left_(left), right_(right), left_type_(left_type), right_type_(right_type), others_(engine, definition) {}

  const dsl::CaseData* find(dsl::Index case_type, const std::string& id) const override {
    if (case_type == left_type_)
      if (auto it = left_.index.find(id); it != left_.index.end()) return &left_.data[it->second];
    if (case_type == right_type_)
      if (auto it = right_.index.find(id); it != right_.index.end()) return &right_.data[it->second];
    return others_.find(case_type, id);
  }

 private:
  const Side& left_;
  const Side& right_;
  dsl::Index left_type_, right_type_;
  StoreResolver others_;
};

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
