// Plain words for a decision's trace. The shapes rules are written in get words of their own: a
// comparison with a threshold ("master requires B2, certified level is B1"), `and` chains whose
// enum tests give the context ("master"), `or` alternatives where those that do not apply (the
// enum test failed) are left out. Anything else reads as "EXPR is VALUE (leaf = value, ...)".
#include "engine/audit/decision_words.hpp"

#include <fmt/core.h>

#include <optional>
#include <vector>

#include "dsl/eval/shown_value.hpp"

namespace mentorflow::engine::audit {
namespace {

using dsl::CmpOp;
using dsl::Op;
using dsl::TraceStep;
using dsl::Value;

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// "a.certified_level" -> "certified level"; "bachelor_min" -> "bachelor min".
std::string spoken(std::string_view text, bool drop_case_variable) {
  if (drop_case_variable)
    if (auto dot = text.find('.'); dot != std::string_view::npos) text.remove_prefix(dot + 1);
  std::string out(text);
  for (char& c : out)
    if (c == '_' || c == '.') c = ' ';
  return out;
}

bool is_threshold(Op op) { return op == Op::Const || op == Op::Let || op == Op::Param; }

const char* op_words(CmpOp op) {
  switch (op) {
    case CmpOp::Eq: return "";
    case CmpOp::Ne: return "other than ";
    case CmpOp::Lt: return "under ";
    case CmpOp::Le: return "at most ";
    case CmpOp::Gt: return "over ";
    case CmpOp::Ge: return "at least ";
  }
  return "";
}

// One comparison, read with the value it is measured against on the right.
struct Comparison {
  std::string subject;      // what was measured ("certified level")
  Value actual;             // its value
  std::string other;        // the right side's words, when it is not a threshold
  Value limit;              // the right side's value
  std::string limit_text;   // as shown: as written when it is (dsl/eval/shown_value.hpp)
  CmpOp op = CmpOp::Eq;
  bool threshold = false;   // the right side is a constant, a `let` or a parameter
  std::string source;       // where the measured value came from: " (rows 2, 5 of table T, FILE:LINE)"
  bool enum_test() const { return threshold && op == CmpOp::Eq && limit.kind() == dsl::ValueKind::Enum; }
};

class Worder {
 public:
  Worder(const dsl::Trace& t, const dsl::Program& p) : t_(t), p_(p), kids_(t.steps.size()) {
    for (std::uint32_t i = 0; i < t.steps.size(); ++i)
      if (t.steps[i].parent != dsl::kNoParent) kids_[t.steps[i].parent].push_back(i);
  }

  // Why step `i` came out as it did; `context` holds the enum tests that held on the way here.
  std::string why(std::uint32_t i, const std::vector<std::string>& context) {
    const TraceStep& s = t_.steps[i];
    const auto& kids = kids_[i];
    if (s.kind == TraceStep::Kind::Rule) {
      const dsl::RuleSpec& r = p_.rules[s.callee];
      const std::string at = where(r.file, r.span);
      if (words_.rule.empty()) words_.rule = r.name, words_.at = at;
      const std::string inner = kids.empty() ? fmt::format("{} is {}", r.name, s.value.display()) : why(kids.back(), {});
      return fmt::format("{} (rule {}, {})", inner, r.name, at);
    }
    if (s.kind == TraceStep::Kind::Table) {
      const dsl::TableSpec& tb = p_.tables[s.callee];
      std::vector<std::string> rows;
      for (std::uint32_t r : s.rows) rows.push_back(std::to_string(r + 1));
      return fmt::format("table {} gives {}{} ({})", tb.name, s.value.display(),
                         rows.empty() ? "" : " (row " + join(rows, ", ") + ")", where(tb.file, tb.span));
    }
    const dsl::ExprNode& n = p_.pool[s.node];
    const bool truth = s.value.kind() == dsl::ValueKind::Bool && s.value.as_bool();
    switch (n.op) {
      case Op::CallRule:
      case Op::If:
        if (!kids.empty()) return why(kids.back(), context);
        break;
      case Op::And:
        if (kids.empty()) break;
        if (truth) return join(held_all(kids), ", ");
        return why(kids.back(), with_enum_tests(context, kids));
      case Op::Or: {
        if (kids.empty()) break;
        if (truth) return why(kids.back(), context);
        std::vector<std::string> applicable, all;
        for (std::uint32_t k : kids) {
          all.push_back(why(k, context));
          if (!fails_on_enum_test(k)) applicable.push_back(all.back());
        }
        return join(applicable.empty() ? all : applicable, "; ");
      }
      case Op::Compare:
        if (auto c = comparison(i)) return truth ? held(*c) : failed(*c, context);
        break;
      default: break;
    }
    return plain(i);
  }

