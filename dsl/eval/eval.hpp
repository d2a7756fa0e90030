#pragma once
// Evaluating compiled expressions, rules and tables: pure, terminating (no loops; the checker
// rejects recursion), and total: a runtime failure (division by zero, a field not set yet, no table
// row matching) is a result, never a crash or an exception. Thread-safe: evaluation only reads the
// Program and the environment.
//
// Two paths share one semantics: without a trace, word-sized values (bool, int, cefr, enum, dates,
// durations) are computed in registers; with a trace, every sub-expression's value is recorded.
#include <optional>
#include <string>
#include <vector>

#include "dsl/eval/case_data.hpp"
#include "dsl/eval/trace.hpp"
#include "dsl/model/program.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

// What an expression may read besides the program: the case (`this`, its fields, counters,
// parties), the command's inputs, `now`, `actor`, and other cases through refs.
struct EvalEnv {
  const CaseData* self = nullptr;            // null outside a case (rules called directly)
  const std::vector<Value>* inputs = nullptr;  // by CommandSpec::inputs index
  Value now;                                 // a datetime; absent: `now` fails
  std::string actor;
  const CaseResolver* cases = nullptr;       // null: following a ref fails
};

struct EvalError {
  std::string message;     // lower case, names what failed: "division by zero", "field 'year' is not set"
  NodeId node = kNoNode;   // the expression that failed
};

struct Evaluation {
  Value value;                     // absent when evaluation failed
  std::optional<EvalError> error;  // set when evaluation failed
  Trace trace;                     // empty unless asked for

  bool ok() const { return !error.has_value(); }
};

// Evaluates node `node` of `program`.
Evaluation evaluate(const Program& program, NodeId node, const EvalEnv& env, bool with_trace);

// Calls rule `rule` with `args` in order of its formals. A case formal takes Value::ref(id): the
// case is env.self when the id is its id, else env.cases->find(...).
Evaluation call_rule(const Program& program, Index rule, const std::vector<Value>& args, const EvalEnv& env,
                     bool with_trace);

// Calls table `table` with `args` (one per input).
Evaluation call_table(const Program& program, Index table, const std::vector<Value>& args, const EvalEnv& env,
                      bool with_trace);

// Does `input` satisfy table cell `cell`? (Shared by evaluation and the checker's table analysis.)
bool cell_matches(const CellSpec& cell, const Value& input);

}  // namespace mentorflow::dsl
