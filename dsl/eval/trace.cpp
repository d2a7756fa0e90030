#include "dsl/eval/trace.hpp"

#include <fmt/core.h>

#include <fmt/format.h>

#include <algorithm>

#include "dsl/json_text.hpp"
#include "dsl/model/hit_policy.hpp"
#include "dsl/eval/shown_value.hpp"
#include "dsl/model/program.hpp"

namespace mentorflow::dsl {

namespace {

using Children = std::vector<std::vector<std::uint32_t>>;

Children children_of(const Trace& trace) {
  Children kids(trace.steps.size());
  for (std::uint32_t i = 0; i < trace.steps.size(); ++i)
    if (trace.steps[i].parent != kNoParent) kids[trace.steps[i].parent].push_back(i);
  return kids;
}

std::string where(const Program& p, SourceId file, ast::Span span, bool with_column) {
  const SourceFile* f = p.source(file);
  if (!f) return {};
  const Location at = f->location(span.begin);
  return with_column ? fmt::format("{}:{}:{}", f->path(), at.line, at.column) : fmt::format("{}:{}", f->path(), at.line);
}

// The trace's tree as links: the first child and next sibling of each step (steps come parents
// first, children in order), so writing it allocates nothing per step.
struct Links {
  std::vector<std::uint32_t> first_child, next_sibling;
};

Links links_of(const Trace& trace) {
  const auto n = static_cast<std::uint32_t>(trace.steps.size());
  Links l{std::vector<std::uint32_t>(n, kNoParent), std::vector<std::uint32_t>(n, kNoParent)};
  std::vector<std::uint32_t> last_child(n, kNoParent);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t parent = trace.steps[i].parent;
    if (parent == kNoParent) continue;
    if (last_child[parent] == kNoParent) l.first_child[parent] = i;
    else l.next_sibling[last_child[parent]] = i;
    last_child[parent] = i;
  }
  return l;
}

// Writes `"key":`; keys are written in byte order, as a sorted JSON object has them.
void key(std::string& out, std::string_view name) {
  out += '"';
  out += name;
  out += "\":";
}

void write_where(std::string& out, const Program& p, SourceId file, ast::Span span, bool with_column) {
  const SourceFile* f = p.source(file);
  if (!f) return append_json_string(out, "");
  const Location at = f->location(span.begin);
  std::string text = f->path();
  text += ':';
  text += fmt::format_int(at.line).c_str();
  if (with_column) {
    text += ':';
    text += fmt::format_int(at.column).c_str();
  }
  append_json_string(out, text);
}

// An expression step's place: prepared once per node, when the program has them.
void write_node_where(std::string& out, const Program& p, NodeId node) {
  if (node < p.trace_at.size()) out += p.trace_at[node];
  else write_where(out, p, p.pool[node].file, p.pool[node].span, true);
}

// {"a": value, ...} of a rule's or table's arguments, by formal name in byte order.
void write_args(std::string& out, const std::vector<Formal>& formals, const std::vector<Value>& args) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < formals.size() && i < args.size(); ++i) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return formals[a].name < formals[b].name; });
  out += '{';
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k) out += ',';
    append_json_string(out, formals[order[k]].name);
    out += ':';
    append_json_value(out, args[order[k]]);
  }
  out += '}';
}

// `"args":{...},"at":"FILE:LINE",` of a rule's or table's step.
void write_call_head(std::string& out, const Program& p, const std::vector<Formal>& formals,
                     const std::vector<Value>& args, SourceId file, ast::Span span) {
  key(out, "args");
  write_args(out, formals, args);
  out += ',';
  key(out, "at");
  write_where(out, p, file, span, false);
  out += ',';
}

void write_step(std::string& out, const Trace& t, const Links& l, const Program& p, std::uint32_t i);

// `"steps":[...],` when step i has children.
void write_children(std::string& out, const Trace& t, const Links& l, const Program& p, std::uint32_t i) {
  if (l.first_child[i] == kNoParent) return;
  key(out, "steps");
  out += '[';
  for (std::uint32_t k = l.first_child[i]; k != kNoParent; k = l.next_sibling[k]) {
    if (k != l.first_child[i]) out += ',';
    write_step(out, t, l, p, k);
  }
  out += "],";
}

