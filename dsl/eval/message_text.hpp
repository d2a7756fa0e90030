#pragma once
// The sentence of a `requires` message or a flag's reason: its text with each `{name}` value
// inserted as shown_value shows it (a duration as written, a date in words). Thread-safe.
#include <string>
#include <vector>

#include "dsl/eval/eval.hpp"
#include "dsl/model/program.hpp"

namespace mentorflow::dsl {

// `parts` evaluated in `env`; a value that cannot be evaluated is shown as "?", so a sentence is
// always given (the condition that raised it has been evaluated already).
std::string message_text(const Program& program, const std::vector<MessagePart>& parts, const EvalEnv& env);

}  // namespace mentorflow::dsl
