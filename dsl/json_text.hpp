#pragma once
// Writing JSON text directly, byte for byte as nlohmann's dump() writes the same value with
// sorted keys and no spaces (the store's canonical form, store/event.hpp): for large values the
// language records often (traces), where building a JSON tree first would cost more than the
// rest of the command. Strings are copied as they are, with the escapes dump() uses; checking
// that they are valid UTF-8 is the store's (it refuses text that is not).
#include <string>
#include <string_view>

#include "dsl/value.hpp"

namespace mentorflow::dsl {

// `text` as a JSON string, quotes included.
void append_json_string(std::string& out, std::string_view text);
// `value` as to_json(value).dump() writes it (dsl/value_json.hpp).
void append_json_value(std::string& out, const Value& value);

}  // namespace mentorflow::dsl
