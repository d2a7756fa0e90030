#include "dsl/eval/eval.hpp"

#include "dsl/eval/evaluator.hpp"

namespace mentorflow::dsl {

ValueKind value_kind(const Type& t) {
  switch (t.kind) {
    case TypeKind::Int: return ValueKind::Int;
    case TypeKind::Number: return ValueKind::Number;
    case TypeKind::Text: return ValueKind::Text;
    case TypeKind::Bool: return ValueKind::Bool;
    case TypeKind::Date: return ValueKind::Date;
    case TypeKind::DateTime: return ValueKind::DateTime;
    case TypeKind::Duration: return ValueKind::Duration;
    case TypeKind::Cefr: return ValueKind::Cefr;
    case TypeKind::Enum: return ValueKind::Enum;
    case TypeKind::List: return ValueKind::List;
    case TypeKind::Set: return ValueKind::Set;
    case TypeKind::Optional: return value_kind(t.element());
    case TypeKind::Ref:
    case TypeKind::Case: return ValueKind::Ref;
    default: return ValueKind::Absent;
  }
}

std::string_view Program::text(NodeId id) const {
  const ExprNode& n = pool[id];
  const SourceFile* f = source(n.file);
  if (!f || n.span.end > f->text().size() || n.span.begin > n.span.end) return {};
  return std::string_view(f->text()).substr(n.span.begin, n.span.end - n.span.begin);
}

namespace {

// Runs `body` on a fresh evaluator and packs its value, error and trace.
template <class Body>
Evaluation run(const Program& program, const EvalEnv& env, bool with_trace, Body body) {
  Evaluation e;
  if (with_trace) e.trace.steps.reserve(32);  // a typical rule's worth, without regrowing
  detail::Evaluator ev(program, env, with_trace ? &e.trace : nullptr);
  Value v = body(ev);
  e.error = ev.error();
  if (e.ok()) e.value = std::move(v);
  return e;
}

}  // namespace

Evaluation evaluate(const Program& program, NodeId node, const EvalEnv& env, bool with_trace) {
  return run(program, env, with_trace, [&](detail::Evaluator& ev) { return ev.value(node); });
}

Evaluation call_rule(const Program& program, Index rule, const std::vector<Value>& args, const EvalEnv& env,
                     bool with_trace) {
  return run(program, env, with_trace, [&](detail::Evaluator& ev) { return ev.call_rule(rule, args, kNoNode); });
}

Evaluation call_table(const Program& program, Index table, const std::vector<Value>& args, const EvalEnv& env,
                      bool with_trace) {
  return run(program, env, with_trace, [&](detail::Evaluator& ev) { return ev.call_table(table, args, kNoNode); });
}

bool cell_matches(const CellSpec& cell, const Value& input) {
  switch (cell.kind) {
    case CellKind::Any: return true;
    case CellKind::Compare: {
      return !input.is_absent() && compare_holds(cell.op, compare(input, cell.constant), 0);
    }
    case CellKind::In:
    case CellKind::NotIn: {
      if (input.is_absent()) return false;
      bool inside = false;
      if (cell.range) {
        inside = compare(cell.constant, input) <= 0 && compare(input, cell.constant_hi) <= 0;
      } else {
        for (const Value& item : cell.constant.items()) inside = inside || item == input;
      }
      return inside == (cell.kind == CellKind::In);
    }
  }
  return false;
}

}  // namespace mentorflow::dsl