  DecisionWords words_;

 private:
  std::string where(dsl::SourceId file, dsl::ast::Span span) const {
    const dsl::SourceFile* f = p_.source(file);
    return f ? fmt::format("{}:{}", f->path(), f->location(span.begin).line) : std::string();
  }

  std::optional<Value> value_of(std::uint32_t step, dsl::NodeId node) const {
    for (std::uint32_t k : kids_[step])
      if (t_.steps[k].kind == TraceStep::Kind::Expr && t_.steps[k].node == node) return t_.steps[k].value;
    const dsl::ExprNode& n = p_.pool[node];
    if (n.op == Op::Const) return p_.pool.constants[n.a];
    if (n.op == Op::Let) return p_.let_values[n.a];
    if (n.op == Op::Param) return p_.param_values[n.a];
    return std::nullopt;
  }

  std::string words_for(dsl::NodeId node) const {
    const dsl::ExprNode& n = p_.pool[node];
    if (n.op == Op::Member) return spoken(p_.text(node), true);
    if (n.op == Op::Let || n.op == Op::Param || n.op == Op::Local || n.op == Op::Input) return spoken(p_.text(node), false);
    if (n.op == Op::CallRule) return spoken(p_.rules[n.a].name, false);  // "mentee score", not the call's text
    if (n.op == Op::CallTable) return spoken(p_.tables[n.a].name, false);
    return std::string(p_.text(node));
  }

  std::optional<Comparison> comparison(std::uint32_t i) const {
    const dsl::ExprNode& n = p_.pool[t_.steps[i].node];
    dsl::NodeId left = n.a, right = n.b;
    CmpOp op = static_cast<CmpOp>(n.aux);
    if (is_threshold(p_.pool[left].op) && !is_threshold(p_.pool[right].op)) {
      std::swap(left, right);
      op = dsl::mirrored(op);
    }
    auto actual = value_of(i, left);
    auto limit = value_of(i, right);
    if (!actual || !limit) return std::nullopt;
    Comparison c{words_for(left), *actual, words_for(right), *limit, dsl::shown_value(p_, right, *limit), op,
                 is_threshold(p_.pool[right].op), table_rows(i, left)};
    return c;
  }

  // " (rows 2, 5 of table T, FILE:LINE)" when node `node` (under step `i`) consulted a table.
  std::string table_rows(std::uint32_t i, dsl::NodeId node) const {
    for (std::uint32_t k : kids_[i]) {
      if (t_.steps[k].kind != TraceStep::Kind::Expr || t_.steps[k].node != node) continue;
      for (std::uint32_t table : kids_[k]) {
        const TraceStep& s = t_.steps[table];
        if (s.kind != TraceStep::Kind::Table) continue;
        const dsl::TableSpec& tb = p_.tables[s.callee];
        std::vector<std::string> rows;
        for (std::uint32_t r : s.rows) rows.push_back(std::to_string(r + 1));
        const std::string which = rows.empty() ? "no row" : (rows.size() == 1 ? "row " : "rows ") + join(rows, ", ");
        return fmt::format(" ({} of table {}, {})", which, tb.name, where(tb.file, tb.span));
      }
    }
    return {};
  }

  static std::string requirement(const Comparison& c) {
    if (!c.threshold) return fmt::format("{}{} {}", op_words(c.op), c.other, c.limit_text);
    return fmt::format("{}{}", op_words(c.op), c.limit_text);
  }

  // "year 2 (at least 2)", "master", "certificate language french matches project language".
  static std::string held(const Comparison& c) {
    if (c.enum_test()) return c.limit.display();
    if (!c.threshold && c.op == CmpOp::Eq) return fmt::format("{} {} matches {}", c.subject, c.actual.display(), c.other);
    if (c.op == CmpOp::Eq) return fmt::format("{} {}{}", c.subject, c.actual.display(), c.source);
    return fmt::format("{} {} ({}){}", c.subject, c.actual.display(), requirement(c), c.source);
  }

