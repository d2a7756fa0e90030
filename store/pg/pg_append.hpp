#pragma once
// Appending events recorded elsewhere on a given connection, for a restore that writes its
// tables, documents and events in one transaction (store/pg/pg_restore.cpp). Internal to store/pg/.
#include <span>
#include <string>

#include "base/status.hpp"
#include "store/chain.hpp"
#include "store/event.hpp"
#include "store/pg/pg_connection.hpp"

namespace mentorflow::store::pg {

// Appends `events`, which carry their own envelopes, where the log on `conn` ends, and commits:
// in a transaction of its own, or (`begin` false) in the one the caller began on `conn`, which the
// commit then ends. Corruption when they do not continue the chain; nothing is written then, and
// the transaction is rolled back. Returns the head they reach; `channel` is told it.
Result<ChainHead> append_recorded_on(Connection& conn, std::span<const Event> events, const std::string& channel, bool begin);

}  // namespace mentorflow::store::pg
