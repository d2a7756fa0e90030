#pragma once
// Internal to the checker: types one expression, resolving every name in its Scope, and adds its
// compiled nodes to the pool. Reports what is wrong and returns the Error type for it, so one
// mistake does not cascade. Type rules: docs/LANGUAGE.md, "Type rules".
#include <string>
#include <string_view>
#include <vector>

#include "dsl/check/check_world.hpp"

namespace mentorflow::dsl::detail {

struct Typed {
  NodeId node = kNoNode;
  Type type;              // Range: node is the low end and hi the high end
  NodeId hi = kNoNode;
  ast::Span span;
};

class ExprChecker {
 public:
  ExprChecker(World& world, const Scope& scope) : w_(world), scope_(scope) {}

  // Any expression; `expected` only guides bare enum values (`degree == bachelor`).
  Typed check(const ast::Expression& e, const Type* expected = nullptr);
  // An expression that must be a plain value (not optional, not a range).
  Typed value(const ast::Expression& e, const Type* expected = nullptr);
  // A bool condition; `what` names the clause for the message ("'requires'").
  NodeId condition(const ast::Expression& e, std::string_view what);
  // A value that must fit `target`; reports kExpected otherwise.
  NodeId fitting(const ast::Expression& e, const Type& target);
  // The same for an expression already checked.
  NodeId fitting(const Typed& t, const Type& target);
  // Reports kNotConstant at the first part of `node` that is not a constant; false then.
  bool require_constant(NodeId node);
  // The first part of `node` that is not a constant (a field, an input, `now`, a rule...), or
  // kNoNode when it is all constant; reports nothing.
  NodeId first_not_constant(NodeId node) const;

  // The value `{name}` stands for in a `requires` message: an input, a field, counter or party of
  // the case, a parameter or a constant; nullopt (nothing reported) when it names nothing.
  std::optional<Typed> message_value(const std::string& name, ast::Span span);

  // Names of everything visible here, for "did you mean".
  std::vector<std::string> visible_names() const;

 private:
  Typed operand(const ast::Operand& o, const Type* expected);
  Typed fold(const ast::Expression& e, const Type* expected);
  Typed binary(ast::Op op, Typed lhs, Typed rhs, ast::Span span);
  Typed comparison(ast::Op op, Typed lhs, Typed rhs, ast::Span span);
  Typed arithmetic(ast::Op op, Typed lhs, Typed rhs, ast::Span span);
  Typed unary(const ast::Unary& u);
  Typed path(const ast::Path& p, const Type* expected);
  Typed name(const ast::Identifier& id, const Type* expected);
  Typed member(Typed base, const ast::Identifier& m, const std::string& base_text, ast::Span span);
  Typed call(const ast::Call& c);
  Typed builtin(const ast::Call& c, std::vector<Typed> args);
  Typed list(const ast::ListLit& l, const Type* expected);
  Typed if_expr(const ast::IfExpr& e, const Type* expected);
  Typed literal_date(const ast::DateLit& d);
  Typed literal_datetime(const ast::DateTimeLit& d);
  Typed constant(Value v, Type t, ast::Span span);

  // A plain (non-optional, non-range) version of `t`, reporting misuse.
  Typed plain(Typed t);
  NodeId add(Op op, const Type& t, ast::Span span, NodeId a = 0, NodeId b = 0, NodeId c = 0, std::uint8_t aux = 0);
  NodeId add_list(const std::vector<Typed>& items);
  std::string text(ast::Span span) const { return std::string(w_.report.text(span)); }
  Typed error(ast::Span span) { return Typed{kNoNode, Type::error(), kNoNode, span}; }
  // Paths `present(x)` proves present in the rest of an `and` or the `then` branch.
  static std::vector<std::string> proven_present(const ast::Operand& o, const Reporter& r);

  World& w_;
  const Scope& scope_;
  std::vector<std::string> narrowed_;  // paths known to be present here
};

// The span of any operand.
ast::Span span_of(const ast::Operand& o);

}  // namespace mentorflow::dsl::detail
