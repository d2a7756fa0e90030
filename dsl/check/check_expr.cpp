#include "dsl/check/check_expr.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "dsl/check/check_messages.hpp"
#include "dsl/time/civil_time.hpp"
#include "dsl/time/time_text.hpp"
#include "dsl/time/time_zone.hpp"

namespace mentorflow::dsl::detail {

namespace {

template <class T>
ast::Span span_from(const T& node) {
  return node.span;
}
template <class T>
ast::Span span_from(const ast::x3::forward_ast<T>& node) {
  return node.get().span;
}

ast::Span join(ast::Span a, ast::Span b) { return {std::min(a.begin, b.begin), std::max(a.end, b.end)}; }

}  // namespace

ast::Span span_of(const ast::Operand& o) {
  return boost::apply_visitor([](const auto& n) { return span_from(n); }, o);
}

// ---- nodes -------------------------------------------------------------------------------------
NodeId ExprChecker::add(Op op, const Type& t, ast::Span span, NodeId a, NodeId b, NodeId c, std::uint8_t aux) {
  ExprNode n;
  n.op = op;
  n.aux = aux;
  n.kind = value_kind(t);
  n.optional = t.is(TypeKind::Optional);
  n.file = w_.file;
  n.a = a, n.b = b, n.c = c;
  n.span = span;
  return w_.program.pool.add(n);
}

NodeId ExprChecker::add_list(const std::vector<Typed>& items) {
  auto& lists = w_.program.pool.lists;
  const NodeId offset = static_cast<NodeId>(lists.size());
  for (const Typed& t : items) lists.push_back(t.node);
  return offset;
}

Typed ExprChecker::constant(Value v, Type t, ast::Span span) {
  auto& constants = w_.program.pool.constants;
  constants.push_back(std::move(v));
  return Typed{add(Op::Const, t, span, static_cast<NodeId>(constants.size() - 1)), std::move(t), kNoNode, span};
}

// ---- entry points ------------------------------------------------------------------------------
Typed ExprChecker::check(const ast::Expression& e, const Type* expected) { return fold(e, expected); }

Typed ExprChecker::plain(Typed t) {
  if (t.type.is(TypeKind::Optional)) {
    const std::string s = text(t.span);
    w_.report.error(t.span, msg::kOptionalUse, s, t.type.to_string(), s, s);
    return error(t.span);
  }
  if (t.type.is(TypeKind::Range)) {
    w_.report.error(t.span, msg::kRangeOnlyAfterIn);
    return error(t.span);
  }
  if (t.type.is(TypeKind::Document)) {
    w_.report.error(t.span, msg::kNotAValue, text(t.span), "document");
    return error(t.span);
  }
  return t;
}

Typed ExprChecker::value(const ast::Expression& e, const Type* expected) { return plain(check(e, expected)); }

NodeId ExprChecker::condition(const ast::Expression& e, std::string_view what) {
  Typed t = value(e);
  if (!t.type.is_error() && !t.type.is(TypeKind::Bool)) {
    w_.report.error(t.span, msg::kNeedsBool, what, t.type.to_string());
    return kNoNode;
  }
  return t.node;
}

NodeId ExprChecker::fitting(const ast::Expression& e, const Type& target) { return fitting(check(e, &target), target); }

NodeId ExprChecker::fitting(const Typed& t, const Type& target) {
  if (t.type.is(TypeKind::Range)) {
    w_.report.error(t.span, msg::kRangeOnlyAfterIn);
    return kNoNode;
  }
  if (assignable(target, t.type)) return t.type.is_error() ? kNoNode : t.node;
  if (t.type.is(TypeKind::Optional) && assignable(target, t.type.element())) {
    plain(t);
    return kNoNode;
  }
  w_.report.error(t.span, msg::kExpected, target.to_string(), t.type.to_string());
  return kNoNode;
}

bool ExprChecker::require_constant(NodeId id) {
  const NodeId bad = first_not_constant(id);
  if (bad == kNoNode) return true;
  const ExprNode& n = w_.program.pool[bad];
  w_.report.error(n.span, msg::kNotConstant, text(n.span));
  return false;
}

NodeId ExprChecker::first_not_constant(NodeId id) const {
  if (id == kNoNode) return kNoNode;
  const ExprNode& n = w_.program.pool[id];
  auto first_of = [&](std::initializer_list<NodeId> parts) {
    for (NodeId part : parts)
      if (NodeId bad = first_not_constant(part); bad != kNoNode) return bad;
    return kNoNode;
  };
  auto each_list = [&](NodeId offset, NodeId count) {
    for (NodeId i = 0; i < count; ++i)
      if (NodeId bad = first_not_constant(w_.program.pool.lists[offset + i]); bad != kNoNode) return bad;
    return kNoNode;
  };
  switch (n.op) {
    case Op::Const:
    case Op::Param:
    case Op::Let: return kNoNode;
    case Op::Not:
    case Op::Neg:
    case Op::Present: return first_not_constant(n.a);
    case Op::And:
    case Op::Or:
    case Op::Compare:
    case Op::InList:
    case Op::Coalesce:
    case Op::Arith: return first_of({n.a, n.b});
    case Op::InRange:
    case Op::If: return first_of({n.a, n.b, n.c});
    case Op::List:
    case Op::Builtin: return each_list(n.b, n.c);
    default: return id;
  }
}

std::vector<std::string> ExprChecker::visible_names() const {
  std::vector<std::string> names;
  if (scope_.formals)
    for (const Formal& f : *scope_.formals) names.push_back(f.name);
  if (scope_.command)
    for (const InputSpec& i : scope_.command->inputs) names.push_back(i.name);
  if (scope_.self) {
    const CaseTypeSpec& c = w_.program.case_types[*scope_.self];
    for (const auto& f : c.fields) names.push_back(f.name);
    for (const auto& k : c.counters) names.push_back(k.name);
    for (const auto& p : c.parties) names.push_back(p.name);
    for (const auto& d : c.documents) names.push_back(d.name);
    names.insert(names.end(), {"this", "actor"});
  }
  if (scope_.lets)
    for (const auto& l : w_.program.lets) names.push_back(l.name);
  for (const auto& p : w_.program.params) names.push_back(p.name);
  for (const Type& e : w_.enum_types) names.insert(names.end(), e.values.begin(), e.values.end());
  names.push_back("now");
  return names;
}

// ---- operands ----------------------------------------------------------------------------------
Typed ExprChecker::operand(const ast::Operand& o, const Type* expected) {
  struct Visitor {
    ExprChecker& c;
    const Type* expected;
    Typed operator()(const ast::IntLit& n) const { return c.constant(Value::integer(n.value), Type::of(TypeKind::Int), n.span); }
    Typed operator()(const ast::NumberLit& n) const {
      return c.constant(Value::number(n.value), Type::of(TypeKind::Number), n.span);
    }
    Typed operator()(const ast::TextLit& n) const { return c.constant(Value::text(n.value), Type::of(TypeKind::Text), n.span); }
    Typed operator()(const ast::BoolLit& n) const { return c.constant(Value::boolean(n.value), Type::of(TypeKind::Bool), n.span); }
    Typed operator()(const ast::DurationLit& n) const {
      if (!duration_of(1, n.unit) || n.unit == "s") {
        c.w_.report.error(n.span, msg::kExpected, "a duration unit (min, h, days, weeks)", "'" + n.unit + "'");
        return c.error(n.span);
      }
      const auto d = duration_of(n.amount, n.unit);
      if (!d) {
        c.w_.report.error(n.span, msg::kExpected, "a duration of at most 4,000 years",
                          fmt::format("'{}{}'", n.amount, n.unit));
        return c.error(n.span);
      }
      return c.constant(Value::duration(*d), Type::of(TypeKind::Duration), n.span);
    }
    Typed operator()(const ast::DateLit& n) const { return c.literal_date(n); }
    Typed operator()(const ast::DateTimeLit& n) const { return c.literal_datetime(n); }
    Typed operator()(const ast::CefrLit& n) const {
      const int level = cefr_level(n.level);
      if (level < 0) {
        c.w_.report.error(n.span, msg::kExpected, "a cefr level (A1..C2)", "'" + n.level + "'");
        return c.error(n.span);
      }
      return c.constant(Value::cefr(level), Type::of(TypeKind::Cefr), n.span);
    }
    Typed operator()(const ast::x3::forward_ast<ast::Path>& n) const { return c.path(n.get(), expected); }
    Typed operator()(const ast::x3::forward_ast<ast::Call>& n) const { return c.call(n.get()); }
    Typed operator()(const ast::x3::forward_ast<ast::Unary>& n) const { return c.unary(n.get()); }
    Typed operator()(const ast::x3::forward_ast<ast::ListLit>& n) const { return c.list(n.get(), expected); }
    Typed operator()(const ast::x3::forward_ast<ast::IfExpr>& n) const { return c.if_expr(n.get(), expected); }
    Typed operator()(const ast::x3::forward_ast<ast::Expression>& n) const {
      Typed t = c.check(n.get(), expected);
      return t;
    }
  };
  return boost::apply_visitor(Visitor{*this, expected}, o);
}

Typed ExprChecker::literal_date(const ast::DateLit& d) {
  if (!is_valid_date(d.year, d.month, d.day)) {
    w_.report.error(d.span, msg::kInvalidDate, text(d.span));
    return error(d.span);
  }
  return constant(Value::date(days_from_civil(d.year, d.month, d.day)), Type::of(TypeKind::Date), d.span);
}

Typed ExprChecker::literal_datetime(const ast::DateTimeLit& d) {
  if (!is_valid_date(d.date.year, d.date.month, d.date.day)) {
    w_.report.error(d.date.span, msg::kInvalidDate, text(d.date.span));
    return error(d.span);
  }
  if (d.hour < 0 || d.hour > 23 || d.minute < 0 || d.minute > 59) {
    w_.report.error(d.span, msg::kInvalidTime, d.hour, d.minute);
    return error(d.span);
  }
  const std::int64_t days = days_from_civil(d.date.year, d.date.month, d.date.day);
  auto utc = local_to_utc_micros(days, d.hour, d.minute, 0, d.zone);
  if (!utc) {
    // The zone is the last word of the literal.
    const ast::Span zone_span{static_cast<std::uint32_t>(d.span.end - d.zone.size()), d.span.end};
    Reporter::suggest(w_.report.error(zone_span, msg::kUnknownZone, d.zone), d.zone, TimeZone::known_names());
    return error(d.span);
  }
  const std::int64_t wall = days * kSecondsPerDay + d.hour * 3600 + d.minute * 60;
  if (std::string doubt = local_time_doubt(wall, d.zone, DoubtAdvice::kUtc); !doubt.empty()) {
    w_.report.error(d.span, msg::kNoSingleInstant, doubt);
    return error(d.span);
  }
  return constant(Value::datetime(*utc, d.zone), Type::of(TypeKind::DateTime), d.span);
}

// ---- operators ---------------------------------------------------------------------------------
std::vector<std::string> ExprChecker::proven_present(const ast::Operand& o, const Reporter& r) {
  std::vector<std::string> out;
  if (const auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&o)) {
    const ast::Call& c = call->get();
    if (c.callee.name == "present" && c.args.size() == 1 && c.args[0].rest.empty())
      if (boost::get<ast::x3::forward_ast<ast::Path>>(&c.args[0].first)) out.emplace_back(r.text(span_of(c.args[0].first)));
  } else if (const auto* e = boost::get<ast::x3::forward_ast<ast::Expression>>(&o)) {
    const ast::Expression& x = e->get();
    const bool all_and = std::all_of(x.rest.begin(), x.rest.end(), [](const ast::Operation& op) { return op.op == ast::Op::And; });
    if (all_and) {
      out = proven_present(x.first, r);
      for (const ast::Operation& op : x.rest) {
        auto more = proven_present(op.rhs, r);
        out.insert(out.end(), more.begin(), more.end());
      }
    }
  }
  return out;
}

