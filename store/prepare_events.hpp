#pragma once
// Turning the events a writer hands over into envelopes ready for the log, before any backend
// gives them a position: checked (type, JSON object payload, UTF-8 texts, stream name) and their
// payload and explanation made canonical JSON text. Internal to store/.
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "store/event.hpp"
#include "store/event_store.hpp"

namespace mentorflow::store {

// Appends to `fresh` one Event per NewEvent, for `stream`, with every field but position, version,
// recorded_at and the hashes. InvalidArgument for a bad stream name, no events or a bad event.
// Canonicalising the JSON is the costly part: callers do it in the caller's thread, outside any
// lock, so that whoever orders the appends only gives out positions and hashes.
Status prepare_events(std::string_view stream, const std::vector<NewEvent>& events, std::vector<Event>& fresh);

// The same for one stream of a multi-stream append, where a stream with no events is only
// checked (its expectation must hold, nothing is written to it): no events is no error.
Status prepare_segment_events(std::string_view stream, const std::vector<NewEvent>& events, std::vector<Event>& fresh);

// InvalidArgument unless at least one of `appends` has events: a multi-stream append that writes
// nothing is a caller's mistake.
Status check_writes_something(const std::vector<StreamAppend>& appends);

}  // namespace mentorflow::store
