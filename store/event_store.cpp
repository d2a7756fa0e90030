// EventStore::open: the one factory, which picks the backend from the location's form.
#include "store/event_store.hpp"

#include <fmt/core.h>

#include "store/location.hpp"
#include "store/rocks_event_store.hpp"

namespace mentorflow::store {

Result<std::unique_ptr<EventStore>> EventStore::open(const std::filesystem::path& location, const OpenOptions& options) {
  if (is_database_url(location.native()))
    return Status::invalid_argument(fmt::format("this build of mentorflow has no PostgreSQL store: cannot open {}", location.string()));
  return RocksEventStore::open(location, options);
}

}  // namespace mentorflow::store
