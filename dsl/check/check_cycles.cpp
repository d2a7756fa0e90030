// Rules and tables may call each other but never themselves, directly or through others: every
// evaluation terminates. Also evaluates constants for the checker, and parameters each after the
// parameters it is computed from (a default such as `starts - lead` uses the edition's `starts`).
#include <algorithm>
#include <iterator>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/eval/eval.hpp"
#include "dsl/eval/shown_value.hpp"

namespace mentorflow::dsl::detail {

namespace {

// Calls `f` on each node the node at `node` reads directly (its operands and arguments).
template <class F>
void each_operand(const ExprPool& pool, NodeId node, F&& f) {
  if (node == kNoNode) return;
  const ExprNode& n = pool[node];
  auto each = [&](NodeId offset, NodeId count) {
    for (NodeId i = 0; i < count; ++i) f(pool.lists[offset + i]);
  };
  switch (n.op) {
    case Op::CallRule:
    case Op::CallTable:
    case Op::List:
    case Op::Builtin: each(n.b, n.c); break;
    case Op::Member:
    case Op::Present:
    case Op::Reached:
    case Op::Not:
    case Op::Neg: f(n.a); break;
    case Op::And:
    case Op::Or:
    case Op::Compare:
    case Op::InList:
    case Op::Coalesce:
    case Op::Arith: f(n.a), f(n.b); break;
    case Op::InRange:
    case Op::If: f(n.a), f(n.b), f(n.c); break;
    default: break;
  }
}

// Callees (rules as i, tables as rules.size() + i) of the expression at `node`.
void callees(const ExprPool& pool, NodeId node, std::size_t rules, std::vector<std::size_t>& out) {
  if (node == kNoNode) return;
  const ExprNode& n = pool[node];
  if (n.op == Op::CallRule) out.push_back(n.a);
  if (n.op == Op::CallTable) out.push_back(rules + n.a);
  each_operand(pool, node, [&](NodeId operand) { callees(pool, operand, rules, out); });
}

// The parameters the expression at `node` reads, in the order it reads them.
void params_read(const ExprPool& pool, NodeId node, std::vector<Index>& out) {
  if (node == kNoNode) return;
  if (pool[node].op == Op::Param) out.push_back(pool[node].a);
  each_operand(pool, node, [&](NodeId operand) { params_read(pool, operand, out); });
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

void compute_params(World& w, const std::vector<NodeId>& exprs, const std::vector<ast::Span>& spans) {
  Program& p = w.program;
  enum class Mark : std::uint8_t { New, Open, Done };
  std::vector<Mark> mark(p.params.size(), Mark::New);
  std::vector<bool> known(p.params.size(), false);
  std::vector<Index> path;  // the parameters being computed, each reading the next
  // Computes parameter i after the parameters its expression reads.
  auto compute = [&](auto& self, Index i) -> void {
    if (mark[i] == Mark::Done) return;
    if (mark[i] == Mark::Open) {
      const auto first = std::find(path.begin(), path.end(), i);
      std::string chain = p.params[i].name;
      for (auto it = std::next(first); it != path.end(); ++it) chain += " -> " + p.params[*it].name;
      chain += " -> " + p.params[i].name;
      const auto at = std::find_if(first, path.end(), [&](Index j) { return spans[j].end != 0; });
      auto& d = w.report.error(at == path.end() ? w.header : spans[*at], msg::kParamCycle,
                               p.params[at == path.end() ? i : *at].name);
      if (std::next(first) != path.end()) d.notes.push_back(fmt::format(fmt::runtime(msg::kCallChain), chain));
      for (auto it = first; it != path.end(); ++it) mark[*it] = Mark::Done;  // reported once
      return;
    }
    mark[i] = Mark::Open;
    path.push_back(i);
    std::vector<Index> reads;
    params_read(p.pool, exprs[i], reads);
    for (Index j : reads) self(self, j);
    path.pop_back();
    if (mark[i] == Mark::Done) return;  // on a cycle: reported, stays unknown
    mark[i] = Mark::Done;
    p.param_values[i] = Value();
    p.params[i].written.clear();
    if (exprs[i] == kNoNode || !std::all_of(reads.begin(), reads.end(), [&](Index j) { return known[j]; })) return;
    EvalEnv env;
    Evaluation e = evaluate(p, exprs[i], env, false);
    if (!e.ok()) {
      const ExprNode& n = p.pool[exprs[i]];
      auto& d = w.report.error(n.file == w.file ? n.span : w.header, msg::kEvalFailed, p.text(exprs[i]),
                               e.error->message);
      if (n.file != w.file) d.notes.push_back(fmt::format(fmt::runtime(msg::kDefaultWithEdition), p.params[i].name));
      return;
    }
    p.param_values[i] = std::move(e.value);
    p.params[i].written = written_text(p, exprs[i]);  // the parameters it reads have theirs already
    known[i] = true;
  };
  for (Index i = 0; i < p.params.size(); ++i) compute(compute, i);
}

}  // namespace mentorflow::dsl::detail
