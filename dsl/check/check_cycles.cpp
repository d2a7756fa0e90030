// Rules and tables may call each other but never themselves, directly or through others: every
// evaluation terminates. Also evaluates constants for the checker.
#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/eval/eval.hpp"

namespace mentorflow::dsl::detail {

namespace {

// Callees (rules as i, tables as rules.size() + i) of the expression at `node`.
void callees(const ExprPool& pool, NodeId node, std::size_t rules, std::vector<std::size_t>& out) {
  if (node == kNoNode) return;
  const ExprNode& n = pool[node];
  auto each = [&](NodeId offset, NodeId count) {
    for (NodeId i = 0; i < count; ++i) callees(pool, pool.lists[offset + i], rules, out);
  };
  switch (n.op) {
    case Op::CallRule: out.push_back(n.a), each(n.b, n.c); break;
    case Op::CallTable: out.push_back(rules + n.a), each(n.b, n.c); break;
    case Op::List:
    case Op::Builtin: each(n.b, n.c); break;
    case Op::Member:
    case Op::Present:
    case Op::Reached:
    case Op::Not:
    case Op::Neg: callees(pool, n.a, rules, out); break;
    case Op::And:
    case Op::Or:
    case Op::Compare:
    case Op::InList:
    case Op::Coalesce:
    case Op::Arith: callees(pool, n.a, rules, out), callees(pool, n.b, rules, out); break;
    case Op::InRange:
    case Op::If: callees(pool, n.a, rules, out), callees(pool, n.b, rules, out), callees(pool, n.c, rules, out); break;
    default: break;
  }
}

}  // namespace

void check_recursion(World& w, const std::vector<bool>& rule_in_file, const std::vector<bool>& table_in_file) {
  const Program& p = w.program;
  const std::size_t rules = p.rules.size(), total = rules + p.tables.size();
  std::vector<std::vector<std::size_t>> edges(total);
  for (std::size_t r = 0; r < rules; ++r) callees(p.pool, p.rules[r].body, rules, edges[r]);
  for (std::size_t t = 0; t < p.tables.size(); ++t)
    for (const TableRowSpec& row : p.tables[t].rows) callees(p.pool, row.output, rules, edges[rules + t]);
  auto name = [&](std::size_t v) { return v < rules ? p.rules[v].name : p.tables[v - rules].name; };
  auto in_file = [&](std::size_t v) { return v < rules ? rule_in_file[v] : table_in_file[v - rules]; };
  // For each function of this file, the shortest way back to itself (breadth first).
  std::vector<bool> reported(total, false);
  for (std::size_t start = 0; start < total; ++start) {
    if (!in_file(start) || reported[start]) continue;
    std::vector<std::size_t> from(total, total);
    std::vector<std::size_t> queue{start};
    bool found = false;
    for (std::size_t q = 0; q < queue.size() && !found; ++q) {
      for (std::size_t next : edges[queue[q]]) {
        if (next == start) {
          from[start] = queue[q];
          found = true;
          break;
        }
        if (from[next] == total) from[next] = queue[q], queue.push_back(next);
      }
    }
    if (!found) continue;
    std::vector<std::size_t> cycle{start};
    for (std::size_t v = from[start]; v != start; v = from[v]) cycle.push_back(v);
    std::string chain = name(start);
    for (auto it = cycle.rbegin(); it != cycle.rend(); ++it) chain += " -> " + name(*it);
    for (std::size_t v : cycle) reported[v] = true;
    const ast::Span span = start < rules ? p.rules[start].span : p.tables[start - rules].span;
    auto& d = w.report.error(span, msg::kRecursion, name(start));
    if (cycle.size() > 1) d.notes.push_back(fmt::format(fmt::runtime(msg::kCallChain), chain));
  }
}

std::optional<Value> evaluate_constant(World& w, NodeId node) {
  if (node == kNoNode) return std::nullopt;
  EvalEnv env;
  Evaluation e = evaluate(w.program, node, env, false);
  if (!e.ok()) {
    const ExprNode& n = w.program.pool[node];
    const std::string text(w.program.text(node));
    w.report.error(n.file == w.file ? n.span : w.header, msg::kEvalFailed, text, e.error->message);
    return std::nullopt;
  }
  return std::move(e.value);
}

}  // namespace mentorflow::dsl::detail
