#include "dsl/value_json.hpp"

#include <cmath>
#include <cstdint>

#include "dsl/time/time_text.hpp"

namespace mentorflow::dsl {

nlohmann::json to_json(const Value& v) {
  switch (v.kind()) {
    case ValueKind::Absent: return nullptr;
    case ValueKind::Bool: return v.as_bool();
    case ValueKind::Int: return v.as_int();
    case ValueKind::Number: return v.as_number();
    case ValueKind::Text:
    case ValueKind::Enum:
    case ValueKind::Ref: return v.as_text();
    case ValueKind::Date: return format_date(v.as_int());
    case ValueKind::DateTime: return format_datetime_json(v.as_int(), v.as_text());
    case ValueKind::Duration: return format_duration(v.as_duration());
    case ValueKind::Cefr: return std::string(cefr_name(static_cast<int>(v.as_int())));
    case ValueKind::List:
    case ValueKind::Set: {
      nlohmann::json a = nlohmann::json::array();
      for (const Value& item : v.items()) a.push_back(to_json(item));
      return a;
    }
  }
  return nullptr;
}

namespace {

std::optional<Value> mismatch(const nlohmann::json& json, const std::string& expected, std::string& error) {
  error = "expected " + expected + ", found " + json.dump();
  return std::nullopt;
}

}  // namespace

std::optional<Value> value_from_json(const nlohmann::json& json, const Type& type, std::string& error) {
  if (type.is(TypeKind::Optional)) {
    if (json.is_null()) return Value();
    return value_from_json(json, type.element(), error);
  }
  const std::string expected = type.to_string();
  switch (type.kind) {
    case TypeKind::Int:
      // JSON input holds integers up to 2^64-1 (base/json_input.hpp); an int is signed 64-bit,
      // so a larger one is named, never wrapped to a negative number.
      if (json.is_number_unsigned() && json.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
        error = "expected an int of at most 9223372036854775807, found " + json.dump();
        return std::nullopt;
      }
      if (json.is_number_integer()) return Value::integer(json.get<std::int64_t>());
      return mismatch(json, "int", error);
    case TypeKind::Number:
      if (json.is_number() && std::isfinite(json.get<double>())) return Value::number(json.get<double>());
      return mismatch(json, "number", error);
    case TypeKind::Bool:
      if (json.is_boolean()) return Value::boolean(json.get<bool>());
      return mismatch(json, "bool", error);
    case TypeKind::Text:
      if (json.is_string()) return Value::text(json.get<std::string>());
      return mismatch(json, "text", error);
    case TypeKind::Date:
      if (json.is_string())
        if (auto d = parse_date(json.get<std::string>())) return Value::date(*d);
      return mismatch(json, "date (\"2025-09-01\")", error);
    case TypeKind::DateTime:
      if (json.is_string()) {
        std::string why;
        if (auto dt = parse_datetime(json.get<std::string>(), &why)) return Value::datetime(dt->utc_micros, dt->zone);
        if (!why.empty()) {
          error = why;
          return std::nullopt;
        }
      }
      return mismatch(json, "datetime (\"2025-09-01T18:00:00+02:00[Europe/Rome]\")", error);
    case TypeKind::Duration:
      if (json.is_string())
        if (auto d = parse_duration(json.get<std::string>())) return Value::duration(*d);
      return mismatch(json, "duration (\"90min\", \"2h\", \"3weeks\")", error);
    case TypeKind::Cefr:
      if (json.is_string())
        if (int level = cefr_level(json.get<std::string>()); level >= 0) return Value::cefr(level);
      return mismatch(json, "cefr (A1..C2)", error);
    case TypeKind::Enum:
      if (json.is_string())
        if (int i = type.enum_index(json.get<std::string>()); i >= 0) return Value::enumeration(i, json.get<std::string>());
      return mismatch(json, expected + " " + Type::enumeration("", type.values).to_string().substr(4), error);
    case TypeKind::Ref:
      if (json.is_string() && !json.get<std::string>().empty()) return Value::ref(json.get<std::string>());
      return mismatch(json, expected + " (a case id)", error);
    case TypeKind::List:
    case TypeKind::Set: {
      if (!json.is_array()) return mismatch(json, expected, error);
      std::vector<Value> items;
      for (const auto& item : json) {
        auto v = value_from_json(item, type.element(), error);
        if (!v) return std::nullopt;
        items.push_back(std::move(*v));
      }
      return type.is(TypeKind::Set) ? Value::set(std::move(items)) : Value::list(std::move(items));
    }
    default: return mismatch(json, expected, error);
  }
}

}  // namespace mentorflow::dsl
