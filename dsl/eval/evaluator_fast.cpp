// The no-trace fast path: word-sized values (bool, int, cefr, enum index, date days, datetime
// micros, duration words) and numbers computed in registers, without building Values. Every op
// not handled here falls back to the generic semantics in evaluator.cpp, which it must match.
#include <fmt/core.h>

#include <array>
#include <cmath>

#include "dsl/eval/evaluator.hpp"
#include "dsl/time/civil_time.hpp"

namespace mentorflow::dsl::detail {

namespace {

constexpr std::size_t kInlineFormals = 4;

}  // namespace

std::int64_t Evaluator::word_member(const ExprNode& n, NodeId id) {
  const CaseData* c = case_of(n.a, n.c);
  if (!c) return 0;
  switch (static_cast<MemberKind>(n.aux)) {
    case MemberKind::Field: {
      const Value& v = c->fields[n.b];
      if (v.is_absent()) return member(n), 0;  // reports the error
      return v.as_int();
    }
    case MemberKind::Counter: return c->counters[n.b];
    default: return generic(id).as_int();
  }
}

std::int64_t Evaluator::word_arith(const ExprNode& n, NodeId id) {
  std::int64_t r = 0;
  switch (static_cast<ArithOp>(n.aux)) {
    case ArithOp::AddInt: {
      const std::int64_t a = word(n.a), b = word(n.b);
      if (__builtin_add_overflow(a, b, &r)) return fail(id, "number too large"), 0;
      return r;
    }
    case ArithOp::SubInt: {
      const std::int64_t a = word(n.a), b = word(n.b);
      if (__builtin_sub_overflow(a, b, &r)) return fail(id, "number too large"), 0;
      return r;
    }
    case ArithOp::AddDur:  // duration words add linearly (dsl/time/duration.hpp)
    case ArithOp::SubDur: {
      const std::int64_t a = word(n.a), b = word(n.b);
      const bool over = static_cast<ArithOp>(n.aux) == ArithOp::AddDur ? __builtin_add_overflow(a, b, &r)
                                                                         : __builtin_sub_overflow(a, b, &r);
      if (over || !duration_word_fits(r)) return fail(id, "duration too large"), 0;
      return r;
    }
    case ArithOp::MulInt: {
      const std::int64_t a = word(n.a), b = word(n.b);
      if (__builtin_mul_overflow(a, b, &r)) return fail(id, "number too large"), 0;
      return r;
    }
    case ArithOp::ModInt: {
      const std::int64_t a = word(n.a), b = word(n.b);
      if (b == 0) return fail(id, "division by zero"), 0;
      return b == -1 ? 0 : a % b;
    }
    case ArithOp::SubDateDate: {
      const Duration d{word(n.a) - word(n.b), 0};
      if (!fits(d)) return fail(id, "duration too large"), 0;
      return duration_word(d);
    }
    default: return generic(id).as_int();
  }
}

std::int64_t Evaluator::word_call(const ExprNode& n) {
  const RuleSpec& rule = p_.rules[n.a];
  if (rule.formals.size() > kInlineFormals || rule.body == kNoNode) return call_rule_node(n).as_int();
  FrameValues values(rule.value_slots);
  std::array<const CaseData*, kInlineFormals> cases;  // every slot used is set below
  for (NodeId i = 0; i < n.c; ++i) {
    const Formal& f = rule.formals[i];
    const NodeId arg = p_.pool.lists[n.b + i];
    if (f.is_case) cases[f.slot] = case_of(arg, f.case_type);
    else values.data()[f.slot] = value(arg);
  }
  if (error_) return 0;
  const Frame saved = frame_;
  frame_ = Frame{values.data(), cases.data()};
  const std::int64_t r = word(rule.body);
  frame_ = saved;
  return r;
}

std::optional<bool> Evaluator::decide(const std::vector<DecisionStep>& steps) {
  std::uint32_t at = 0;
  for (;;) {
    const DecisionStep& s = steps[at];
    const CaseData* c = s.test.on_this ? env_.self : frame_.cases[s.test.local];
    if (!c) return std::nullopt;
    const Value& v = c->fields[s.test.field];
    if (v.is_absent()) return std::nullopt;
    at = compare_holds(s.test.op, v.as_int(), s.test.word) ? s.if_true : s.if_false;
    if (at >= DecisionStep::kTrue) return at == DecisionStep::kTrue;
  }
}

std::int64_t Evaluator::word(NodeId id) {
  if (error_) return 0;
  if (!p_.fast.empty() && p_.fast[id].kind != FastNode::Kind::None) {
    const FastNode& f = p_.fast[id];
    if (f.kind == FastNode::Kind::CompareFieldWord) {
      const CaseData* c = f.on_this ? env_.self : frame_.cases[f.local];
      if (c && !c->fields[f.field].is_absent()) return compare_holds(f.op, c->fields[f.field].as_int(), f.word);
    } else if (auto r = decide(p_.decisions[f.decision])) {
      return *r;
    }
    // No case, or a field is not set: the general path reports it.
  }
  const ExprNode& n = p_.pool[id];
  switch (n.op) {
    case Op::Const: return p_.pool.constants[n.a].as_int();
    case Op::Param: return p_.param_values[n.a].as_int();
    case Op::Let: return p_.let_values[n.a].as_int();
    case Op::Local: return frame_.values[n.a].as_int();
    case Op::Member: return word_member(n, id);
    case Op::Not: return word(n.a) == 0;
    case Op::And: return word(n.a) != 0 && word(n.b) != 0;
    case Op::Or: return word(n.a) != 0 || word(n.b) != 0;
    case Op::Compare: {
      const auto op = static_cast<CmpOp>(n.aux);
      switch (static_cast<CompareClass>(n.c)) {
        case CompareClass::Word: {
          const std::int64_t a = word(n.a);
          return compare_holds(op, a, word(n.b));
        }
        case CompareClass::Number: {
          const double a = num(n.a);
          return compare_holds(op, a, num(n.b));
        }
        case CompareClass::Value: return generic(id).as_int();
      }
      return 0;
    }
    case Op::InRange: {
      const ExprNode& x = p_.pool[n.a];
      if (!word_kind(x.kind) || x.optional) return generic(id).as_int();
      const std::int64_t v = word(n.a), lo = word(n.b), hi = word(n.c);
      return (lo <= v && v <= hi) != (n.aux == 1);
    }
    case Op::Arith: return word_arith(n, id);
    case Op::If: return word(n.a) != 0 ? word(n.b) : word(n.c);
    case Op::CallRule: return word_call(n);
    case Op::Reached: {
      const CaseData* c = case_of(n.a, n.c);
      if (!c) return 0;
      return c->counters[n.b] >= p_.case_types[n.c].counters[n.b].min.value_or(0);
    }
    default: return generic(id).as_int();
  }
}

double Evaluator::num(NodeId id) {
  if (error_) return 0;
  const ExprNode& n = p_.pool[id];
  if (n.kind != ValueKind::Number) return static_cast<double>(word(id));
  switch (n.op) {
    case Op::Const: return p_.pool.constants[n.a].as_number();
    case Op::Param: return p_.param_values[n.a].as_number();
    case Op::Let: return p_.let_values[n.a].as_number();
    case Op::Local: return frame_.values[n.a].as_number();
    case Op::Arith:
      switch (static_cast<ArithOp>(n.aux)) {
        case ArithOp::AddNum:
        case ArithOp::SubNum:
        case ArithOp::MulNum: {
          const double a = num(n.a), b = num(n.b);
          const auto op = static_cast<ArithOp>(n.aux);
          const double r = op == ArithOp::AddNum ? a + b : op == ArithOp::SubNum ? a - b : a * b;
          if (!std::isfinite(r)) return fail(id, "number too large"), 0;
          return r;
        }
        default: return generic(id).as_number();
      }
    case Op::If: return word(n.a) != 0 ? num(n.b) : num(n.c);
    default: return generic(id).as_number();
  }
}

}  // namespace mentorflow::dsl::detail
