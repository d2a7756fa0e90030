// check_overrides: a rules file's rule or table named like one of the workflow's replaces it and
// must keep its signature. Two signatures printed side by side hide a one-word difference (a hit
// policy, one parameter's type), so the error points at the first difference and names it, and
// the note still shows the workflow's whole declaration.
#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/model/hit_policy.hpp"

namespace mentorflow::dsl::detail {

namespace {

std::string plural(std::size_t n) { return n == 1 ? "" : "s"; }

// The parameters' first difference, reported at it; false when there is one. `what` is "rule" or
// "table"; `name_span` is where a different count is reported.
bool same_formals(World& w, std::string_view what, const std::string& name, const std::vector<Formal>& base,
                  const std::vector<Formal>& here, const std::vector<ast::Param>& params, ast::Span name_span,
                  const std::string& declared) {
  if (base.size() != here.size()) {
    w.report.error(name_span, msg::kOverrideParamCount, what, name, here.size(), plural(here.size()), base.size())
        .notes.push_back(declared);
    return false;
  }
  for (std::size_t i = 0; i < base.size(); ++i) {
    if (base[i].type == here[i].type) continue;
    auto shown = [](const Formal& f) { return f.is_case ? f.type.name : f.type.to_string(); };
    w.report.error(params[i].type.span, msg::kOverrideParamType, here[i].name, what, name, shown(here[i]), shown(base[i]))
        .notes.push_back(declared);
    return false;
  }
  return true;
}

}  // namespace

bool override_fits(World& w, const RuleSpec& base, const RuleSpec& here, const ast::RuleDecl& decl) {
  const std::string declared = fmt::format(fmt::runtime(msg::kWorkflowDeclares), signature(base));
  if (!same_formals(w, "rule", here.name, base.formals, here.formals, decl.params, decl.name.span, declared)) return false;
  if (decl.result && !(base.result == here.result)) {
    w.report.error(decl.result->span, msg::kOverrideResult, "rule", here.name, here.result.to_string(), base.result.to_string())
        .notes.push_back(declared);
    return false;
  }
  return true;
}

bool override_fits(World& w, const TableSpec& base, const TableSpec& here, const ast::TableDecl& decl) {
  const std::string declared = fmt::format(fmt::runtime(msg::kWorkflowDeclares), signature(base));
  if (!same_formals(w, "table", here.name, base.formals, here.formals, decl.params, decl.name.span, declared)) return false;
  if (!(base.output == here.output)) {
    w.report.error(decl.result.span, msg::kOverrideResult, "table", here.name, here.output.to_string(), base.output.to_string())
        .notes.push_back(declared);
    return false;
  }
  if (base.policy != here.policy) {
    w.report.error(decl.hit_policy_span, msg::kOverridePolicy, here.name, hit_policy_name(here.policy),
                   hit_policy_name(base.policy))
        .notes.push_back(declared);
    return false;
  }
  return true;
}

}  // namespace mentorflow::dsl::detail
