// check_lookalikes: in a rules file, a rule or table named like none of the workflow's is a new
// one, which only the file's own rules may call. When its name is a slip for one of the
// workflow's (`afinity` for `affinity`), the workflow's is not replaced: a rule without a body
// stays undefined, a default stays in force. Both are reported at the misspelt name, with the
// name meant, rather than at the file's header.
#include <algorithm>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/suggest.hpp"

namespace mentorflow::dsl::detail {

namespace {

// Whether any expression calls rule (or table) `index`.
bool called(const World& w, Op op, Index index) {
  const auto& nodes = w.program.pool.nodes;
  return std::any_of(nodes.begin(), nodes.end(), [&](const ExprNode& n) { return n.op == op && n.a == index; });
}

// The names of the workflow's first `count` entries of `specs` that this file does not replace.
template <class Spec>
std::vector<std::string> not_replaced(const std::vector<Spec>& specs, std::size_t count, const std::vector<bool>& in_file) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i)
    if (!in_file[i]) names.push_back(specs[i].name);
  return names;
}

}  // namespace

void check_rules_file_names(World& w, const std::vector<bool>& rule_in_file, const std::vector<bool>& table_in_file) {
  const std::vector<RuleSpec>& rules = w.program.rules;
  std::vector<bool> told(w.workflow_rules, false);  // a missing rule reported at its misspelling
  const std::vector<std::string> rule_names = not_replaced(rules, w.workflow_rules, rule_in_file);
  for (Index j = w.workflow_rules; j < rules.size(); ++j) {
    const auto meant = closest_name(rules[j].name, rule_names);
    if (!meant) continue;
    const Index i = *w.find_rule(*meant);
    Diagnostic* d = nullptr;
    if (rules[i].body == kNoNode) {
      d = &w.report.error(w.rule_spans[j], msg::kLookalikeMissing, "rule", rules[j].name, "rule", *meant);
      told[i] = true;
    } else if (!called(w, Op::CallRule, j)) {
      d = &w.report.warning(w.rule_spans[j], msg::kLookalikeUnused, "rule", rules[j].name, *meant);
    }
    if (d) d->notes.push_back(fmt::format(fmt::runtime(msg::kDidYouMean), *meant));
  }
  for (Index i = 0; i < w.workflow_rules; ++i)
    if (rules[i].body == kNoNode && !rule_in_file[i] && !told[i]) w.report.error(w.header, msg::kMissingRule, rules[i].name);

  const std::vector<TableSpec>& tables = w.program.tables;
  const std::vector<std::string> table_names = not_replaced(tables, w.workflow_tables, table_in_file);
  for (Index j = w.workflow_tables; j < tables.size(); ++j)
    if (auto meant = closest_name(tables[j].name, table_names); meant && !called(w, Op::CallTable, j))
      w.report.warning(w.table_spans[j], msg::kLookalikeUnused, "table", tables[j].name, *meant)
          .notes.push_back(fmt::format(fmt::runtime(msg::kDidYouMean), *meant));
}

}  // namespace mentorflow::dsl::detail
