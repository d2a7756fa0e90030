// check_workflow: the passes over a workflow file, in order.
#include <algorithm>

#include "dsl/check/check.hpp"
#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"

namespace mentorflow::dsl {

using namespace detail;

std::optional<CheckedWorkflow> check_workflow(const SourceFile& file, const ast::Workflow& wf, Diagnostics& out) {
  CheckedWorkflow result;
  result.name = wf.name.name;
  result.title = wf.title.first.value;
  result.source = &file;
  result.program.sources[static_cast<int>(SourceId::Workflow)] = &file;
  Reporter report(file);
  World w(result.program, report, SourceId::Workflow);
  w.header = wf.name.span;

  // Declarations: everything may refer to anything declared anywhere in the file; every text is
  // in one of the languages, wherever they are declared.
  declare_languages(w, wf);
  result.title_text = check_text(w, wf.title, "title of workflow '" + wf.name.name + "'");
  declare_types(w, wf);
  declare_roles(w, wf);
  declare_params(w, wf);
  std::vector<std::pair<Index, const ast::RuleDecl*>> rules;
  std::vector<std::pair<Index, const ast::TableDecl*>> tables;
  for (const ast::WorkflowItem& item : wf.items) {
    if (const auto* r = boost::get<ast::RuleDecl>(&item)) {
      if (auto i = declare_rule(w, *r)) rules.emplace_back(*i, r);
    } else if (const auto* t = boost::get<ast::TableDecl>(&item)) {
      if (auto i = declare_table(w, *t)) tables.emplace_back(*i, t);
    }
  }
  std::vector<const ast::CaseDecl*> cases;
  for (const ast::WorkflowItem& item : wf.items)
    if (const auto* c = boost::get<ast::CaseDecl>(&item))
      if (auto i = w.find_case(c->name.name); i && w.case_spans[*i].begin == c->name.span.begin) cases.push_back(c);
  for (Index i = 0; i < cases.size(); ++i) declare_case_members(w, i, *cases[i]);

  // Bodies.
  Scope constant;
  ExprChecker constants(w, constant);
  for (const ast::WorkflowItem& item : wf.items) {
    const auto* p = boost::get<ast::ParamDecl>(&item);
    if (!p || !p->default_value) continue;
    auto i = w.find_param(p->name.name);
    if (!i || w.param_spans[*i].begin != p->name.span.begin) continue;
    const Type type = w.program.params[*i].type;
    Typed v = constants.check(*p->default_value, &type);
    if (!v.type.is_error() && !assignable(type, v.type)) {
      w.report.error(v.span, msg::kParamType, p->name.name, type.to_string(), v.type.to_string());
      continue;
    }
    if (v.type.is_error() || !constants.require_constant(v.node)) continue;
    w.program.params[*i].default_value = v.node;
  }
  std::vector<NodeId> defaults;
  for (const ParamSpec& p : w.program.params) defaults.push_back(p.default_value);
  compute_params(w, defaults, w.param_spans);
  check_rule_bodies(w, rules, false);
  for (auto [i, t] : tables) check_table_rows(w, i, *t, false);
  for (Index i = 0; i < cases.size(); ++i) check_case_bodies(w, i, *cases[i]);

  // The whole file.
  for (Index i = 0; i < cases.size(); ++i) check_states(w, i, *cases[i]);
  check_recursion(w, std::vector<bool>(w.program.rules.size(), true), std::vector<bool>(w.program.tables.size(), true));
  if (!report.has_errors()) check_unset_fields(w);  // the graph and the reads are whole only then
  // Tables whose cells only use defaults are analysed now; the others with each edition.
  for (TableSpec& t : w.program.tables) {
    Reporter quiet(file);
    World probe(w.program, quiet, SourceId::Workflow);
    if (compute_cells(probe, t) && !quiet.has_errors()) analyse_table(w, t);
  }

  result.roles = w.roles;
  result.languages = w.languages;
  for (const EnumSpec& e : w.enums) result.enums.push_back(NamedEnum{e.name, e.values, e.value_labels});
  result.enum_types = w.enum_types;
  const bool failed = report.has_errors();
  report.flush(out);
  if (failed) return std::nullopt;
  return result;
}

}  // namespace mentorflow::dsl
