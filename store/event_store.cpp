// EventStore::open, the one factory, which picks the backend from the location's form; and what
// every backend does the same way over its own primitives.
#include "store/event_store.hpp"

#include <algorithm>

#include "store/location.hpp"
#include "store/pg/pg_event_store.hpp"
#include "store/rocks_event_store.hpp"

namespace mentorflow::store {

Result<std::unique_ptr<EventStore>> EventStore::open(const std::filesystem::path& location, const OpenOptions& options) {
  if (is_database_url(location.native())) return pg::PgEventStore::open(location.native(), options);
  return RocksEventStore::open(location, options);
}

Result<std::vector<Event>> EventStore::read_all(std::uint64_t from_position, std::size_t limit, ReadCheck check) const {
  std::vector<Event> events;
  events.reserve(std::min<std::size_t>(limit, 1024));
  auto scanned = scan_events(from_position, limit, [&](const Event& e) {
    events.push_back(e);
    return true;
  }, check);
  if (!scanned.is_ok()) return scanned.status();
  return events;
}

}  // namespace mentorflow::store
