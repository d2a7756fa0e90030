#pragma once
// A recorded decision in plain words, for `history` and `what-if`: "master requires B2, certified
// level is B1 (rule eligible, rules/mie-2021.rules:29)". Worded from the decision's trace, which
// these callers get by evaluating the recorded inputs again (dsl::reevaluate_decision with a
// trace). Shapes it has no words for fall back to dsl::explain's "EXPR is VALUE (leaves)".
// Pure; thread-safe. Wording rules: docs/ENGINE.md, "Audit".
#include <string>

#include "dsl/eval/trace.hpp"
#include "dsl/model/program.hpp"

namespace mentorflow::engine::audit {

struct DecisionWords {
  std::string reason;  // why the outcome came out as it did, with "(rule R, FILE:LINE)" per rule
  std::string rule;    // the outermost rule the decision called; empty when it called none
  std::string at;      // that rule's FILE:LINE
};

// Words for `trace` (of a decision evaluated with `program`). Empty for an empty trace.
DecisionWords decision_words(const dsl::Trace& trace, const dsl::Program& program);

}  // namespace mentorflow::engine::audit
