#pragma once
// One personal value as the log holds it (docs/PRIVACY.md, "Sealed values"): the JSON object
// {"$sealed": PSEUDONYM, "v": BASE64} in place of the value, where BASE64 is the value's canonical
// JSON sealed by AES-256-GCM under the data key of the subject PSEUDONYM names, bound to where it
// stands: the stream, the event type and the value's path in the event. A sealed value copied to
// another case, event or member does not open. The hash chain covers the sealed form, so the log
// verifies with or without the keys.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "base/status.hpp"
#include "store/seal.hpp"

namespace mentorflow::engine {

// What a value reads as once its subject is erased (their data key destroyed).
inline constexpr std::string_view kErasedValue = "[erased]";

// Where a value stands: "STREAM\nTYPE\nPATH", the associated data it is sealed with. PATH is the
// member's path in the payload joined by '/' ("fields/full_name"), or "$explanation" for the
// event's rule trace.
std::string seal_place(std::string_view stream, std::string_view type, std::string_view path);

bool is_sealed_value(const nlohmann::json& value);

// Whether `inputs` (a command's or a decision's, as read: sealed values opened) hold a value of an
// erased subject: then what was decided on them cannot be evaluated again.
bool reads_erased(const nlohmann::json& inputs);

// `value` sealed for `subject` under `key` at `place`. IOError when OpenSSL fails.
Result<nlohmann::json> seal_value(const nlohmann::json& value, std::string_view subject, const store::DataKey& key,
                                  std::string_view place);
// The same for a text that is JSON already (a rule trace as recorded): the text is sealed as it is.
Result<nlohmann::json> seal_text(std::string_view json_text, std::string_view subject, const store::DataKey& key,
                                 std::string_view place);

// The canonical JSON text a sealed value holds. Corruption when it does not open with `key` at
// `place` (altered, or moved from elsewhere).
Result<std::string> open_text(const nlohmann::json& sealed, const store::DataKey& key, std::string_view place);

}  // namespace mentorflow::engine
