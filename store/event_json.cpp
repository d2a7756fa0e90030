#include "store/event_json.hpp"

#include <fmt/core.h>

#include <initializer_list>

#include "base/json_input.hpp"
#include "store/keys.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::store {

namespace {

using nlohmann::json;

std::string quote(const std::string& text) {
  // `replace` rather than throwing: texts the store wrote are valid UTF-8, and a damaged one
  // should still export (verify is what reports the damage).
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

Status check_keys(const json& object, std::string_view where, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys)
    if (!object.contains(key)) return Status::invalid_argument(fmt::format("field '{}{}' is missing", where, key));
  for (const auto& item : object.items()) {
    bool known = false;
    for (std::string_view key : keys) known = known || item.key() == key;
    if (!known) return Status::invalid_argument(fmt::format("field '{}{}' is not part of an event", where, item.key()));
  }
  return Status::ok();
}

Status read_text(const json& object, std::string_view where, const char* key, std::string& out) {
  const json& value = object[key];
  if (!value.is_string()) return Status::invalid_argument(fmt::format("field '{}{}' must be a string", where, key));
  out = value.get<std::string>();
  return Status::ok();
}

Status read_number(const json& object, const char* key, std::uint64_t& out) {
  const json& value = object[key];
  if (!value.is_number_unsigned()) return Status::invalid_argument(fmt::format("field '{}' must be a non-negative integer", key));
  out = value.get<std::uint64_t>();
  return Status::ok();
}

Status read_hash(const json& object, const char* key, Hash& out) {
  std::string hex;
  if (Status s = read_text(object, "", key, hex); !s.is_ok()) return s;
  auto hash = hash_from_hex(hex);
  if (!hash) return Status::invalid_argument(fmt::format("field '{}' must be 64 hex digits", key));
  out = *hash;
  return Status::ok();
}

Status read_envelope(const json& j, Event& e) {
  if (!j.is_object()) return Status::invalid_argument("an event must be a JSON object");
  Status s = check_keys(j, "", {"position", "stream", "version", "type", "recorded_at", "actor", "definition_id", "payload",
                                "explanation", "metadata", "previous_hash", "hash"});
  // Every field is there from here on: a const json's operator[] on a missing key is undefined
  // behaviour (an assertion in nlohmann's debug builds), so no lookup below may meet one.
  if (!s.is_ok()) return s;
  s = read_number(j, "position", e.position);
  if (s.is_ok()) s = read_text(j, "", "stream", e.stream);
  if (s.is_ok()) {
    if (std::string problem = stream_name_problem(e.stream); !problem.empty()) s = Status::invalid_argument(problem);
  }
  if (s.is_ok()) s = read_number(j, "version", e.version);
  if (s.is_ok()) s = read_text(j, "", "type", e.type);
  std::string time;
  if (s.is_ok()) s = read_text(j, "", "recorded_at", time);
  if (s.is_ok()) {
    auto t = parse_utc(time);
    if (!t) s = Status::invalid_argument("field 'recorded_at' must be a UTC time like 2025-03-01T09:30:00.000000Z");
    else e.recorded_at = *t;
  }
  const json& actor = j["actor"];
  if (s.is_ok() && !actor.is_object()) s = Status::invalid_argument("field 'actor' must be an object");
  if (s.is_ok()) s = check_keys(actor, "actor.", {"user", "role"});
  if (s.is_ok()) s = read_text(actor, "actor.", "user", e.actor.user);
  if (s.is_ok()) s = read_text(actor, "actor.", "role", e.actor.role);
  if (s.is_ok()) s = read_text(j, "", "definition_id", e.definition_id);
  if (s.is_ok() && !j["payload"].is_object()) s = Status::invalid_argument("field 'payload' must be an object");
  const json& metadata = j["metadata"];
  if (s.is_ok() && !metadata.is_object()) s = Status::invalid_argument("field 'metadata' must be an object");
  if (s.is_ok()) s = check_keys(metadata, "metadata.", {"correlation_id", "causation_id"});
  if (s.is_ok()) s = read_text(metadata, "metadata.", "correlation_id", e.metadata.correlation_id);
  if (s.is_ok()) s = read_text(metadata, "metadata.", "causation_id", e.metadata.causation_id);
  if (s.is_ok()) s = read_hash(j, "previous_hash", e.previous_hash);
  if (s.is_ok()) s = read_hash(j, "hash", e.hash);
  return s;
}

}  // namespace

std::string event_to_json(const Event& e) {
  return fmt::format(
      R"({{"position":{},"stream":{},"version":{},"type":{},"recorded_at":"{}","actor":{{"user":{},"role":{}}},)"
      R"("definition_id":{},"payload":{},"explanation":{},"metadata":{{"correlation_id":{},"causation_id":{}}},)"
      R"("previous_hash":"{}","hash":"{}"}})",
      e.position, quote(e.stream), e.version, quote(e.type), format_utc(e.recorded_at), quote(e.actor.user), quote(e.actor.role),
      quote(e.definition_id), e.payload, e.explanation, quote(e.metadata.correlation_id), quote(e.metadata.causation_id),
      to_hex(e.previous_hash), to_hex(e.hash));
}

Result<Event> event_from_json(std::string_view line) {
  auto parsed = parse_json_input(line);
  if (!parsed.is_ok()) return parsed.status();
  json j = std::move(*parsed);
  Event e;
  if (Status s = read_envelope(j, e); !s.is_ok()) return s;
  // Parsing validated the UTF-8, so canonicalising cannot fail.
  e.payload = *canonical_json(j["payload"]);
  e.explanation = *canonical_json(j["explanation"]);
  return e;
}

}  // namespace mentorflow::store
