#include "dsl/json_text.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "dsl/time/time_text.hpp"
#include "dsl/value_json.hpp"

namespace mentorflow::dsl {

namespace {
bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }
}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    // The run of characters copied as they are, in one append.
    std::size_t run = i;
    while (run < text.size() && !needs_escape(text[run])) ++run;
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    const char c = text[run];
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        // The other control characters, as dump() writes them: \u and four lower-case hex digits.
        out += "\\u00";
        out += kHex[static_cast<unsigned char>(c) >> 4];
        out += kHex[static_cast<unsigned char>(c) & 0xf];
    }
    i = run + 1;
  }
  out += '"';
}

void append_json_value(std::string& out, const Value& v) {
  switch (v.kind()) {
    case ValueKind::Absent: out += "null"; return;
    case ValueKind::Bool: out += v.as_bool() ? "true" : "false"; return;
    case ValueKind::Int: out += fmt::format_int(v.as_int()).str(); return;
    case ValueKind::Number: out += nlohmann::json(v.as_number()).dump(); return;  // dump()'s own float format
    case ValueKind::Text:
    case ValueKind::Enum:
    case ValueKind::Ref: append_json_string(out, v.as_text()); return;
    case ValueKind::Date: append_json_string(out, format_date(v.as_int())); return;
    case ValueKind::DateTime: append_json_string(out, format_datetime_json(v.as_int(), v.as_text())); return;
    case ValueKind::Duration: append_json_string(out, format_duration(v.as_duration())); return;
    case ValueKind::Cefr: append_json_string(out, cefr_name(static_cast<int>(v.as_int()))); return;
    case ValueKind::List:
    case ValueKind::Set: {
      out += '[';
      bool first = true;
      for (const Value& item : v.items()) {
        if (!first) out += ',';
        first = false;
        append_json_value(out, item);
      }
      out += ']';
      return;
    }
  }
  out += "null";
}

}  // namespace mentorflow::dsl
