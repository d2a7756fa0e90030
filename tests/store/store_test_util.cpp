#include "tests/store/store_test_util.hpp"

#include <catch2/catch.hpp>

namespace mentorflow::store::testing {

std::unique_ptr<EventStore> open_store(const std::filesystem::path& dir, const OpenOptions& options) {
  auto store = EventStore::open(dir, options);
  INFO(store.status().to_string());
  REQUIRE(store.is_ok());
  return std::move(*store);
}

NewEvent make_event(const std::string& type, int n) {
  NewEvent e;
  e.type = type;
  e.actor = {"alice", "student"};
  e.definition_id = "mie@2021";
  e.payload = {{"n", n}, {"note", "héllo"}};
  e.metadata = {"corr-1", "cause-1"};
  return e;
}

void append_many(EventStore& store, const std::string& stream, int count) {
  for (int i = 0; i < count; ++i) {
    auto r = store.append(stream, ExpectedVersion::any(), {make_event("Counted", i)});
    INFO(r.status().to_string());
    REQUIRE(r.is_ok());
  }
}

std::vector<Event> all_events(const EventStore& store) {
  auto events = store.read_all(0, SIZE_MAX);
  INFO(events.status().to_string());
  REQUIRE(events.is_ok());
  return std::move(*events);
}

}  // namespace mentorflow::store::testing
