#pragma once
// Small helpers shared by the store tests.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/event_store.hpp"

namespace mentorflow::store::testing {

// Opens a store that must open; fails the test otherwise.
std::unique_ptr<EventStore> open_store(const std::filesystem::path& dir, const OpenOptions& options = {});

// A plausible event of `type` with a payload holding `n`.
NewEvent make_event(const std::string& type, int n = 0);

// Appends `count` single-event appends to `stream` with ExpectedVersion::any(); must succeed.
void append_many(EventStore& store, const std::string& stream, int count);

// Every event of the store, in order.
std::vector<Event> all_events(const EventStore& store);

}  // namespace mentorflow::store::testing
