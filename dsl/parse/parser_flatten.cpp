#include "dsl/parse/parser_flatten.hpp"

#include <optional>
#include <utility>
#include <vector>

namespace mentorflow::dsl {

namespace {

namespace x3 = boost::spirit::x3;

// Visits every node that holds an expression; leaves (names, literals) need nothing.
struct Flattener {
  using result_type = void;

  template <typename Leaf>
  void operator()(Leaf&) const {}

  template <typename T>
  void operator()(x3::forward_ast<T>& node) const {
    (*this)(node.get());
  }
  template <typename T>
  void operator()(std::optional<T>& node) const {
    if (node) (*this)(*node);
  }
  template <typename T>
  void operator()(std::vector<T>& nodes) const {
    for (T& n : nodes) (*this)(n);
  }
  template <typename... Ts>
  void operator()(x3::variant<Ts...>& v) const {
    v.apply_visitor(*this);
  }

  // An operand that is an Expression without operators becomes that expression's first operand.
  void operator()(ast::Operand& operand) const {
    operand.apply_visitor(*this);
    if (auto* inner = boost::get<x3::forward_ast<ast::Expression>>(&operand); inner && inner->get().rest.empty()) {
      ast::Operand first = std::move(inner->get().first);
      operand = std::move(first);
    }
  }

  // An Expression without operators over an Expression with some becomes the inner one.
  void operator()(ast::Expression& e) const {
    (*this)(e.first);
    for (ast::Operation& op : e.rest) (*this)(op.rhs);
    if (!e.rest.empty()) return;
    if (auto* inner = boost::get<x3::forward_ast<ast::Expression>>(&e.first)) {
      ast::Expression adopted = std::move(inner->get());
      e = std::move(adopted);
    }
  }

  void operator()(ast::Unary& u) const { (*this)(u.operand); }
  void operator()(ast::Call& c) const { (*this)(c.args); }
  void operator()(ast::ListLit& l) const { (*this)(l.items); }
  void operator()(ast::IfExpr& i) const {
    (*this)(i.condition);
    (*this)(i.then_branch);
    (*this)(i.else_branch);
  }

  void operator()(ast::RuleDecl& r) const { (*this)(r.body); }
  void operator()(ast::CompareCell& c) const { (*this)(c.value); }
  void operator()(ast::TableRow& r) const {
    (*this)(r.cells);
    (*this)(r.output);
  }
  void operator()(ast::TableDecl& t) const { (*this)(t.rows); }
  void operator()(ast::ParamDecl& p) const { (*this)(p.default_value); }
  void operator()(ast::CounterDecl& c) const {
    (*this)(c.min);
    (*this)(c.max);
  }
  void operator()(ast::RequiresClause& c) const { (*this)(c.condition); }
  void operator()(ast::FlagClause& c) const { (*this)(c.condition); }
  void operator()(ast::DecideClause& c) const { (*this)(c.decision); }
  void operator()(ast::SetClause& c) const { (*this)(c.value); }
  void operator()(ast::CadenceClause& c) const {
    (*this)(c.min);
    (*this)(c.max);
  }
  void operator()(ast::Assignment& a) const { (*this)(a.value); }
  void operator()(ast::CreateClause& c) const { (*this)(c.assignments); }
  void operator()(ast::MatchClause& m) const {
    (*this)(m.ranking);
    (*this)(m.capacity);
    (*this)(m.minimum);
  }
  void operator()(ast::CommandDecl& c) const { (*this)(c.clauses); }
  void operator()(ast::TimerFlag& f) const { (*this)(f.condition); }
  void operator()(ast::TimerDecl& t) const {
    (*this)(t.when);
    (*this)(t.every);
    (*this)(t.flag);
  }
  void operator()(ast::OutputValue& v) const { (*this)(v.value); }
  void operator()(ast::OutputDecl& o) const { (*this)(o.value); }
  void operator()(ast::CaseDecl& c) const { (*this)(c.items); }
  void operator()(ast::SetDecl& s) const { (*this)(s.value); }
  void operator()(ast::LetDecl& l) const { (*this)(l.value); }
};

}  // namespace

void flatten_expressions(ast::Workflow& workflow) { Flattener{}(workflow.items); }
void flatten_expressions(ast::RulesFile& rules) { Flattener{}(rules.items); }

}  // namespace mentorflow::dsl
