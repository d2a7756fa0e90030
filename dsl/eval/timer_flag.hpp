#pragma once
// A timer's `flag "reason" when COND` on the case when the timer fires: whether it raises the
// flag, and the reason as worded then. Pure: it reads the case, `now` and (through refs) other
// cases. Thread-safe. docs/LANGUAGE.md, "Flags".
#include <optional>
#include <string>

#include "dsl/eval/case_data.hpp"
#include "dsl/model/program.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

struct TimerFlagOutcome {
  bool raised = false;
  std::string reason;  // when raised: the reason with its values inserted
  std::string error;   // when the condition cannot be evaluated: one sentence; nothing is raised
};

// `flag` (TimerSpec::flag) of a timer of case `self` firing at `now` (a datetime); `cases`
// resolves refs (may be null: following one then fails, and the flag is not raised).
TimerFlagOutcome evaluate_timer_flag(const Program& program, const FlagClause& flag, const CaseData& self,
                                     const Value& now, const CaseResolver* cases);

}  // namespace mentorflow::dsl
