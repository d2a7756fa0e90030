#pragma once
// Parsing: text of a .flow or .rules file -> position-tagged AST (dsl/parse/ast.hpp). Syntax errors are
// reported to `diagnostics` as `file:line:col: error: expected ...`; the parser recovers at the next
// declaration and goes on, so one run reports every syntax error of a file. Grammar:
// docs/LANGUAGE.md. Thread-safe (no shared state).
#include <optional>
#include <variant>

#include "dsl/parse/ast.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

// Returns the tree when the file parsed without error, nullopt otherwise (errors reported).
std::optional<ast::Workflow> parse_workflow(const SourceFile& file, Diagnostics& diagnostics);
std::optional<ast::RulesFile> parse_rules(const SourceFile& file, Diagnostics& diagnostics);

using ParsedFile = std::variant<ast::Workflow, ast::RulesFile>;

// Parses either kind, chosen by the file's first word (`workflow` or `rules`).
std::optional<ParsedFile> parse_file(const SourceFile& file, Diagnostics& diagnostics);

}  // namespace mentorflow::dsl
