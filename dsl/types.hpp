#pragma once
// The checker's types: what every expression, field, input, parameter and rule result is. Built
// from ast::TypeRef by the checker, kept in the Definition so the engine can validate JSON inputs
// (value.hpp) and render values. Plain values; cheap enough to copy where they are needed.
// Type rules (which operators apply to which types): docs/LANGUAGE.md, "Type rules".
#include <cstdint>
#include <string>
#include <vector>

namespace mentorflow::dsl {

enum class TypeKind : std::uint8_t {
  Error,     // an expression that already failed to check; compatible with everything (no cascades)
  Any,       // the element type of the empty list `[]`
  Int, Number, Text, Bool, Date, DateTime, Duration, Cefr,
  Enum,      // name (empty for an inline enum(...)) and values
  List, Set, Optional, Range,  // inner[0] is the element / wrapped type
  Ref,       // a reference to a case of type `name` (stored as the case's id)
  Case,      // a case itself: `this`, or a rule parameter `a: application`
  Document,  // a declared document; only `present(doc)` reads it
};

struct Type {
  TypeKind kind = TypeKind::Error;
  std::string name;                 // Enum: its declared name ("" inline); Ref/Case: the case type
  std::vector<std::string> values;  // Enum: its values in declaration order
  std::vector<Type> inner;          // List/Set/Optional/Range: exactly one

  static Type error() { return {}; }
  static Type of(TypeKind kind) { return Type{kind, {}, {}, {}}; }
  static Type enumeration(std::string name, std::vector<std::string> values) {
    return Type{TypeKind::Enum, std::move(name), std::move(values), {}};
  }
  static Type wrap(TypeKind kind, Type inner) { return Type{kind, {}, {}, {std::move(inner)}}; }
  static Type case_of(TypeKind kind, std::string case_type) { return Type{kind, std::move(case_type), {}, {}}; }

  bool is(TypeKind k) const { return kind == k; }
  bool is_error() const { return kind == TypeKind::Error; }
  const Type& element() const { return inner.front(); }  // List/Set/Optional/Range only
  // Index of `value` among an enum's values, or -1.
  int enum_index(const std::string& value) const;

  // As the designer would write it: "int", "list of text", "optional cefr", "degree_level",
  // "enum(a, b)", "ref project", "case application".
  std::string to_string() const;

  friend bool operator==(const Type& a, const Type& b);
};

// True when a value of type `from` may be used where `to` is expected: equal types, int where a
// number is expected, T where optional T is expected, a case where a ref to it is expected (and
// back), `[]` where any list or set is expected, list of T where set of T is expected. Error fits
// everywhere.
bool assignable(const Type& to, const Type& from);

// The type both `a` and `b` fit (branches of `if`, items of a list), or Error when there is none.
Type common_type(const Type& a, const Type& b);

// int and number.
bool is_numeric(const Type& t);
// Types with an order: int, number, duration, date, datetime, cefr (and text, alphabetically).
bool is_ordered(const Type& t);

}  // namespace mentorflow::dsl
