#include "dsl/types.hpp"

#include <algorithm>

namespace mentorflow::dsl {

int Type::enum_index(const std::string& value) const {
  auto it = std::find(values.begin(), values.end(), value);
  return it == values.end() ? -1 : static_cast<int>(it - values.begin());
}

std::string Type::to_string() const {
  switch (kind) {
    case TypeKind::Error: return "an invalid type";
    case TypeKind::Any: return "anything";
    case TypeKind::Int: return "int";
    case TypeKind::Number: return "number";
    case TypeKind::Text: return "text";
    case TypeKind::Bool: return "bool";
    case TypeKind::Date: return "date";
    case TypeKind::DateTime: return "datetime";
    case TypeKind::Duration: return "duration";
    case TypeKind::Cefr: return "cefr";
    case TypeKind::Enum: {
      if (!name.empty()) return name;
      std::string s = "enum(";
      for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + values[i];
      return s + ")";
    }
    case TypeKind::List: return inner.front().is(TypeKind::Any) ? "an empty list" : "list of " + inner.front().to_string();
    case TypeKind::Set: return "set of " + inner.front().to_string();
    case TypeKind::Optional: return "optional " + inner.front().to_string();
    case TypeKind::Range: return "range of " + inner.front().to_string();
    case TypeKind::Ref: return "ref " + name;
    case TypeKind::Case: return "case " + name;
    case TypeKind::Document: return "document";
  }
  return "?";
}

bool operator==(const Type& a, const Type& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case TypeKind::Enum: return a.name == b.name && a.values == b.values;
    case TypeKind::Ref:
    case TypeKind::Case: return a.name == b.name;
    case TypeKind::List:
    case TypeKind::Set:
    case TypeKind::Optional:
    case TypeKind::Range: return a.inner == b.inner;
    default: return true;
  }
}

bool is_numeric(const Type& t) { return t.is(TypeKind::Int) || t.is(TypeKind::Number); }

bool is_ordered(const Type& t) {
  switch (t.kind) {
    case TypeKind::Int:
    case TypeKind::Number:
    case TypeKind::Duration:
    case TypeKind::Date:
    case TypeKind::DateTime:
    case TypeKind::Cefr:
    case TypeKind::Text: return true;
    default: return false;
  }
}

bool assignable(const Type& to, const Type& from) {
  if (to.is_error() || from.is_error() || to == from) return true;
  if (to.is(TypeKind::Number) && from.is(TypeKind::Int)) return true;
  if (to.is(TypeKind::Optional)) return assignable(to.element(), from.is(TypeKind::Optional) ? from.element() : from);
  if ((to.is(TypeKind::Ref) && from.is(TypeKind::Case)) || (to.is(TypeKind::Case) && from.is(TypeKind::Ref)))
    return to.name == from.name;
  if ((to.is(TypeKind::List) || to.is(TypeKind::Set)) && (from.is(TypeKind::List) || from.is(TypeKind::Set))) {
    if (to.is(TypeKind::List) && from.is(TypeKind::Set)) return false;
    return from.element().is(TypeKind::Any) || assignable(to.element(), from.element());
  }
  return false;
}

Type common_type(const Type& a, const Type& b) {
  if (a.is_error()) return b;
  if (b.is_error()) return a;
  if (assignable(a, b)) return a.is(TypeKind::Case) ? Type::case_of(TypeKind::Ref, a.name) : a;
  if (assignable(b, a)) return b.is(TypeKind::Case) ? Type::case_of(TypeKind::Ref, b.name) : b;
  if (b.is(TypeKind::Optional) && assignable(b.element(), a)) return b;
  if (a.is(TypeKind::Optional) && assignable(a.element(), b)) return a;
  return Type::error();
}

}  // namespace mentorflow::dsl