  // "master requires B2, certified level is B1", "year must be at least 2, it is 1".
  static std::string failed(const Comparison& c, const std::vector<std::string>& context) {
    if (c.enum_test()) return fmt::format("{} is {}, not {}", c.subject, c.actual.display(), c.limit.display());
    if (!c.threshold && c.op == CmpOp::Eq)
      return fmt::format("{} {} does not match {} {}", c.subject, c.actual.display(), c.other, c.limit_text);
    if (context.empty())
      return fmt::format("{} must be {}, it is {}{}", c.subject, requirement(c), c.actual.display(), c.source);
    // A CEFR level is always a minimum: "requires B2" says it all.
    const bool level = c.threshold && c.op == CmpOp::Ge && c.limit.kind() == dsl::ValueKind::Cefr;
    return fmt::format("{} requires {}, {} is {}{}", join(context, " "),
                       level ? c.limit.display() : c.subject + " " + requirement(c), c.subject, c.actual.display(),
                       c.source);
  }

  // The words for every conjunct of an `and` that held, nested `and`s flattened.
  std::vector<std::string> held_all(const std::vector<std::uint32_t>& steps) {
    std::vector<std::string> out;
    for (std::uint32_t k : steps) {
      const TraceStep& s = t_.steps[k];
      if (s.kind == TraceStep::Kind::Expr && p_.pool[s.node].op == Op::And && !kids_[k].empty()) {
        for (std::string& w : held_all(kids_[k])) out.push_back(std::move(w));
        continue;
      }
      out.push_back(why(k, {}));
    }
    return out;
  }

  // `context` plus the enum tests among the conjuncts that held (all of `steps` but the last).
  std::vector<std::string> with_enum_tests(std::vector<std::string> context, const std::vector<std::uint32_t>& steps) {
    for (std::size_t j = 0; j + 1 < steps.size(); ++j) add_enum_tests(steps[j], context);
    return context;
  }
  void add_enum_tests(std::uint32_t k, std::vector<std::string>& out) {
    const TraceStep& s = t_.steps[k];
    if (s.kind != TraceStep::Kind::Expr) return;
    const Op op = p_.pool[s.node].op;
    if (op == Op::And)
      for (std::uint32_t kid : kids_[k]) add_enum_tests(kid, out);
    else if (op == Op::Compare)
      if (auto c = comparison(k); c && c->enum_test()) out.push_back(c->limit.display());
  }

  // Whether step `k` is false only because an enum test failed: an alternative that does not apply.
  bool fails_on_enum_test(std::uint32_t k) const {
    const TraceStep& s = t_.steps[k];
    if (s.kind != TraceStep::Kind::Expr) return false;
    const Op op = p_.pool[s.node].op;
    if (op == Op::And && kids_[k].size() == 1) return fails_on_enum_test(kids_[k].front());
    if (op != Op::Compare) return false;
    auto c = comparison(k);
    return c && c->enum_test();
  }

  // "EXPR is VALUE (leaf = value, ...)", as dsl::explain says it.
  std::string plain(std::uint32_t i) const {
    const TraceStep& s = t_.steps[i];
    std::vector<std::string> leaves;
    for (std::uint32_t k : kids_[i]) collect_leaves(k, leaves);
    std::string out = fmt::format("{} is {}", p_.text(s.node), s.value.display());
    if (!leaves.empty()) out += " (" + join(leaves, ", ") + ")";
    return out;
  }
  void collect_leaves(std::uint32_t i, std::vector<std::string>& out) const {
    const TraceStep& s = t_.steps[i];
    if (s.kind != TraceStep::Kind::Expr) return;
    switch (p_.pool[s.node].op) {
      case Op::Param: case Op::Let: case Op::Local: case Op::Member: case Op::Input:
      case Op::Now: case Op::Actor: case Op::CallTable:
        out.push_back(fmt::format("{} = {}", p_.text(s.node), dsl::shown_value(p_, s.node, s.value)));
        return;
      default:
        for (std::uint32_t k : kids_[i]) collect_leaves(k, out);
    }
  }

  const dsl::Trace& t_;
  const dsl::Program& p_;
  std::vector<std::vector<std::uint32_t>> kids_;
};

}  // namespace

DecisionWords decision_words(const dsl::Trace& trace, const dsl::Program& program) {
  if (trace.steps.empty()) return {};
  Worder w(trace, program);
  std::string reason = w.why(0, {});
  DecisionWords out = std::move(w.words_);
  out.reason = std::move(reason);
  return out;
}

}  // namespace mentorflow::engine::audit
