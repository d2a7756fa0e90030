#pragma once
// The tables of the PostgreSQL store (docs/STORE.md, "PostgreSQL"), in the connection's current
// schema. Internal to store/pg/.
#include <string>

#include "base/status.hpp"
#include "store/event.hpp"
#include "store/pg/pg_connection.hpp"

namespace mentorflow::store::pg {

// The columns of an event row, in the order decode_event reads them.
inline constexpr std::string_view kEventColumns =
    "position, stream, version, type, recorded_at, actor_user, actor_role, definition_id, payload, explanation, "
    "correlation_id, causation_id, previous_hash, hash";
inline constexpr int kEventColumnCount = 14;

// The versions of the streams in $1 (text[]), a row each in its order: name, version (NULL for a
// stream with no events). A lookup a name, whatever the plan: `name = ANY($1)` gets a sequential
// scan of `streams` from a generic plan, and planning anew at every call costs more than the read.
inline constexpr std::string_view kStreamVersions =
    "SELECT s.name, (SELECT version FROM streams WHERE name = s.name) FROM unnest($1::text[]) WITH ORDINALITY AS s(name, n) ORDER BY s.n";

// Row `row` of `rows` (the kEventColumns) as `e`, its strings reused; Corruption naming the
// position when a hash is damaged.
Status decode_event(const Rows& rows, int row, Event& e);

// Whether the store's tables exist.
Result<bool> schema_exists(Connection& conn);
// Creates the tables that are missing, and the head row of an empty log; safe when several
// processes open one new database at once (they queue on an advisory lock).
Status create_schema(Connection& conn);
// The same inside the transaction open on `conn`, which a rollback then undoes.
Status create_tables(Connection& conn);
// The NOTIFY channel of the store in the connection's current schema: mentorflow_events.SCHEMA,
// so that the appends of one store do not wake the subscribers of another.
Result<std::string> notify_channel(Connection& conn);
// Refuses a schema written by a newer mentorflow.
Status check_schema_version(Connection& conn);

}  // namespace mentorflow::store::pg
