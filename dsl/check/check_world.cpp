#include "dsl/check/check_world.hpp"
#include "dsl/named.hpp"

#include "dsl/check/check_messages.hpp"

namespace mentorflow::dsl::detail {

std::optional<Index> World::find_case(std::string_view name) const { return index_by_name(program.case_types, name); }
std::optional<Index> World::find_rule(std::string_view name) const { return index_by_name(program.rules, name); }
std::optional<Index> World::find_table(std::string_view name) const { return index_by_name(program.tables, name); }
std::optional<Index> World::find_param(std::string_view name) const { return index_by_name(program.params, name); }
std::optional<Index> World::find_let(std::string_view name) const { return index_by_name(program.lets, name); }

const EnumSpec* World::find_enum(std::string_view name) const {
  for (const EnumSpec& e : enums)
    if (e.name == name) return &e;
  return nullptr;
}

const RoleSpec* World::find_role(std::string_view name) const {
  for (const RoleSpec& r : roles)
    if (r.name == name) return &r;
  return nullptr;
}

std::vector<std::string> World::role_names() const {
  std::vector<std::string> names;
  for (const RoleSpec& r : roles) names.push_back(r.name);
  return names;
}

Type World::resolve_type(const ast::TypeRef& ref) {
  Type t;
  const std::string& base = ref.base.name;
  if (base == "enum" && !ref.enum_values.empty()) {
    std::vector<std::string> values;
    for (const ast::Identifier& v : ref.enum_values) {
      if (std::find(values.begin(), values.end(), v.name) != values.end())
        report.error(v.span, msg::kDuplicate, "enum value", v.name);
      else
        values.push_back(v.name);
    }
    t = Type::enumeration("", values);
    enum_types.push_back(t);
  } else if (base == "int") {
    t = Type::of(TypeKind::Int);
  } else if (base == "number") {
    t = Type::of(TypeKind::Number);
  } else if (base == "text") {
    t = Type::of(TypeKind::Text);
  } else if (base == "bool") {
    t = Type::of(TypeKind::Bool);
  } else if (base == "date") {
    t = Type::of(TypeKind::Date);
  } else if (base == "datetime") {
    t = Type::of(TypeKind::DateTime);
  } else if (base == "duration") {
    t = Type::of(TypeKind::Duration);
  } else if (base == "cefr") {
    t = Type::of(TypeKind::Cefr);
  } else if (const EnumSpec* e = find_enum(base)) {
    t = Type::enumeration(e->name, e->values);
  } else if (find_case(base)) {
    t = Type::case_of(TypeKind::Case, base);
  } else {
    std::vector<std::string> names{"int", "number", "text", "bool", "date", "datetime", "duration", "cefr"};
    for (const EnumSpec& e : enums) names.push_back(e.name);
    for (const CaseTypeSpec& c : program.case_types) names.push_back(c.name);
    Reporter::suggest(report.error(ref.base.span, msg::kUnknownType, base), base, names);
    return Type::error();
  }
  for (auto m = ref.modifiers.rbegin(); m != ref.modifiers.rend(); ++m) {
    if (*m == "ref") {
      if (!t.is(TypeKind::Case)) {
        report.error(ref.base.span, msg::kExpected, "a case type after 'ref'", t.to_string());
        return Type::error();
      }
      t.kind = TypeKind::Ref;
    } else if (*m == "optional") {
      if (!t.is(TypeKind::Optional)) t = Type::wrap(TypeKind::Optional, t);
    } else {
      if (t.is(TypeKind::Case)) t.kind = TypeKind::Ref;  // a list of cases holds references
      t = Type::wrap(*m == "list" ? TypeKind::List : TypeKind::Set, t);
    }
  }
  return t;
}

}  // namespace mentorflow::dsl::detail
