#pragma once
// Importing an export (JSON Lines, docs/STORE.md "Export format"): every line read and the whole
// chain checked before anything is written, then appended keeping positions, times and hashes.
// `mentorflow import` is the door; tests/fuzz/import_fuzz.cpp holds it to the same contract.
#include <cstddef>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "store/event.hpp"
#include "store/event_store.hpp"

namespace mentorflow::store {

// Every line of `text` as an event; InvalidArgument "line N: ..." for the first line that is not
// one, or for a last line without its newline (a truncated file).
Result<std::vector<Event>> events_from_lines(std::string_view text);

// Whether `events` continue the chain of `store` (null: a store that does not exist yet, so they
// must start a new chain at position 1). InvalidArgument "line N: ..." for the first that does not.
Status check_continues(std::span<const Event> events, const EventStore* store);

// Appends `events`, which check_continues accepted, in batches, then syncs; `progress` (may be
// empty) hears how many are in after each batch. Errors are those of append_recorded and sync.
Status append_imported(EventStore& store, std::span<const Event> events,
                       const std::function<void(std::size_t appended)>& progress = {});

}  // namespace mentorflow::store
