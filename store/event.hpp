#pragma once
// The event envelope: what a writer supplies (NewEvent) and what the store records (Event).
// Field meanings and the canonical hash encoding are in docs/STORE.md.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "store/hash.hpp"

namespace mentorflow::store {

// Who caused the event, in which role.
struct Actor {
  std::string user;
  std::string role;
  bool operator==(const Actor&) const = default;
};

// Ids that tie events to the request that caused them (correlation) and to the event or command
// they answer (causation). Empty when unknown.
struct Metadata {
  std::string correlation_id;
  std::string causation_id;
  bool operator==(const Metadata&) const = default;
};

// An event as a writer hands it to `EventStore::append`; the store adds position, stream version,
// recorded time and hashes. Every text must be valid UTF-8; the payload must be a JSON object.
struct NewEvent {
  std::string type;  // past tense, e.g. "ApplicationSubmitted"
  Actor actor;
  std::string definition_id;  // the published definition this was decided under
  nlohmann::json payload = nlohmann::json::object();
  nlohmann::json explanation = nullptr;  // the rule trace, or null when no rule decided
  // The explanation as canonical JSON text (what canonical_json gives), for a caller that writes a
  // large one directly instead of building a tree; when not empty it is recorded instead of
  // `explanation`, as it is (the store checks only that it is valid UTF-8).
  std::string explanation_text;
  Metadata metadata;
};

// An event as recorded. Payload and explanation stay canonical JSON text (sorted keys, no spaces)
// so that reading the log does not pay for parsing; parse them when needed.
struct Event {
  std::uint64_t position = 0;  // global, gapless, first event = 1
  std::string stream;
  std::uint64_t version = 0;  // within its stream, first event = 1
  std::string type;
  UtcMicros recorded_at = 0;
  Actor actor;
  std::string definition_id;
  std::string payload;      // canonical JSON text of an object
  std::string explanation;  // canonical JSON text; "null" when no rule decided
  Metadata metadata;
  Hash previous_hash{};  // `hash` of the event at position - 1; kGenesisHash for position 1
  Hash hash{};           // see event_hash() in store/chain.hpp

  // The parsed payload / explanation; Corruption naming the position if the text is not JSON.
  Result<nlohmann::json> payload_json() const;
  Result<nlohmann::json> explanation_json() const;

  bool operator==(const Event&) const = default;
};

// The one text form of a JSON value that hashes and exports use: keys sorted, no spaces, UTF-8.
// InvalidArgument if a string in it is not valid UTF-8.
Result<std::string> canonical_json(const nlohmann::json& value);

// Whether `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace mentorflow::store
