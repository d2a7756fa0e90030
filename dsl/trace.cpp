#include "dsl/trace.hpp"

#include <fmt/core.h>

#include "dsl/program.hpp"
#include "dsl/value_json.hpp"

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

const char* policy_name(HitPolicy p) {
  switch (p) {
    case HitPolicy::Unique: return "unique";
    case HitPolicy::First: return "first";
    case HitPolicy::Collect: return "collect";
    case HitPolicy::CollectSum: return "collect sum";
    case HitPolicy::CollectMin: return "collect min";
    case HitPolicy::CollectMax: return "collect max";
    case HitPolicy::CollectCount: return "collect count";
  }
  return "?";
}

nlohmann::json args_json(const std::vector<Formal>& formals, const std::vector<Value>& args) {
  nlohmann::json a = nlohmann::json::object();
  for (std::size_t i = 0; i < formals.size() && i < args.size(); ++i) a[formals[i].name] = to_json(args[i]);
  return a;
}

nlohmann::json step_json(const Trace& t, const Children& kids, const Program& p, std::uint32_t i) {
  const TraceStep& s = t.steps[i];
  nlohmann::json j = nlohmann::json::object();
  switch (s.kind) {
    case TraceStep::Kind::Expr:
      j["text"] = std::string(p.text(s.node));
      j["at"] = where(p, p.pool[s.node].file, p.pool[s.node].span, true);
      break;
    case TraceStep::Kind::Rule: {
      const RuleSpec& r = p.rules[s.callee];
      j["rule"] = r.name;
      j["at"] = where(p, r.file, r.span, false);
      j["args"] = args_json(r.formals, s.args);
      break;
    }
    case TraceStep::Kind::Table: {
      const TableSpec& tb = p.tables[s.callee];
      j["table"] = tb.name;
      j["at"] = where(p, tb.file, tb.span, false);
      j["policy"] = policy_name(tb.policy);
      j["args"] = args_json(tb.formals, s.args);
      nlohmann::json rows = nlohmann::json::array();
      for (std::uint32_t r : s.rows) rows.push_back(r + 1);
      j["rows"] = rows;
      break;
    }
  }
  j["value"] = to_json(s.value);
  if (!kids[i].empty()) {
    nlohmann::json steps = nlohmann::json::array();
    for (std::uint32_t k : kids[i]) steps.push_back(step_json(t, kids, p, k));
    j["steps"] = steps;
  }
  return j;
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
      out.push_back(fmt::format("{} = {}", p_.text(s.node), s.value.display()));
      return;
    }
    for (std::uint32_t k : kids_[i]) collect_leaves(k, out);
  }

  const Trace& t_;
  const Program& p_;
  Children kids_;
};

}  // namespace

nlohmann::json trace_to_json(const Trace& trace, const Program& program) {
  if (trace.steps.empty()) return nullptr;
  const Children kids = children_of(trace);
  return step_json(trace, kids, program, 0);
}

std::string explain(const Trace& trace, const Program& program) {
  if (trace.steps.empty()) return {};
  return Explainer(trace, program).why(0);
}

}  // namespace mentorflow::dsl