Typed ExprChecker::fold(const ast::Expression& e, const Type* expected) {
  const bool single = e.rest.empty();
  Typed acc = operand(e.first, single ? expected : nullptr);
  const std::size_t narrowed_before = narrowed_.size();
  for (std::size_t i = 0; i < e.rest.size(); ++i) {
    const ast::Operation& op = e.rest[i];
    if (op.op == ast::Op::And) {
      auto proven = proven_present(i == 0 ? e.first : e.rest[i - 1].rhs, w_.report);
      narrowed_.insert(narrowed_.end(), proven.begin(), proven.end());
    }
    const Type* hint = nullptr;
    Type element;
    const bool compares = op.op == ast::Op::Eq || op.op == ast::Op::Ne || op.op == ast::Op::Lt || op.op == ast::Op::Le ||
                          op.op == ast::Op::Gt || op.op == ast::Op::Ge || op.op == ast::Op::Range;
    if (compares) hint = &acc.type;
    if (op.op == ast::Op::In || op.op == ast::Op::NotIn) {
      element = Type::wrap(TypeKind::List, acc.type);
      hint = &element;
    }
    if (op.op == ast::Op::Coalesce && acc.type.is(TypeKind::Optional)) hint = &acc.type.element();
    Typed rhs = operand(op.rhs, hint);
    acc = binary(op.op, std::move(acc), std::move(rhs), join(span_of(e.first), span_of(op.rhs)));
  }
  narrowed_.resize(narrowed_before);
  if (!single) acc.span = e.span.end > e.span.begin ? e.span : acc.span;
  return acc;
}

}  // namespace mentorflow::dsl::detail
