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

struct Event;

// How the values a store keeps sealed are opened for a reader (docs/PRIVACY.md, "Sealed
// values"): set on the events a sealing store hands out (engine/privacy/sealing_store.hpp), and
// applied by payload_json() and explanation_json(), so that only what a reader parses is opened.
// The texts themselves stay as recorded: they are what the hash chain covers.
class PayloadOpener {
 public:
  virtual ~PayloadOpener() = default;
  // Opens, in `parsed` (the event's payload or its rule trace, parsed), what is sealed.
  // Corruption when a sealed value does not open with its subject's key.
  virtual Status open(const Event& event, bool explanation, nlohmann::json& parsed) const = 0;
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

  // Not part of the event: how its sealed values are opened when it is parsed (null: as written).
  // Not owned; the store that set it outlives the events it hands out. Mutable: a sealing store
  // marks the events its backend lends to a visitor.
  mutable const PayloadOpener* opener = nullptr;

  // The parsed payload / explanation, sealed values opened (see `opener`); Corruption naming the
  // position if the text is not JSON or a sealed value does not open.
  Result<nlohmann::json> payload_json() const;
  Result<nlohmann::json> explanation_json() const;

  // The event's own members, not how it is read.
  bool operator==(const Event& other) const;
};

// The one text form of a JSON value that hashes and exports use: keys sorted, no spaces, UTF-8.
// InvalidArgument if a string in it is not valid UTF-8.
Result<std::string> canonical_json(const nlohmann::json& value);

// Whether `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace mentorflow::store
