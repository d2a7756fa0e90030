#pragma once
// What a store location names: a PostgreSQL database (a `postgresql://` or `postgres://` URL) or
// a RocksDB folder (anything else). EventStore::open decides by it; a caller that prepares a
// folder for a new store asks it first.
#include <string>
#include <string_view>

namespace mentorflow::store {

inline bool is_database_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

// `location` as messages show it: a URL's password left out ("postgresql://user:secret@host/db"
// and "...?password=secret" are shown as "postgresql://user@host/db" and "...?password=…").
std::string shown_location(std::string_view location);

}  // namespace mentorflow::store
