#include "store/pg/pg_schema.hpp"

#include <fmt/core.h>

#include <charconv>

namespace mentorflow::store::pg {

namespace {

constexpr std::string_view kSchemaVersion = "1";

// Stream names and views keys compare byte by byte (COLLATE "C", bytea), as on RocksDB, so that
// listing by prefix gives the same order on both backends. Numbers are bigint: positions and
// versions stay below 2^63.
constexpr std::string_view kCreate = R"(
CREATE TABLE IF NOT EXISTS events (
  position bigint PRIMARY KEY,
  stream text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  type text NOT NULL,
  recorded_at bigint NOT NULL,
  actor_user text NOT NULL,
  actor_role text NOT NULL,
  definition_id text NOT NULL,
  payload text NOT NULL,
  explanation text NOT NULL,
  correlation_id text NOT NULL,
  causation_id text NOT NULL,
  previous_hash bytea NOT NULL,
  hash bytea NOT NULL,
  UNIQUE (stream, version));
CREATE TABLE IF NOT EXISTS streams (name text COLLATE "C" PRIMARY KEY, version bigint NOT NULL);
CREATE TABLE IF NOT EXISTS head (id int PRIMARY KEY CHECK (id = 1), position bigint NOT NULL, hash bytea NOT NULL);
INSERT INTO head VALUES (1, 0, '\x0000000000000000000000000000000000000000000000000000000000000000') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS snapshots (stream text COLLATE "C" PRIMARY KEY, state_format bigint NOT NULL, version bigint NOT NULL, state bytea NOT NULL);
CREATE TABLE IF NOT EXISTS views (key bytea PRIMARY KEY, value bytea NOT NULL);
CREATE TABLE IF NOT EXISTS documents (sha256 bytea PRIMARY KEY, bytes bytea NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO meta VALUES ('schema-version', '1'), ('views-checkpoint', '0') ON CONFLICT DO NOTHING;
)";

}  // namespace

Status decode_event(const Rows& rows, int row, Event& e) {
  e.position = rows.number(row, 0);
  e.stream = rows.text(row, 1);
  e.version = rows.number(row, 2);
  e.type = rows.text(row, 3);
  e.recorded_at = rows.integer(row, 4);
  e.actor.user = rows.text(row, 5);
  e.actor.role = rows.text(row, 6);
  e.definition_id = rows.text(row, 7);
  e.payload = rows.text(row, 8);
  e.explanation = rows.text(row, 9);
  e.metadata.correlation_id = rows.text(row, 10);
  e.metadata.causation_id = rows.text(row, 11);
  auto previous = rows.hash(row, 12);
  auto hash = rows.hash(row, 13);
  if (!previous || !hash) return Status::corruption(fmt::format("the event at position {} has a damaged hash", e.position));
  e.previous_hash = *previous;
  e.hash = *hash;
  return Status::ok();
}

Result<bool> schema_exists(Connection& conn) {
  auto rows = conn.query("SELECT to_regclass('head') IS NOT NULL AND to_regclass('meta') IS NOT NULL", {}, "looking for the store's tables");
  if (!rows.is_ok()) return rows.status();
  return rows->text(0, 0) == "t";
}

Status create_tables(Connection& conn) {
  // Any constant: the lock only makes two first opens of one database take turns.
  if (Status s = conn.run("SELECT pg_advisory_xact_lock(4711160)", "creating the store's tables"); !s.is_ok()) return s;
  return conn.run(kCreate, "creating the store's tables");
}

Status create_schema(Connection& conn) {
  auto tx = Transaction::begin(conn);
  if (!tx.is_ok()) return tx.status();
  if (Status s = create_tables(conn); !s.is_ok()) return s;
  return tx->commit();
}

Result<std::string> notify_channel(Connection& conn) {
  auto schema = conn.query("SELECT current_schema()", {}, "reading the current schema");
  if (!schema.is_ok()) return schema.status();
  return fmt::format("mentorflow_events.{}", schema->text(0, 0));
}

Status check_schema_version(Connection& conn) {
  auto rows = conn.query("SELECT value FROM meta WHERE key = 'schema-version'", {}, "reading the schema version");
  if (!rows.is_ok()) return rows.status();
  if (rows->empty() || rows->text(0, 0) != kSchemaVersion)
    return Status::corruption(fmt::format("the store's tables are of schema version '{}', which this mentorflow does not know (it knows {})",
                                          rows->empty() ? "" : rows->text(0, 0), kSchemaVersion));
  return Status::ok();
}

}  // namespace mentorflow::store::pg
