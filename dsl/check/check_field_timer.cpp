// check_field_timer: a timer due at a case's own date (`timer T at starts_on + 30days do ...`).
// Recognised by its shape before the expression is typed, because the field has no value until a
// command sets it: the engine schedules the timer then (docs/LANGUAGE.md, "Timers"). Every other
// `at` expression goes on to the constant check and its messages, unchanged.
#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"

namespace mentorflow::dsl::detail {
namespace {

// The field a bare name operand names in case `c`: `starts_on`, not `this.starts_on` nor a call.
std::optional<Index> field_named(const CaseTypeSpec& c, const ast::Operand& o) {
  const auto* path = boost::get<ast::x3::forward_ast<ast::Path>>(&o);
  if (!path || !path->get().members.empty()) return std::nullopt;
  return c.find_field(path->get().head.name);
}

// The date or datetime a field holds (optional or not); nullptr for any other type.
const Type* time_type(const Type& t) {
  const Type& plain = t.is(TypeKind::Optional) ? t.element() : t;
  return plain.is(TypeKind::Date) || plain.is(TypeKind::DateTime) ? &plain : nullptr;
}

}  // namespace

bool check_field_timer(World& w, const CaseTypeSpec& c, TimerSpec& spec, const ast::TimerDecl& t,
                       ExprChecker& constants) {
  if (t.trigger != "at") return false;
  const ast::Expression& e = t.when;
  if (e.rest.size() > 1 || (e.rest.size() == 1 && e.rest.front().op != ast::Op::Add)) return false;
  const std::optional<Index> field = field_named(c, e.first);
  if (!field) return false;
  spec.field = field;
  if (!time_type(c.fields[*field].type)) {
    w.report.error(span_of(e.first), msg::kTimerFieldType, t.name.name, c.fields[*field].name,
                   c.fields[*field].type.to_string());
    return true;
  }
  if (e.rest.empty()) return true;
  ast::Expression offset;
  offset.span = span_of(e.rest.front().rhs);
  offset.first = e.rest.front().rhs;
  const NodeId d = constants.fitting(offset, Type::of(TypeKind::Duration));
  if (constants.require_constant(d)) spec.when_expr = d;
  return true;
}

}  // namespace mentorflow::dsl::detail
