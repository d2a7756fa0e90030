#include "dsl/compile/compile.hpp"

#include <fmt/format.h>

#include <cassert>

#include "dsl/check/check_messages.hpp"
#include "dsl/parse/parser.hpp"

namespace mentorflow::dsl {

Definition compile(const CheckedWorkflow& workflow, const CheckedRules& rules) {
  assert(rules.checked_workflow == &workflow);
  return Definition(workflow.name, rules.edition, *workflow.source, *rules.source, workflow.roles,
                    WorkflowTexts{workflow.languages, workflow.title_text, workflow.enums}, rules.program);
}

std::optional<Definition> build_definition(const SourceFile& workflow_file, const SourceFile& rules_file,
                                           Diagnostics& diagnostics) {
  auto workflow_ast = parse_workflow(workflow_file, diagnostics);
  auto rules_ast = parse_rules(rules_file, diagnostics);
  if (!workflow_ast || !rules_ast) return std::nullopt;
  auto workflow = check_workflow(workflow_file, *workflow_ast, diagnostics);
  if (!workflow) return std::nullopt;
  if (rules_ast->workflow.name != workflow->name) {
    diagnostics.error(rules_file, rules_ast->workflow.span,
                      fmt::format(fmt::runtime(msg::kUnknownWorkflow), rules_ast->workflow.name));
    return std::nullopt;
  }
  auto rules = check_rules(rules_file, *rules_ast, *workflow, diagnostics);
  if (!rules) return std::nullopt;
  return compile(*workflow, *rules);
}

}  // namespace mentorflow::dsl
