// A recorded matching run again, with the instance built by the matching run's own builder
// (engine/matching/run/instance_builder.hpp) under the new definition.
#include "engine/audit/what_if_matching.hpp"

#include <fmt/core.h>

#include "engine/case_name.hpp"
#include "engine/matching/run/instance_builder.hpp"
#include "engine/plan.hpp"

namespace mentorflow::engine::audit {

namespace {

// The cases `ids` under `definition`, with the new rules' field values.
Result<matching::Side> side_of(const WhatIfCases& cases, const dsl::Definition& definition,
                               const std::vector<std::string>& ids) {
  matching::Side side;
  for (const std::string& id : ids) {
    auto data = cases.case_data(id, definition, true);
    if (!data.is_ok()) return data.status();
    side.index.emplace(id, static_cast<matching::Id>(side.ids.size()));
    side.ids.push_back(id);
    side.data.push_back(std::move(*data));
  }
  return side;
}

// The match clause the run recorded, in `definition`; null when it has none there.
const dsl::MatchClause* clause_in(const dsl::Definition& definition, const std::string& cohort_type,
                                  const matching::MatchingRecord& r, const dsl::CommandSpec*& command) {
  const auto type = definition.find_case_type(cohort_type);
  if (!type) return nullptr;
  const dsl::CaseTypeSpec& spec = definition.case_type(*type);
  const auto ci = spec.find_command(r.command);
  if (!ci || r.clause >= spec.commands[*ci].clauses.size()) return nullptr;
  command = &spec.commands[*ci];
  return std::get_if<dsl::MatchClause>(&command->clauses[r.clause].clause);
}

}  // namespace

WhatIfRun MatchingWhatIf::run(const store::Event& event) {
  WhatIfRun out;
  out.position = event.position;
  out.cohort = event.stream;
  auto payload = event.payload_json();
  auto recorded = payload.is_ok() ? matching::MatchingRecord::from_json(*payload)
                                  : Result<matching::MatchingRecord>(payload.status());
  if (!recorded.is_ok()) {
    out.problem = recorded.status().message();
    return out;
  }
  const matching::MatchingRecord& r = *recorded;
  out.command = r.command, out.left_type = r.left_type, out.right_type = r.right_type;
  out.method = out.new_method = r.method;
  out.pairs = r.result.matched();
  if (event.metadata.correlation_id != correlation_) correlation_ = event.metadata.correlation_id, taken_.clear();

  auto name = parse_case_name(event.stream);
  const dsl::CommandSpec* command = nullptr;
  const dsl::MatchClause* clause = name.is_ok() ? clause_in(rules_, name->type, r, command) : nullptr;
  if (!clause) {
    out.problem = fmt::format("the new definition has no match clause {} in command '{}'", r.clause + 1, r.command);
    return out;
  }
  auto left = side_of(cases_, rules_, r.lefts);
  auto right = left.is_ok() ? side_of(cases_, rules_, r.rights) : Result<matching::Side>(left.status());
  if (!right.is_ok()) {
    out.problem = right.status().message();
    return out;
  }
  matching::MatchingRecord again;
  again.command = r.command, again.clause = r.clause;
  again.method = out.new_method = matching::method_of(rules_, *clause);
  again.left_type = r.left_type, again.left_state = r.left_state;
  again.right_type = r.right_type, again.right_state = r.right_state;
  again.lefts = r.lefts, again.rights = r.rights;
  const WhatIfResolver resolver(cases_, rules_, true);
  matching::InstanceBuilder builder(rules_, *command, *clause, *left, *right, resolver,
                                    datetime_value(event.recorded_at), again);
  std::uint64_t places = 0;
  Status built = builder.places(taken_, places);
  if (built.is_ok()) built = builder.preferences();
  if (!built.is_ok()) {
    out.problem = built.message();
    return out;
  }
  again.result = matching::run_method(again);
  out.new_pairs = again.result.matched();

  const auto pair = [&](std::size_t l, std::int32_t right_index) {
    const std::string& rt = r.rights[static_cast<std::size_t>(right_index)];
    return WhatIfPair{r.lefts[l], cases_.parties(r.lefts[l], own_), rt, cases_.parties(rt, own_)};
  };
  for (std::size_t l = 0; l < r.lefts.size(); ++l) {
    const std::int32_t was = r.result.right_of[l], now = again.result.right_of[l];
    if (now != matching::kUnmatched) ++taken_[r.rights[static_cast<std::size_t>(now)]];
    if (was == now) continue;
    if (was != matching::kUnmatched) out.lost.push_back(pair(l, was));
    if (now != matching::kUnmatched) out.gained.push_back(pair(l, now));
  }
  return out;
}

}  // namespace mentorflow::engine::audit
