#pragma once
// A case's current state, rebuilt only by folding its events (never by evaluating rules), so the
// state rebuilt today is the state decided then. Serialises to canonical JSON for snapshots, for
// `mentorflow state` and for byte-for-byte replay comparisons.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

// A command recorded with an idempotency key (engine/idempotency.hpp): what identifies it, and where
// its batch is in the log so its outcome can be read back.
struct KeyedCommand {
  std::string command;
  std::string inputs_sha256;  // hex SHA-256 of the inputs' canonical JSON
  store::Actor actor;
  std::uint64_t position = 0;  // of its CommandAccepted, the first event of its batch
  std::uint64_t events = 0;    // how many events the batch holds, in every stream it wrote
  bool operator==(const KeyedCommand&) const = default;
};

struct CaseState {
  std::string name;           // EDITION/TYPE/ID or EDITION/COHORT
  std::string case_type;      // empty until CaseOpened
  std::string edition;
  std::string definition_id;  // the definition the case runs under (changed by migration)
  std::string definition_edition;  // the edition that published it, when migrated; else empty
  std::string state;          // the workflow state; empty until opened
  std::uint64_t version = 0;  // stream version folded so far (0: no events)
  std::uint64_t position = 0; // global position of the last folded event
  std::int64_t updated_at = 0;  // recorded time of the last folded event, UTC micros

  std::map<std::string, std::string> parties;  // party name -> user
  nlohmann::json fields = nlohmann::json::object();
  nlohmann::json documents = nlohmann::json::object();
  std::map<std::string, std::int64_t> counters;
  nlohmann::json cadence = nlohmann::json::object();  // input -> last value seen
  nlohmann::json flags = nlohmann::json::array();     // cadence warnings, in order
  nlohmann::json outputs = nlohmann::json::array();   // issued outputs, in order
  std::vector<std::string> links;                     // cases this one created
  std::map<std::string, std::int64_t> timers;         // pending timer key -> due (UTC micros)
  nlohmann::json reminders = nlohmann::json::array();
  // A legal hold (docs/PRIVACY.md): {"reason", "by", "at"} while one is placed, else null. A held
  // case keeps its people's personal data past the edition's retention.
  nlohmann::json hold = nullptr;
  std::map<std::string, KeyedCommand> keys;  // idempotency key -> the command first recorded with it

  bool exists() const { return version > 0; }
};

// Applies one event of the case's stream. Corruption naming the position when the event does not
// fit (wrong stream or version, unknown type, malformed payload); `state` is then unspecified.
Status fold(CaseState& state, const store::Event& event);

// The state as one JSON object with a fixed key order, as `mentorflow state` and the API show it
// (without the idempotency keys, which are the callers' bookkeeping, not the case's).
nlohmann::json to_json(const CaseState& state);
// The same with the keys: what a snapshot saves; case_state_from_json reads either back.
nlohmann::json snapshot_json(const CaseState& state);
Result<CaseState> case_state_from_json(const nlohmann::json& json);

// Bumped whenever CaseState or its JSON form changes, so older snapshots are ignored.
inline constexpr std::uint32_t kCaseStateFormat = 3;

}  // namespace mentorflow::engine
