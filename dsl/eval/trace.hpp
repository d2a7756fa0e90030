#pragma once
// The trace of one evaluation: every sub-expression evaluated, in order, with its value; every
// rule entered (with its arguments) and every table consulted (with the rows that matched).
// Steps form a tree through `parent`; short-circuited operands do not appear. The engine stores
// trace_text() in the decision's event and shows explain() to people. Format:
// docs/LANGUAGE.md, "Traces".
#include <cstdint>
#include <string>
#include <vector>

#include "dsl/model/expr.hpp"
#include "dsl/model/model.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

struct Program;

inline constexpr std::uint32_t kNoParent = 0xFFFFFFFF;

struct TraceStep {
  enum class Kind : std::uint8_t { Expr, Rule, Table };
  Kind kind = Kind::Expr;
  std::uint32_t parent = kNoParent;
  NodeId node = kNoNode;             // Expr: the expression
  Index callee = 0;                  // Rule, Table: which one
  Value value;                       // the result (absent when evaluation failed before it)
  std::vector<Value> args;           // Rule, Table: the arguments (a case as a ref to it)
  std::vector<std::uint32_t> rows;   // Table: the rows that matched, 0-based, in order
};

struct Trace {
  std::vector<TraceStep> steps;  // parents before children
};

// The trace as a tree of {"text", "at" ("file:line:col"), "value", "steps": [...]} for
// expressions, {"rule", "at", "args": {name: value}, "value", "steps"} for rules and
// {"table", "at", "policy", "args", "rows": [1-based], "value", "steps"} for tables. Self-contained:
// it names files and quotes text, so it can be shown without the definition. Written as canonical
// JSON text (sorted keys, no spaces: what store::canonical_json gives for it) without building a
// JSON tree; "null" for an empty trace.
std::string trace_text(const Trace& trace, const Program& program);

// Fills `program.trace_at`, so that writing a trace copies each step's place instead of working
// out its line and column. Call once its sources are set (the Definition does).
void prepare_trace_text(Program& program);

// One line saying why the outermost value came out as it did, following the operands that decided
// it: "a.certified_level >= master_min is false (a.certified_level = B1, master_min = B2)
// (rule eligible, rules/mie-2021.rules:29)". Empty for an empty trace.
std::string explain(const Trace& trace, const Program& program);

}  // namespace mentorflow::dsl