// One step, its keys in byte order (the format: docs/LANGUAGE.md, "Traces"); every key before
// "value" is written with the comma that follows it.
void write_step(std::string& out, const Trace& t, const Links& l, const Program& p, std::uint32_t i) {
  const TraceStep& s = t.steps[i];
  out += '{';
  switch (s.kind) {
    case TraceStep::Kind::Expr:  // at, steps, text, value
      key(out, "at");
      write_node_where(out, p, s.node);
      out += ',';
      write_children(out, t, l, p, i);
      key(out, "text");
      append_json_string(out, p.text(s.node));
      out += ',';
      break;
    case TraceStep::Kind::Rule: {  // args, at, rule, steps, value
      const RuleSpec& r = p.rules[s.callee];
      write_call_head(out, p, r.formals, s.args, r.file, r.span);
      key(out, "rule");
      append_json_string(out, r.name);
      out += ',';
      write_children(out, t, l, p, i);
      break;
    }
    case TraceStep::Kind::Table: {  // args, at, policy, rows, steps, table, value
      const TableSpec& tb = p.tables[s.callee];
      write_call_head(out, p, tb.formals, s.args, tb.file, tb.span);
      key(out, "policy");
      append_json_string(out, hit_policy_name(tb.policy));
      out += ',';
      key(out, "rows");
      out += '[';
      for (std::size_t r = 0; r < s.rows.size(); ++r) {
        if (r) out += ',';
        out += fmt::format_int(s.rows[r] + 1).c_str();
      }
      out += "],";
      write_children(out, t, l, p, i);
      key(out, "table");
      append_json_string(out, tb.name);
      out += ',';
      break;
    }
  }
  key(out, "value");
  append_json_value(out, s.value);
  out += '}';
}

// ---- explanations ----------------------------------------------------------------------------
bool reads_a_value(Op op) {
  switch (op) {
    case Op::Param:
    case Op::Let:
    case Op::Local:
    case Op::Member:
    case Op::Input:
    case Op::Now:
    case Op::Actor:
    case Op::CallTable: return true;
    default: return false;
  }
}

class Explainer {
 public:
  Explainer(const Trace& t, const Program& p) : t_(t), p_(p), kids_(children_of(t)) {}

  std::string why(std::uint32_t i) const {
    const TraceStep& s = t_.steps[i];
    const auto& kids = kids_[i];
    if (s.kind == TraceStep::Kind::Rule) {
      const RuleSpec& r = p_.rules[s.callee];
      std::string inner = kids.empty() ? fmt::format("{} is {}", r.name, s.value.display()) : why(kids.back());
      return fmt::format("{} (rule {}, {})", inner, r.name, where(p_, r.file, r.span, false));
    }
    if (s.kind == TraceStep::Kind::Table) {
      const TableSpec& tb = p_.tables[s.callee];
      std::string rows;
      for (std::uint32_t r : s.rows) rows += fmt::format("{}{}", rows.empty() ? "" : ", ", r + 1);
      return fmt::format("table {} gives {}{} ({})", tb.name, s.value.display(),
                         rows.empty() ? "" : " (row " + rows + ")", where(p_, tb.file, tb.span, false));
    }
    const ExprNode& n = p_.pool[s.node];
    const bool truth = s.value.kind() == ValueKind::Bool && s.value.as_bool();
    switch (n.op) {
      case Op::And:
      case Op::Or: {
        const bool decided_by_last = (n.op == Op::And) != truth;  // false and / true or
        if (decided_by_last && !kids.empty()) return why(kids.back());
        std::string out;
        for (std::uint32_t k : kids) out += (out.empty() ? "" : n.op == Op::And ? " and " : "; ") + why(k);
        return out;
      }
      case Op::CallRule:
        if (!kids.empty()) return why(kids.back());
        break;
      case Op::If:
        if (kids.size() == 2) return why(kids.back());
        break;
      default: break;
    }
    std::string out = fmt::format("{} is {}", p_.text(s.node), s.value.display());
    std::vector<std::string> leaves;
    for (std::uint32_t k : kids) collect_leaves(k, leaves);
    if (!leaves.empty()) {
      out += " (";
      for (std::size_t j = 0; j < leaves.size(); ++j) out += (j ? ", " : "") + leaves[j];
      out += ")";
    }
    return out;
  }

 private:
  void collect_leaves(std::uint32_t i, std::vector<std::string>& out) const {
    const TraceStep& s = t_.steps[i];
    if (s.kind != TraceStep::Kind::Expr) return;
    if (reads_a_value(p_.pool[s.node].op)) {
      out.push_back(fmt::format("{} = {}", p_.text(s.node), shown_value(p_, s.node, s.value)));
      return;
    }
    for (std::uint32_t k : kids_[i]) collect_leaves(k, out);
  }

  const Trace& t_;
  const Program& p_;
  Children kids_;
};

}  // namespace

void prepare_trace_text(Program& program) {
  program.trace_at.clear();
  program.trace_at.reserve(program.pool.nodes.size());
  for (const ExprNode& n : program.pool.nodes) {
    std::string at;
    write_where(at, program, n.file, n.span, true);
    program.trace_at.push_back(std::move(at));
  }
}

std::string trace_text(const Trace& trace, const Program& program) {
  if (trace.steps.empty()) return "null";
  std::string out;
  out.reserve(256 * trace.steps.size());
  write_step(out, trace, links_of(trace), program, 0);
  return out;
}

std::string explain(const Trace& trace, const Program& program) {
  if (trace.steps.empty()) return {};
  return Explainer(trace, program).why(0);
}

}  // namespace mentorflow::dsl
