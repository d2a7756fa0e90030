#pragma once
// What-if for matching runs: a recorded run (MatchingRunRecorded) run again under the new rules on
// the same candidates, the left and right cases it recorded, as the log had them then with the
// field values the new rules would have set (WhatIfCases): capacities, acceptability, scores and
// the method come from the new definition, rankings from the cases. The pairs it would not
// propose again are lost, those it would propose instead gained.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/audit/what_if.hpp"
#include "engine/audit/what_if_cases.hpp"

namespace mentorflow::engine::audit {

class MatchingWhatIf {
 public:
  // `rules`: the definition compiled with the new rules; `own`: the edition's. Not owned.
  MatchingWhatIf(const dsl::Definition& rules, const dsl::Definition& own, const WhatIfCases& cases)
      : rules_(rules), own_(own), cases_(cases) {}

  // The run recorded by `event` (on the cohort's stream, before its batch's other events are
  // folded). A run that cannot be run again is a WhatIfRun with its problem.
  WhatIfRun run(const store::Event& event);

 private:
  const dsl::Definition& rules_;
  const dsl::Definition& own_;
  const WhatIfCases& cases_;
  // The places the new runs of one cohort command gave so far: a later match clause of the same
  // command counts them, as the matching run does.
  std::string correlation_;
  std::map<std::string, std::uint32_t> taken_;
};

}  // namespace mentorflow::engine::audit
