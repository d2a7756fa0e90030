#include "dsl/eval/timer_flag.hpp"

#include <fmt/core.h>

#include "dsl/eval/eval.hpp"
#include "dsl/eval/message_text.hpp"

namespace mentorflow::dsl {

TimerFlagOutcome evaluate_timer_flag(const Program& program, const FlagClause& flag, const CaseData& self,
                                     const Value& now, const CaseResolver* cases) {
  // No inputs: a timer's action reads the case as it stands; it acts as `system`.
  const EvalEnv env{&self, nullptr, now, "system", cases};
  TimerFlagOutcome out;
  if (flag.condition != kNoNode) {
    Evaluation e = evaluate(program, flag.condition, env, false);
    if (!e.ok()) {
      out.error = fmt::format("cannot evaluate '{}': {}", program.text(e.error->node), e.error->message);
      return out;
    }
    if (!e.value.as_bool()) return out;
  }
  out.raised = true;
  out.reason = message_text(program, flag.reason, env);
  return out;
}

}  // namespace mentorflow::dsl
