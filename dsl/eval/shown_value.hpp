#pragma once
// How a value the designer wrote is shown to a person (docs/LANGUAGE.md, "How durations are
// shown"): a duration literal (`14days`), or a parameter or constant that holds one unchanged, is
// shown as written; every other value by Value::display. The text is found through the node the
// value came from, because the value itself cannot carry it (dsl/time/duration.hpp).
#include <string>

#include "dsl/model/program.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

// The text node `id` was written as, when it is a duration literal, or a parameter or constant
// whose edition value is one (ParamSpec::written, LetSpec::written); else empty.
std::string written_text(const Program& program, NodeId id);
// `value`, the value of node `id`, as a person reads it: its written text when that stands for
// exactly this value, else value.display().
std::string shown_value(const Program& program, NodeId id, const Value& value);
// The edition value of parameter `param` as a person reads it, as shown_value.
std::string shown_param(const Program& program, Index param);

}  // namespace mentorflow::dsl
