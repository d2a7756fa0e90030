#pragma once
// Internal to engine/: running a cohort command's `match` clauses. Reads the left and right cases
// in the clause's states from the log, builds the instance (engine/matching/instance.hpp), runs
// the method the edition chose, and adds to the plan, so that it is all one atomic append:
// MatchingRunRecorded on the cohort; on every matched left case the `propose` command (as
// `system`, input `match`) followed by MatchExplained; on every unmatched one, MatchExplained.
// Design: docs/ENGINE.md, "Matching".
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/case_name.hpp"
#include "engine/matching/run/matching_record.hpp"
#include "engine/plan.hpp"

namespace mentorflow::engine::matching {

// One per command: places taken and left cases proposed by an earlier `match` clause of the same
// command count in the next (MILEAGE matches priority students first, then the others).
class MatchingRuns {
 public:
  // `actor` issued the cohort command; the proposals are issued by `system`.
  MatchingRuns(Engine& engine, const dsl::Definition& definition, const CaseName& cohort, const store::Actor& actor,
               std::string correlation);

  // Runs clause `clause_index` of `command` (a match clause) and adds its writes to `plan`
  // (plan.writes[0] is the cohort). Refused, with nothing added, when a case's ranking, capacity,
  // acceptability or score cannot be evaluated, a capacity is negative, or a proposal would be
  // refused; inputs that are only odd (a choice that is unknown, not in the state, repeated or not
  // acceptable; fewer places than lefts) are flagged in the run and explained per case.
  // `pending`: what the commands enclosing the cohort command have planned.
  Status run(const dsl::CommandSpec& command, dsl::Index clause_index, Plan& plan, int depth,
             const PendingWrites* pending);

 private:
  Engine& engine_;
  const dsl::Definition& definition_;
  CaseName cohort_;
  store::Actor actor_;
  std::string correlation_;
  // Proposes each matched left case its right one (the clause's `propose` command as `system`),
  // and tells each left case, matched or not, why (MatchExplained). Refused when a proposal is.
  Status propose(const dsl::CommandSpec& command, dsl::Index clause_index, const dsl::CaseTypeSpec& left_spec,
                 const MatchingRecord& r, const std::vector<std::uint64_t>& versions, Plan& plan, int depth,
                 const PendingWrites& planned);
  // Tells each left case the run did not consider (another state) why, at its `versions`.
  void tell_left_out(dsl::Index clause_index, const MatchingRecord& r,
                     const std::unordered_map<std::string, std::uint64_t>& versions, Plan& plan,
                     const PendingWrites& planned);

  std::map<std::string, std::uint32_t> taken_;  // right case -> places taken by earlier clauses
  std::set<std::string> proposed_;              // left cases matched by earlier clauses
};

}  // namespace mentorflow::engine::matching
