#pragma once
// Internal to the checker: everything a name in a file may resolve to (the Program being built,
// roles, enums, declaration spans) and what is visible from one place (a Scope).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/check/check_report.hpp"
#include "dsl/model/model.hpp"
#include "dsl/model/program.hpp"

namespace mentorflow::dsl::detail {

struct EnumSpec {
  std::string name;
  std::vector<std::string> values;
  ast::Span span;
  std::vector<Text> value_labels;  // by value
};

struct World {
  World(Program& p, Reporter& r, SourceId f) : program(p), report(r), file(f) {}

  Program& program;  // nodes are added to program.pool
  Reporter& report;
  SourceId file;     // the file being checked (new nodes point into it)
  std::vector<RoleSpec> roles;
  std::vector<EnumSpec> enums;      // named enums
  std::vector<Type> enum_types;     // every enum type seen (named and inline), for bare values
  std::vector<ast::Span> case_spans, rule_spans, table_spans, param_spans, let_spans;
  std::size_t workflow_rules = 0, workflow_tables = 0;  // rules/tables of the workflow (the rest: rules file)
  // Checks rule `i`'s body now if it is still pending, so a call can learn a result type that is
  // inferred from the body (set by the pass that checks bodies).
  std::function<void(Index)> check_rule_now;
  ast::Span header;
  std::vector<bool> states_unresolved;  // by case type: a state name failed to resolve (skip shape checks)  // the file's `workflow NAME` or `rules for NAME`: where file-wide problems point
  // `languages en, it` (docs/LANGUAGE.md, "Labels, help and languages"): empty when undeclared.
  std::vector<std::string> languages;
  std::uint32_t languages_line = 0;   // of the declaration
  bool languages_broken = false;      // the declaration has an error: texts' languages are not checked against it
  bool told_no_languages = false;     // a variant without the declaration was reported (once is enough)

  std::optional<Index> find_case(std::string_view name) const;
  std::optional<Index> find_rule(std::string_view name) const;
  std::optional<Index> find_table(std::string_view name) const;
  std::optional<Index> find_param(std::string_view name) const;
  std::optional<Index> find_let(std::string_view name) const;
  const EnumSpec* find_enum(std::string_view name) const;
  const RoleSpec* find_role(std::string_view name) const;
  std::vector<std::string> role_names() const;

  // The type an ast::TypeRef names; reports unknown type names and returns Error for them.
  Type resolve_type(const ast::TypeRef& ref);
};

// What is visible from one expression.
struct Scope {
  const std::vector<Formal>* formals = nullptr;  // a rule's or table's parameters
  std::optional<Index> self;                     // inside a case type: its fields, `this`, `actor`
  const CommandSpec* command = nullptr;          // inside a command: its inputs
  bool lets = false;                             // the rules file's constants
};
// A constant (a parameter's value, a counter's bounds, a table cell...) is checked in the scope of
// where it stands, so names resolve as anywhere there; ExprChecker::require_constant then reports
// what in it is not constant.

}  // namespace mentorflow::dsl::detail
