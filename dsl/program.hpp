#pragma once
// Everything evaluation reads: the expression pool, the edition's parameter and constant values,
// rules, tables and case types (for counters' minimums and member names in traces), and the two
// source files the nodes' spans point into. Built by the checker, frozen inside a Definition.
#include <array>
#include <string>
#include <vector>

#include "dsl/expr.hpp"
#include "dsl/model.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

struct LetSpec {
  std::string name;
  Type type;
  NodeId value = kNoNode;
};

struct Program {
  ExprPool pool;
  std::vector<ParamSpec> params;
  std::vector<Value> param_values;  // by parameter index; absent until known
  std::vector<LetSpec> lets;
  std::vector<Value> let_values;
  std::vector<RuleSpec> rules;
  std::vector<TableSpec> tables;
  std::vector<CaseTypeSpec> case_types;
  std::array<const SourceFile*, 2> sources{};  // by SourceId; not owned

  const SourceFile* source(SourceId id) const { return sources[static_cast<int>(id)]; }
  // The source text of node `id` ("a.degree == master").
  std::string_view text(NodeId id) const;
};

}  // namespace mentorflow::dsl
