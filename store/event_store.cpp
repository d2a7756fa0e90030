// EventStore::open: the one factory, which picks the backend from the location's form.
#include "store/event_store.hpp"

#include "store/location.hpp"
#include "store/pg/pg_event_store.hpp"
#include "store/rocks_event_store.hpp"

namespace mentorflow::store {

Result<std::unique_ptr<EventStore>> EventStore::open(const std::filesystem::path& location, const OpenOptions& options) {
  if (is_database_url(location.native())) return pg::PgEventStore::open(location.native(), options);
  return RocksEventStore::open(location, options);
}

}  // namespace mentorflow::store
