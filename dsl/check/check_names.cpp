// The name-resolving half of ExprChecker: names, member access, calls, lists and `if`.
#include <algorithm>

#include "dsl/check/check_expr.hpp"
#include "dsl/check/check_messages.hpp"

namespace mentorflow::dsl::detail {

namespace {

const std::vector<std::string> kBuiltins = {"count", "len", "min", "max", "sum", "present", "reached",
                                            "days_between", "weeks_between", "date", "datetime", "trim"};

Type unwrapped(const Type& t) { return t.is(TypeKind::Optional) ? t.element() : t; }

std::string plural(std::size_t n) { return n == 1 ? "" : "s"; }

}  // namespace

const std::vector<std::string>& builtin_names() { return kBuiltins; }

Typed ExprChecker::name(const ast::Identifier& id, const Type* expected) {
  const std::string& n = id.name;
  const ast::Span span = id.span;
  auto narrowed = [&](Typed t) {
    if (t.type.is(TypeKind::Optional) && std::find(narrowed_.begin(), narrowed_.end(), n) != narrowed_.end()) {
      t.type = t.type.element();
      w_.program.pool.nodes[t.node].optional = false;
    }
    return t;
  };
  if (n == "this" && scope_.self) {
    Type t = Type::case_of(TypeKind::Case, w_.program.case_types[*scope_.self].name);
    return Typed{add(Op::This, t, span), t, kNoNode, span};
  }
  if (n == "actor" && scope_.self) {
    const Type t = Type::of(TypeKind::Text);
    return Typed{add(Op::Actor, t, span), t, kNoNode, span};
  }
  if (n == "now") {
    const Type t = Type::of(TypeKind::DateTime);
    return Typed{add(Op::Now, t, span), t, kNoNode, span};
  }
  if (scope_.formals)
    for (const Formal& f : *scope_.formals)
      if (f.name == n) {
        return narrowed(Typed{add(f.is_case ? Op::LocalCase : Op::Local, f.type, span, f.slot), f.type, kNoNode, span});
      }
  if (scope_.command)
    if (auto i = scope_.command->find_input(n)) {
      const InputSpec& in = scope_.command->inputs[*i];
      Type t = in.origin == InputOrigin::Attach ? Type::wrap(TypeKind::Optional, Type::of(TypeKind::Document)) : in.type;
      return narrowed(Typed{add(Op::Input, t, span, *i), t, kNoNode, span});
    }
  if (scope_.self) {
    const Index self = *scope_.self;
    const CaseTypeSpec& c = w_.program.case_types[self];
    auto this_node = [&] {
      return add(Op::This, Type::case_of(TypeKind::Case, c.name), span);
    };
    auto member = [&](MemberKind kind, Index slot, const Type& t) {
      return narrowed(Typed{add(Op::Member, t, span, this_node(), slot, self, static_cast<std::uint8_t>(kind)), t, kNoNode, span});
    };
    if (auto f = c.find_field(n)) return member(MemberKind::Field, *f, c.fields[*f].type);
    if (auto k = c.find_counter(n)) return member(MemberKind::Counter, *k, Type::of(TypeKind::Int));
    if (auto p = c.find_party(n)) return member(MemberKind::Party, *p, Type::of(TypeKind::Text));
    if (auto d = c.find_document(n))
      return member(MemberKind::Document, *d, Type::wrap(TypeKind::Optional, Type::of(TypeKind::Document)));
  }
  if (scope_.lets)
    if (auto l = w_.find_let(n)) {
      const Type& t = w_.program.lets[*l].type;
      return narrowed(Typed{add(Op::Let, t, span, *l), t, kNoNode, span});
    }
  if (auto p = w_.find_param(n)) {
    const Type& t = w_.program.params[*p].type;
    return narrowed(Typed{add(Op::Param, t, span, *p), t, kNoNode, span});
  }
  // Inside a case, a cohort's name is the edition's one cohort of that name (`round.closed_on`).
  if (scope_.self)
    if (auto c = w_.find_case(n); c && w_.program.case_types[*c].cohort) {
      const Type t = Type::case_of(TypeKind::Ref, n);
      return Typed{add(Op::Cohort, t, span, *c), t, kNoNode, span};
    }
  // A bare enum value: the expected enum first, then the first enum that has it.
  const Type* want = nullptr;
  Type expected_enum;
  if (expected) {
    expected_enum = unwrapped(expected->is(TypeKind::List) || expected->is(TypeKind::Set) ? expected->element() : *expected);
    if (expected_enum.is(TypeKind::Enum)) want = &expected_enum;
  }
  if (want && want->enum_index(n) >= 0) return constant(Value::enumeration(want->enum_index(n), n), *want, span);
  for (const Type& e : w_.enum_types)
    if (e.enum_index(n) >= 0) return constant(Value::enumeration(e.enum_index(n), n), e, span);
  if (want) {
    Reporter::suggest(w_.report.error(span, msg::kNotEnumValue, n, want->to_string()), n, want->values);
    return error(span);
  }
  const char* kind = w_.find_rule(n) ? "rule" : w_.find_table(n) ? "table" : w_.find_case(n) ? "case type" : nullptr;
  if (!kind && w_.find_enum(n)) kind = "type";
  if (!kind && w_.find_role(n)) kind = "role";
  if (kind) {
    w_.report.error(span, msg::kNotAValue, n, kind);
    return error(span);
  }
  if (n == "this" || n == "actor") {
    w_.report.error(span, msg::kUnknownName, n).notes.push_back(fmt::format(fmt::runtime(msg::kOnlyInCase), n));
    return error(span);
  }
  Reporter::suggest(w_.report.error(span, msg::kUnknownName, n), n, visible_names());
  return error(span);
}

std::optional<Typed> ExprChecker::message_value(const std::string& n, ast::Span span) {
  bool visible = (scope_.command && scope_.command->find_input(n)) || w_.find_param(n) ||
                 (scope_.lets && w_.find_let(n));
  if (scope_.self) {
    const CaseTypeSpec& c = w_.program.case_types[*scope_.self];
    visible = visible || c.find_field(n) || c.find_counter(n) || c.find_party(n);
  }
  if (!visible) return std::nullopt;
  ast::Identifier id;
  id.span = span;
  id.name = n;
  return name(id, nullptr);
}

Typed ExprChecker::path(const ast::Path& p, const Type* expected) {
  if (p.members.empty()) return name(p.head, expected);
  Typed base = name(p.head, nullptr);
  std::string base_text = p.head.name;
  for (const ast::Identifier& m : p.members) {
    base = member(std::move(base), m, base_text, ast::Span{p.span.begin, m.span.end});
    base_text += "." + m.name;
  }
  return base;
}

Typed ExprChecker::member(Typed base, const ast::Identifier& m, const std::string& base_text, ast::Span span) {
  if (base.type.is_error()) return error(span);
  if (base.type.is(TypeKind::Optional)) {
    w_.report.error(base.span, msg::kOptionalUse, base_text, base.type.to_string(), base_text, base_text);
    return error(span);
  }
  if (!base.type.is(TypeKind::Case) && !base.type.is(TypeKind::Ref)) {
    w_.report.error(base.span, msg::kNoMembers, base_text, base.type.to_string());
    return error(span);
  }
  const auto case_index = w_.find_case(base.type.name);
  if (!case_index) return error(span);
  const CaseTypeSpec& c = w_.program.case_types[*case_index];
  MemberKind kind = MemberKind::Field;
  Index slot = 0;
  Type t;
  if (auto f = c.find_field(m.name)) {
    slot = *f, t = c.fields[*f].type;
  } else if (auto k = c.find_counter(m.name)) {
    kind = MemberKind::Counter, slot = *k, t = Type::of(TypeKind::Int);
  } else if (auto p = c.find_party(m.name)) {
    kind = MemberKind::Party, slot = *p, t = Type::of(TypeKind::Text);
  } else if (auto d = c.find_document(m.name)) {
    kind = MemberKind::Document, slot = *d, t = Type::wrap(TypeKind::Optional, Type::of(TypeKind::Document));
  } else {
    std::vector<std::string> names;
    for (const auto& f : c.fields) names.push_back(f.name);
    for (const auto& k : c.counters) names.push_back(k.name);
    for (const auto& p : c.parties) names.push_back(p.name);
    Reporter::suggest(w_.report.error(m.span, msg::kUnknownField, m.name, c.name), m.name, names);
    return error(span);
  }
  const std::string full = base_text + "." + m.name;
  if (t.is(TypeKind::Optional) && std::find(narrowed_.begin(), narrowed_.end(), full) != narrowed_.end()) t = t.element();
  Typed out{add(Op::Member, t, span, base.node, slot, *case_index, static_cast<std::uint8_t>(kind)), t, kNoNode, span};
  return out;
}

Typed ExprChecker::call(const ast::Call& c) {
  const std::string& n = c.callee.name;
  const ast::Span span = c.span;
  if (n == "present" || n == "reached") {
    if (c.args.size() != 1) {
      w_.report.error(span, msg::kArgCount, n, 1, "", c.args.size());
      return error(span);
    }
    Typed x = check(c.args[0]);
    if (x.type.is_error()) return error(span);
    const Type b = Type::of(TypeKind::Bool);
    if (n == "present") {
      if (!x.type.is(TypeKind::Optional)) {
        w_.report.error(x.span, msg::kNotOptional, text(x.span), x.type.to_string());
        return error(span);
      }
      return Typed{add(Op::Present, b, span, x.node), b, kNoNode, span};
    }
    const ExprNode& node = w_.program.pool[x.node];
    if (node.op != Op::Member || static_cast<MemberKind>(node.aux) != MemberKind::Counter) {
      w_.report.error(x.span, msg::kNotACounter, text(x.span));
      return error(span);
    }
    return Typed{add(Op::Reached, b, span, node.a, node.b, node.c), b, kNoNode, span};
  }
  if (std::find(kBuiltins.begin(), kBuiltins.end(), n) != kBuiltins.end()) {
    std::vector<Typed> args;
    for (const ast::Expression& a : c.args) args.push_back(value(a));
    return builtin(c, std::move(args));
  }
  const std::optional<Index> rule = w_.find_rule(n);
  const std::optional<Index> table = rule ? std::nullopt : w_.find_table(n);
  const Index callee = rule.value_or(table.value_or(0));
  if (!rule && !table) {
    std::vector<std::string> names = kBuiltins;
    for (const RuleSpec& r : w_.program.rules) names.push_back(r.name);
    for (const TableSpec& t : w_.program.tables) names.push_back(t.name);
    Reporter::suggest(w_.report.error(c.callee.span, msg::kUnknownFunction, n), n, names);
    return error(span);
  }
  if (rule && w_.program.rules[callee].result.is_error() && w_.check_rule_now) w_.check_rule_now(callee);
  const std::vector<Formal>& formals = rule ? w_.program.rules[callee].formals : w_.program.tables[callee].formals;
  const std::string what = (rule ? "rule '" : "table '") + n + "'";
  if (c.args.size() != formals.size()) {
    w_.report.error(span, msg::kArgCount, what, formals.size(), plural(formals.size()), c.args.size());
    return error(span);
  }
  std::vector<Typed> args;
  bool ok = true;
  for (std::size_t i = 0; i < formals.size(); ++i) {
    const Formal& f = formals[i];
    Typed a = check(c.args[i], &f.type);
    if (!f.type.is(TypeKind::Optional)) a = plain(a);
    if (a.type.is_error()) {
      ok = false;
    } else if (!assignable(f.type, a.type)) {
      w_.report.error(a.span, msg::kArgType, i + 1, what, f.type.to_string(), a.type.to_string());
      ok = false;
    }
    args.push_back(std::move(a));
  }
  if (!ok) return error(span);
  const Type result = rule ? w_.program.rules[callee].result : w_.program.tables[callee].result;
  const NodeId offset = add_list(args);
  const NodeId node = add(rule ? Op::CallRule : Op::CallTable, result, span, callee, offset,
                          static_cast<NodeId>(args.size()));
  return Typed{node, result, kNoNode, span};
}

Typed ExprChecker::builtin(const ast::Call& c, std::vector<Typed> args) {
  const std::string& n = c.callee.name;
  const ast::Span span = c.span;
  for (const Typed& a : args)
    if (a.type.is_error()) return error(span);
  auto count = [&](std::size_t want) {
    if (args.size() == want) return true;
    w_.report.error(span, msg::kArgCount, n, want, plural(want), args.size());
    return false;
  };
  auto arg_error = [&](std::size_t i, std::string_view want) {
    w_.report.error(args[i].span, msg::kArgType, i + 1, n, want, args[i].type.to_string());
    return error(span);
  };
  auto is_collection = [](const Type& t) { return t.is(TypeKind::List) || t.is(TypeKind::Set); };
  auto make = [&](Builtin fn, const Type& t) {
    const NodeId offset = add_list(args);
    return Typed{add(Op::Builtin, t, span, 0, offset, static_cast<NodeId>(args.size()), static_cast<std::uint8_t>(fn)), t,
                 kNoNode, span};
  };
  const Type int_type = Type::of(TypeKind::Int);
  if (n == "count") {
    if (!count(1)) return error(span);
    if (!is_collection(args[0].type)) return arg_error(0, "a list or a set");
    return make(Builtin::Count, int_type);
  }
  if (n == "len") {
    if (!count(1)) return error(span);
    if (!is_collection(args[0].type) && !args[0].type.is(TypeKind::Text)) return arg_error(0, "text, a list or a set");
    return make(Builtin::Len, int_type);
  }
  if (n == "trim") {
    if (!count(1)) return error(span);
    if (!args[0].type.is(TypeKind::Text)) return arg_error(0, "text");
    return make(Builtin::Trim, args[0].type);
  }
  if (n == "min" || n == "max") {
    const bool is_max = n == "max";
    if (args.empty()) {
      w_.report.error(span, msg::kArgCount, n, "at least 1", "", 0);
      return error(span);
    }
    if (args.size() == 1) {
      if (!is_collection(args[0].type) || !is_ordered(args[0].type.element()))
        return arg_error(0, "a list of ordered values");
      return make(is_max ? Builtin::MaxList : Builtin::MinList, args[0].type.element());
    }
    Type t = args[0].type;
    for (std::size_t i = 0; i < args.size(); ++i) {
      Type next = common_type(t, args[i].type);
      if (next.is_error() || !is_ordered(next)) return arg_error(i, is_ordered(t) ? t.to_string() : "an ordered value");
      t = next;
    }
    return make(is_max ? Builtin::Max : Builtin::Min, t);
  }
  if (n == "sum") {
    if (!count(1)) return error(span);
    if (!is_collection(args[0].type)) return arg_error(0, "a list of numbers or durations");
    const Type& e = args[0].type.element();
    if (e.is(TypeKind::Any)) return make(Builtin::Sum, int_type);
    if (!is_numeric(e) && !e.is(TypeKind::Duration)) return arg_error(0, "a list of numbers or durations");
    return make(Builtin::Sum, e);
  }
  if (n == "days_between" || n == "weeks_between") {
    if (!count(2)) return error(span);
    for (std::size_t i = 0; i < 2; ++i)
      if (!args[i].type.is(TypeKind::Date)) return arg_error(i, "date");
    return make(n == "days_between" ? Builtin::DaysBetween : Builtin::WeeksBetween, int_type);
  }
  if (n == "datetime") {  // datetime(date): its 00:00 in the edition's zone
    if (!count(1)) return error(span);
    if (!args[0].type.is(TypeKind::Date)) return arg_error(0, "date");
    return make(Builtin::StartOfDay, Type::of(TypeKind::DateTime));
  }
  // date(datetime)
  if (!count(1)) return error(span);
  if (!args[0].type.is(TypeKind::DateTime)) return arg_error(0, "datetime");
  return make(Builtin::DateOf, Type::of(TypeKind::Date));
}

Typed ExprChecker::list(const ast::ListLit& l, const Type* expected) {
  const Type* hint = nullptr;
  if (expected && (expected->is(TypeKind::List) || expected->is(TypeKind::Set))) hint = &expected->element();
  std::vector<Typed> items;
  Type t = Type::of(TypeKind::Any);
  bool ok = true;
  for (const ast::Expression& e : l.items) {
    Typed item = value(e, hint);
    if (item.type.is_error()) {
      ok = false;
    } else if (t.is(TypeKind::Any)) {
      t = item.type;
    } else {
      Type next = common_type(t, item.type);
      if (next.is_error()) {
        w_.report.error(item.span, msg::kListItems, t.to_string(), item.type.to_string());
        ok = false;
      } else {
        t = next;
      }
    }
    items.push_back(std::move(item));
  }
  if (!ok) return error(l.span);
  const Type list_type = Type::wrap(TypeKind::List, t);
  const NodeId offset = add_list(items);
  return Typed{add(Op::List, list_type, l.span, 0, offset, static_cast<NodeId>(items.size())), list_type, kNoNode, l.span};
}

Typed ExprChecker::if_expr(const ast::IfExpr& e, const Type* expected) {
  const NodeId cond = condition(e.condition, "'if'");
  auto proven = proven_present(ast::Operand(ast::x3::forward_ast<ast::Expression>(e.condition)), w_.report);
  const std::size_t before = narrowed_.size();
  narrowed_.insert(narrowed_.end(), proven.begin(), proven.end());
  Typed a = value(e.then_branch, expected);
  narrowed_.resize(before);
  Typed b = value(e.else_branch, expected);
  if (cond == kNoNode || a.type.is_error() || b.type.is_error()) return error(e.span);
  Type t = common_type(a.type, b.type);
  if (t.is_error()) {
    w_.report.error(e.span, msg::kIfBranches, a.type.to_string(), b.type.to_string());
    return error(e.span);
  }
  return Typed{add(Op::If, t, e.span, cond, a.node, b.node), t, kNoNode, e.span};
}

}  // namespace mentorflow::dsl::detail
