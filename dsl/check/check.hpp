#pragma once
// Checking: resolves every name and type of a parsed workflow, and of a rules file against its
// workflow, reporting every problem of the file (never only the first) through Diagnostics, in
// the same format as syntax errors. What is checked: docs/LANGUAGE.md, "What the checker reports".
// The result holds the workflow with every expression compiled (dsl/model/expr.hpp); compile() turns a
// checked workflow and a checked rules file into a Definition. Thread-safe (no shared state).
#include <optional>
#include <string>
#include <vector>

#include "dsl/model/model.hpp"
#include "dsl/model/program.hpp"
#include "dsl/parse/ast.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

// A workflow whose names and types are all resolved. Its program's parameter values are the
// defaults; rules declared without a body have none yet.
struct CheckedWorkflow {
  std::string name, title;             // title: the first-language text of title_text
  Text title_text;
  std::vector<std::string> languages;  // as declared (`languages en, it`); empty when undeclared
  const SourceFile* source = nullptr;  // not owned; must outlive this
  std::vector<RoleSpec> roles;         // declared roles, then the built-in `system`
  std::vector<NamedEnum> enums;        // named enums, their values and the values' labels
  std::vector<Type> enum_types;        // every enum type (named and inline), for bare values
  Program program;
};

// A rules file checked against its workflow: the workflow's program with the edition's parameter
// values and constants, every rule and table defined (overrides in place of the workflow's), and
// every constant of the workflow (counter bounds, timer times, cadence bounds, table cells)
// computed for this edition.
struct CheckedRules {
  std::string workflow, edition;
  const SourceFile* source = nullptr;  // not owned; must outlive this
  const CheckedWorkflow* checked_workflow = nullptr;
  Program program;
};

// nullopt when the file has errors (all reported); warnings alone still give a result.
std::optional<CheckedWorkflow> check_workflow(const SourceFile& file, const ast::Workflow& workflow,
                                              Diagnostics& diagnostics);

// `workflow` must be the checked workflow the rules file names (the caller finds it).
std::optional<CheckedRules> check_rules(const SourceFile& file, const ast::RulesFile& rules,
                                        const CheckedWorkflow& workflow, Diagnostics& diagnostics);

}  // namespace mentorflow::dsl
