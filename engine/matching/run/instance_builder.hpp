#pragma once
// Internal to engine/: one `match` clause's instance built from the cases of both sides, under a
// definition: the places each right case opens and each left case's preferences. The matching run
// builds it from the log as it is; what-if (engine/audit/what_if_matching.hpp) from the cases a
// recorded run saw, under other rules. Design: docs/ENGINE.md, "Matching".
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "dsl/eval/case_data.hpp"
#include "dsl/eval/eval.hpp"
#include "engine/matching/run/matching_record.hpp"

namespace mentorflow::engine::matching {

// The cases of one side of a run, in the order they were opened (earlier applications first).
struct Side {
  std::vector<std::string> ids;
  std::vector<dsl::CaseData> data;
  std::vector<std::uint64_t> versions;
  std::unordered_map<std::string, matching::Id> index;
  // The cases in any other state that is not final, and their versions.
  std::vector<std::pair<std::string, dsl::Index>> elsewhere;
  std::unordered_map<std::string, std::uint64_t> elsewhere_versions;
};

// The method the edition chose for `clause` (its `using` parameter), kStableMethod without one.
std::string method_of(const dsl::Definition& definition, const dsl::MatchClause& clause);

// One match clause's instance, built from the cases of both sides: the places each right case
// opens (its capacity less those an earlier clause placed there, its minimum) and each left case's
// preferences (its ranking, less the choices set aside with their reasons). Refused when a case's
// input cannot be evaluated or is negative.
class InstanceBuilder {
 public:
  InstanceBuilder(const dsl::Definition& definition, const dsl::CommandSpec& command, const dsl::MatchClause& clause,
                  const Side& left, const Side& right, const dsl::CaseResolver& resolver, dsl::Value now, MatchingRecord& r)
      : definition_(definition), program_(definition.program()), command_(command), clause_(clause), left_(left),
        right_(right), resolver_(resolver), now_(std::move(now)), r_(r) {}

  // Fills the record's capacities (and minimums); `places`: the places open in all.
  Status places(const std::map<std::string, std::uint32_t>& taken, std::uint64_t& places);
  // Fills the record's preferences, places, scores and set-aside choices, and flags lefts left
  // with no acceptable choice.
  Status preferences();

 private:
  dsl::EvalEnv env_of(const dsl::CaseData& c) const { return {&c, nullptr, now_, "system", &resolver_}; }
  Status refuse(const std::string& why) const;
  // A right case's capacity or minimum (`what`): a number of places, not negative.
  Result<std::int64_t> count_of(dsl::NodeId node, std::size_t right, std::string_view what) const;
  Status preferences_of(matching::Id l);
  Status rule_value(dsl::Index rule, matching::Id l, matching::Id rt, dsl::Evaluation& out) const;
  // The state of a case of the right type that is not on the right side, or "" when there is none.
  std::string state_of(const std::string& id) const;

  const dsl::Definition& definition_;
  const dsl::Program& program_;
  const dsl::CommandSpec& command_;
  const dsl::MatchClause& clause_;
  const Side& left_;
  const Side& right_;
  const dsl::CaseResolver& resolver_;
  const dsl::Value now_;
  MatchingRecord& r_;
};

}  // namespace mentorflow::engine::matching
