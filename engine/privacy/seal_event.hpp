#pragma once
// What of each event the engine writes is personal, and whose (docs/PRIVACY.md, "Sealed
// values"). Values the workflow marks `personal` (fields, documents, inputs) are sealed for the
// party they belong to. What the engine derives from a case's values and may repeat them in
// words (a decision's inputs, outcome and explanation, a flag's reason, a reminder's text, a match
// explanation, any event's rule trace) is sealed whole for the case's own person: the party the
// case is named after, or else its first party; a certificate's content for its recipient.
// Everything else stays in clear: event types, states, counters, timers, dates, the parties'
// pseudonyms, an output's value (the fact its recipients share: meetings held, credits), and the
// fact that a decision was taken and where it led.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "dsl/model/model.hpp"
#include "store/event.hpp"
#include "store/seal.hpp"

namespace mentorflow::engine {

// The case an event is written to, as sealing needs it.
struct CaseFacts {
  const dsl::CaseTypeSpec* type = nullptr;     // null: no case of a known type (an edition, a cohort): nothing to seal
  std::map<std::string, std::string> parties;  // party -> user (a pseudonym), as CaseOpened recorded them
};

// The data key of a subject; nullopt when the pseudonym is nobody's (or was erased).
using KeyOf = std::function<std::optional<store::DataKey>(std::string_view pseudonym)>;

// Seals `event`'s personal values in place for `stream`. Refused, naming the value, when a
// personal value has no person to be sealed for (its party and the case's own have no user known
// to the store): writing it in clear would put it out of reach of an erasure.
Status seal_event(store::NewEvent& event, std::string_view stream, const CaseFacts& facts, const KeyOf& key_of);

}  // namespace mentorflow::engine
