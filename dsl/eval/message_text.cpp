#include "dsl/eval/message_text.hpp"

#include "dsl/eval/shown_value.hpp"

namespace mentorflow::dsl {

std::string message_text(const Program& program, const std::vector<MessagePart>& parts, const EvalEnv& env) {
  std::string text;
  for (const MessagePart& part : parts) {
    if (part.value == kNoNode) {
      text += part.text;
    } else {
      Evaluation v = evaluate(program, part.value, env, false);
      text += v.ok() ? shown_value(program, part.value, v.value) : "?";
    }
  }
  return text;
}

}  // namespace mentorflow::dsl
