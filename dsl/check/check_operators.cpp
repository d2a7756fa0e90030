// The operators of ExprChecker: logical, comparison, `in`, ranges, `??`, arithmetic and unary
// (docs/LANGUAGE.md, "Type rules").
#include "dsl/check/check_expr.hpp"
#include "dsl/check/check_messages.hpp"

namespace mentorflow::dsl::detail {

namespace {

const char* op_text(ast::Op op) {
  switch (op) {
    case ast::Op::Or: return "or";
    case ast::Op::And: return "and";
    case ast::Op::Eq: return "==";
    case ast::Op::Ne: return "!=";
    case ast::Op::Lt: return "<";
    case ast::Op::Le: return "<=";
    case ast::Op::Gt: return ">";
    case ast::Op::Ge: return ">=";
    case ast::Op::In: return "in";
    case ast::Op::NotIn: return "not in";
    case ast::Op::Range: return "..";
    case ast::Op::Coalesce: return "??";
    case ast::Op::Add: return "+";
    case ast::Op::Sub: return "-";
    case ast::Op::Mul: return "*";
    case ast::Op::Div: return "/";
    case ast::Op::Mod: return "%";
    case ast::Op::Not: return "not";
    case ast::Op::Neg: return "-";
  }
  return "?";
}

}  // namespace

Typed ExprChecker::binary(ast::Op op, Typed lhs, Typed rhs, ast::Span span) {
  switch (op) {
    case ast::Op::And:
    case ast::Op::Or: {
      lhs = plain(lhs), rhs = plain(rhs);
      bool ok = true;
      for (const Typed* t : {&lhs, &rhs})
        if (!t->type.is_error() && !t->type.is(TypeKind::Bool)) {
          w_.report.error(t->span, msg::kNeedsBool, std::string("'") + op_text(op) + "'", t->type.to_string());
          ok = false;
        }
      if (!ok || lhs.type.is_error() || rhs.type.is_error()) return error(span);
      const Type b = Type::of(TypeKind::Bool);
      return Typed{add(op == ast::Op::And ? Op::And : Op::Or, b, span, lhs.node, rhs.node), b, kNoNode, span};
    }
    case ast::Op::Eq:
    case ast::Op::Ne:
    case ast::Op::Lt:
    case ast::Op::Le:
    case ast::Op::Gt:
    case ast::Op::Ge:
    case ast::Op::In:
    case ast::Op::NotIn: return comparison(op, std::move(lhs), std::move(rhs), span);
    case ast::Op::Range: {
      lhs = plain(lhs), rhs = plain(rhs);
      if (lhs.type.is_error() || rhs.type.is_error()) return error(span);
      Type t = common_type(lhs.type, rhs.type);
      if (t.is_error()) {
        w_.report.error(span, msg::kCannotCompare, lhs.type.to_string(), rhs.type.to_string());
        return error(span);
      }
      if (!is_ordered(t)) {
        w_.report.error(span, msg::kNoOrder, "..", t.to_string());
        return error(span);
      }
      return Typed{lhs.node, Type::wrap(TypeKind::Range, t), rhs.node, span};
    }
    case ast::Op::Coalesce: {
      if (lhs.type.is_error() || rhs.type.is_error()) return error(span);
      if (!lhs.type.is(TypeKind::Optional)) {
        w_.report.error(lhs.span, msg::kNotOptional, text(lhs.span), lhs.type.to_string());
        return error(span);
      }
      if (rhs.type.is(TypeKind::Range)) rhs = plain(rhs);
      Type t = common_type(lhs.type.element(), rhs.type);
      if (t.is_error() || rhs.type.is_error()) {
        if (!rhs.type.is_error()) w_.report.error(rhs.span, msg::kExpected, lhs.type.element().to_string(), rhs.type.to_string());
        return error(span);
      }
      return Typed{add(Op::Coalesce, t, span, lhs.node, rhs.node), t, kNoNode, span};
    }
    default: return arithmetic(op, std::move(lhs), std::move(rhs), span);
  }
}

Typed ExprChecker::comparison(ast::Op op, Typed lhs, Typed rhs, ast::Span span) {
  const Type b = Type::of(TypeKind::Bool);
  lhs = plain(lhs);
  if (op == ast::Op::In || op == ast::Op::NotIn) {
    const std::uint8_t negate = op == ast::Op::NotIn ? 1 : 0;
    if (rhs.type.is(TypeKind::Range)) {
      if (lhs.type.is_error()) return error(span);
      const Type& elem = rhs.type.element();
      Type t = common_type(lhs.type, elem);
      if (t.is_error()) {
        w_.report.error(span, msg::kCannotCompare, lhs.type.to_string(), elem.to_string());
        return error(span);
      }
      return Typed{add(Op::InRange, b, span, lhs.node, rhs.node, rhs.hi, negate), b, kNoNode, span};
    }
    rhs = plain(rhs);
    if (lhs.type.is_error() || rhs.type.is_error()) return error(span);
    if (!rhs.type.is(TypeKind::List) && !rhs.type.is(TypeKind::Set)) {
      w_.report.error(rhs.span, msg::kNotAContainer, rhs.type.to_string());
      return error(span);
    }
    const Type& elem = rhs.type.element();
    if (!elem.is(TypeKind::Any) && common_type(lhs.type, elem).is_error()) {
      w_.report.error(span, msg::kCannotCompare, lhs.type.to_string(), elem.to_string());
      return error(span);
    }
    return Typed{add(Op::InList, b, span, lhs.node, rhs.node, 0, negate), b, kNoNode, span};
  }
  rhs = plain(rhs);
  if (lhs.type.is_error() || rhs.type.is_error()) return error(span);
  Type t = common_type(lhs.type, rhs.type);
  if (t.is_error() || t.is(TypeKind::Document)) {
    w_.report.error(span, msg::kCannotCompare, lhs.type.to_string(), rhs.type.to_string());
    return error(span);
  }
  const bool ordering = op != ast::Op::Eq && op != ast::Op::Ne;
  if (ordering && !is_ordered(t)) {
    w_.report.error(span, msg::kNoOrder, op_text(op), t.to_string());
    return error(span);
  }
  CmpOp cmp = CmpOp::Eq;
  switch (op) {
    case ast::Op::Ne: cmp = CmpOp::Ne; break;
    case ast::Op::Lt: cmp = CmpOp::Lt; break;
    case ast::Op::Le: cmp = CmpOp::Le; break;
    case ast::Op::Gt: cmp = CmpOp::Gt; break;
    case ast::Op::Ge: cmp = CmpOp::Ge; break;
    default: break;
  }
  const ValueKind k = value_kind(t);
  CompareClass cls = CompareClass::Value;
  if (k == ValueKind::Number) cls = CompareClass::Number;
  else if (k == ValueKind::Bool || k == ValueKind::Int || k == ValueKind::Date || k == ValueKind::DateTime ||
           k == ValueKind::Duration || k == ValueKind::Cefr || k == ValueKind::Enum)
    cls = CompareClass::Word;
  return Typed{add(Op::Compare, b, span, lhs.node, rhs.node, static_cast<NodeId>(cls), static_cast<std::uint8_t>(cmp)), b,
               kNoNode, span};
}

Typed ExprChecker::arithmetic(ast::Op op, Typed lhs, Typed rhs, ast::Span span) {
  lhs = plain(lhs), rhs = plain(rhs);
  if (lhs.type.is_error() || rhs.type.is_error()) return error(span);
  const Type& l = lhs.type;
  const Type& r = rhs.type;
  auto k = [](const Type& t) { return t.kind; };
  using K = TypeKind;
  std::optional<ArithOp> a;
  TypeKind result = K::Error;
  const bool ints = k(l) == K::Int && k(r) == K::Int;
  const bool nums = is_numeric(l) && is_numeric(r);
  switch (op) {
    case ast::Op::Add:
      if (ints) a = ArithOp::AddInt, result = K::Int;
      else if (nums) a = ArithOp::AddNum, result = K::Number;
      else if (k(l) == K::Duration && k(r) == K::Duration) a = ArithOp::AddDur, result = K::Duration;
      else if (k(l) == K::Date && k(r) == K::Duration) a = ArithOp::AddDateDur, result = K::Date;
      else if (k(l) == K::DateTime && k(r) == K::Duration) a = ArithOp::AddDtDur, result = K::DateTime;
      else if (k(l) == K::Text && k(r) == K::Text) a = ArithOp::Concat, result = K::Text;
      break;
    case ast::Op::Sub:
      if (ints) a = ArithOp::SubInt, result = K::Int;
      else if (nums) a = ArithOp::SubNum, result = K::Number;
      else if (k(l) == K::Duration && k(r) == K::Duration) a = ArithOp::SubDur, result = K::Duration;
      else if (k(l) == K::Date && k(r) == K::Duration) a = ArithOp::SubDateDur, result = K::Date;
      else if (k(l) == K::Date && k(r) == K::Date) a = ArithOp::SubDateDate, result = K::Duration;
      else if (k(l) == K::DateTime && k(r) == K::Duration) a = ArithOp::SubDtDur, result = K::DateTime;
      else if (k(l) == K::DateTime && k(r) == K::DateTime) a = ArithOp::SubDtDt, result = K::Duration;
      break;
    case ast::Op::Mul:
      if (ints) a = ArithOp::MulInt, result = K::Int;
      else if (nums) a = ArithOp::MulNum, result = K::Number;
      else if (k(l) == K::Duration && is_numeric(r)) a = ArithOp::MulDurNum, result = K::Duration;
      else if (is_numeric(l) && k(r) == K::Duration) a = ArithOp::MulNumDur, result = K::Duration;
      break;
    case ast::Op::Div:
      if (ints) a = ArithOp::DivInt, result = K::Number;
      else if (nums) a = ArithOp::DivNum, result = K::Number;
      else if (k(l) == K::Duration && is_numeric(r)) a = ArithOp::DivDurNum, result = K::Duration;
      else if (k(l) == K::Duration && k(r) == K::Duration) a = ArithOp::DivDurDur, result = K::Number;
      break;
    case ast::Op::Mod:
      if (ints) a = ArithOp::ModInt, result = K::Int;
      break;
    default: break;
  }
  if (!a) {
    w_.report.error(span, msg::kBadOperands, op_text(op), l.to_string(), r.to_string());
    return error(span);
  }
  const Type t = Type::of(result);
  return Typed{add(Op::Arith, t, span, lhs.node, rhs.node, 0, static_cast<std::uint8_t>(*a)), t, kNoNode, span};
}

Typed ExprChecker::unary(const ast::Unary& u) {
  Typed x = plain(operand(u.operand, nullptr));
  if (x.type.is_error()) return error(u.span);
  if (u.op == ast::Op::Not) {
    if (!x.type.is(TypeKind::Bool)) {
      w_.report.error(x.span, msg::kNeedsBool, "'not'", x.type.to_string());
      return error(u.span);
    }
    return Typed{add(Op::Not, x.type, u.span, x.node), x.type, kNoNode, u.span};
  }
  if (!is_numeric(x.type) && !x.type.is(TypeKind::Duration)) {
    w_.report.error(u.span, msg::kNoOrder, "-", x.type.to_string());
    return error(u.span);
  }
  return Typed{add(Op::Neg, x.type, u.span, x.node), x.type, kNoNode, u.span};
}


}  // namespace mentorflow::dsl::detail
