#pragma once
// Opening what sealing sealed (engine/privacy/seal_event.hpp): an event as recorded, its sealed
// values replaced by what they hold, or by "[erased]" when their subject's data key is gone.
#include "base/status.hpp"
#include "engine/privacy/seal_event.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

// What opening found.
struct Opened {
  bool sealed = false;  // the event held sealed values
  bool erased = false;  // some of them belong to an erased subject and now read "[erased]"
};

// Opens `event`'s payload and rule trace in place. Corruption naming the position when a sealed
// value does not open with its subject's key (altered, or moved from another event).
Result<Opened> open_event(store::Event& event, const KeyOf& key_of);

// Whether `event` as recorded holds sealed values (a cheap look at the text, no parsing).
bool holds_sealed(const store::Event& event);

}  // namespace mentorflow::engine
