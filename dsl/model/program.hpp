#pragma once
// Everything evaluation reads: the expression pool, the edition's parameter and constant values,
// rules, tables and case types (for counters' minimums and member names in traces), and the two
// source files the nodes' spans point into; also the edition's time zone, which only the engine
// reads. Built by the checker, frozen inside a Definition.
#include <array>
#include <string>
#include <vector>

#include "dsl/model/expr.hpp"
#include "dsl/model/model.hpp"
#include "dsl/model/retention.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

struct LetSpec {
  std::string name;
  Type type;
  NodeId value = kNoNode;
  std::string written;  // as ParamSpec::written
};

// A shortcut the fast path may take for a node instead of walking its children (never used when
// tracing): `a.year >= 2`, a field of `this` or of a case parameter compared with a constant,
// is one step. Computed by prepare_fast_path() once every constant is known.
struct FastNode {
  enum class Kind : std::uint8_t { None, CompareFieldWord, Decision };
  Kind kind = Kind::None;
  CmpOp op = CmpOp::Eq;
  bool on_this = false;       // the field is this case's; else case parameter `local`'s
  Index local = 0, field = 0;
  std::int64_t word = 0;      // the constant, as a word
  Index decision = 0;         // Decision: the index in Program::decisions
};

// A bool expression made only of `and`, `or`, `not` and CompareFieldWord tests, flattened into a
// decision graph: each step tests one field and goes to the next step, or ends in true or false.
struct DecisionStep {
  static constexpr std::uint32_t kTrue = 0xFFFFFFFE, kFalse = 0xFFFFFFFF;
  FastNode test;                       // a CompareFieldWord
  std::uint32_t if_true = kTrue, if_false = kFalse;
};

struct Program {
  ExprPool pool;
  std::vector<FastNode> fast;  // by node; empty: no shortcuts
  std::vector<std::vector<DecisionStep>> decisions;  // entry: step 0
  std::vector<ParamSpec> params;
  std::vector<Value> param_values;  // by parameter index; absent until known
  std::vector<LetSpec> lets;
  std::vector<Value> let_values;
  std::vector<RuleSpec> rules;
  std::vector<TableSpec> tables;
  std::vector<CaseTypeSpec> case_types;
  std::string zone;  // the edition's time zone (`zone` in its rules file); empty when it names none
  Retention retention;  // how long its personal data is kept once it closes (`retention` in its rules file)
  // Each node's place as a trace writes it, a JSON string with its quotes ("\"rules/x.rules:3:9\""),
  // by node; empty: not prepared. Filled by prepare_trace_text() (dsl/eval/trace.hpp).
  std::vector<std::string> trace_at;
  std::array<const SourceFile*, 2> sources{};  // by SourceId; not owned

  const SourceFile* source(SourceId id) const { return sources[static_cast<int>(id)]; }
  // The source text of node `id` ("a.degree == master").
  std::string_view text(NodeId id) const;
};

// The zone the edition's people read times in: its rules file's `zone`, else the zone of its first
// date-time parameter with a value (the deadline, for MIE), else "UTC".
std::string edition_zone(const Program& program);

// Fills `program.fast` (dsl/eval/fast_path.cpp). Call once its parameter and constant values are final.
void prepare_fast_path(Program& program);

}  // namespace mentorflow::dsl
