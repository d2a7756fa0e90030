// PgEventStore views and snapshots. The views checkpoint is a row of `meta`, locked while a batch
// is written, so that two nodes catching up at once cannot both move it: the second finds it
// moved and gets Conflict, as on RocksDB.
#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "store/pg/pg_event_store.hpp"
#include "store/pg/pg_pipeline.hpp"
#include "store/write_checks.hpp"

namespace mentorflow::store::pg {

namespace {

// The views checkpoint in `rows` (its `meta` row, or none: 0).
Result<std::uint64_t> checkpoint_of(const Rows& rows) {
  if (rows.empty()) return 0;
  const std::string_view value = rows.text(0, 0);
  std::uint64_t position = 0;
  if (value.empty() || std::from_chars(value.data(), value.data() + value.size(), position).ptr != value.data() + value.size())
    return Status::corruption(fmt::format("the views checkpoint '{}' is not a position", value));
  return position;
}

constexpr std::string_view kReadCheckpoint = "SELECT value FROM meta WHERE key = 'views-checkpoint'";
constexpr std::string_view kSetCheckpoint =
    "INSERT INTO meta (key, value) VALUES ('views-checkpoint', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value";

// Keys a statement writes at most, so that a replay's big batches go in parts of bounded size.
constexpr std::size_t kKeysPerStatement = 5000;

}  // namespace

Result<std::uint64_t> PgEventStore::views_checkpoint() const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query(kReadCheckpoint, {}, "reading the views checkpoint");
  if (!rows.is_ok()) return rows.status();
  return checkpoint_of(*rows);
}

Status PgEventStore::write_views(const ViewBatch& batch, std::uint64_t expected, std::uint64_t checkpoint) {
  if (Status s = writable(); !s.is_ok()) return s;
  if (Status s = check_views_move(expected, checkpoint, head().position); !s.is_ok()) return s;
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  // Round one: begin and lock the checkpoint row; round two (or more, for a big batch): the views,
  // the checkpoint and COMMIT. A rolled-back write leaves nothing.
  Transaction tx = Transaction::begun(*conn);  // declared first: it rolls back after the pipeline ends
  Pipeline pipeline(*conn);
  pipeline.add(fmt::format("BEGIN ISOLATION LEVEL {}", kReadCommitted), {}, "starting a transaction");
  pipeline.add(fmt::format("{} FOR UPDATE", kReadCheckpoint), {}, "locking the views checkpoint");
  auto locked = pipeline.run();
  if (!locked.is_ok()) return locked.status();
  auto current = checkpoint_of((*locked)[1]);
  if (!current.is_ok()) return current.status();
  if (*current != expected)
    return Status::conflict(fmt::format("the views are at position {}, but the write expected position {}", *current, expected));
  // The batch's last word on each key, a few thousand keys a statement: one MERGE of the keys it
  // writes, one DELETE of those it erases (a statement a key cost the server more than the rows;
  // INSERT ... ON CONFLICT, a speculative insertion a key, a third more than MERGE's index join).
  // Only the holder of the checkpoint's lock writes views, so MERGE meets no concurrent insert.
  std::vector<std::pair<std::string_view, const std::optional<std::string>*>> last;  // key, last value
  std::unordered_map<std::string_view, std::size_t> index;                          // key -> its place in `last`
  for (const ViewBatch::Op& op : batch.ops()) {
    auto [at, added] = index.try_emplace(op.key, last.size());
    if (added) last.emplace_back(op.key, &op.value);
    else last[at->second].second = &op.value;
  }
  // In key order: the server then inserts into the index's pages one after the other.
  std::sort(last.begin(), last.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string_view> put_keys, put_values, erased;
  const auto queue = [&] {
    if (!put_keys.empty())
      pipeline.add("MERGE INTO views v USING unnest($1::bytea[], $2::bytea[]) AS s (key, value) ON v.key = s.key "
                   "WHEN MATCHED THEN UPDATE SET value = s.value WHEN NOT MATCHED THEN INSERT VALUES (s.key, s.value)",
                   {Param::bytea_array(put_keys), Param::bytea_array(put_values)}, "writing views");
    if (!erased.empty()) pipeline.add("DELETE FROM views WHERE key = ANY($1::bytea[])", {Param::bytea_array(erased)}, "erasing views");
    put_keys.clear(), put_values.clear(), erased.clear();
  };
  for (const auto& [key, value] : last) {
    if (*value) put_keys.push_back(key), put_values.push_back(**value);
    else erased.push_back(key);
    if (put_keys.size() + erased.size() >= kKeysPerStatement) queue();  // answered with the rest: the server works while this side builds the next
  }
  queue();
  pipeline.add(kSetCheckpoint, {Param(checkpoint)}, "moving the views checkpoint");
  pipeline.add("COMMIT", {}, "committing");
  auto done = pipeline.run();
  return done.is_ok() ? Status::ok() : done.status();
}

Result<std::optional<std::string>> PgEventStore::get_view(std::string_view key) const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query("SELECT value FROM views WHERE key = $1", {Param::binary(key)}, fmt::format("reading view '{}'", key));
  if (!rows.is_ok()) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows->bytes(0, 0));
}

Status PgEventStore::scan_views(std::string_view prefix, const std::function<bool(std::string_view, std::string_view)>& visit) const {
  // One statement sees one snapshot of the table: one consistent state of the views.
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query("SELECT key, value FROM views WHERE substring(key FROM 1 FOR length($1::bytea)) = $1::bytea ORDER BY key",
                          {Param::binary(prefix)}, fmt::format("scanning views '{}*'", prefix));
  if (!rows.is_ok()) return rows.status();
  for (int i = 0; i < rows->size(); ++i)
    if (!visit(rows->bytes(i, 0), rows->bytes(i, 1))) break;
  return Status::ok();
}

Status PgEventStore::drop_views() {
  if (Status s = writable(); !s.is_ok()) return s;
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto tx = Transaction::begin(*conn, kReadCommitted);
  if (!tx.is_ok()) return tx.status();
  if (auto locked = conn->query(fmt::format("{} FOR UPDATE", kReadCheckpoint), {}, "locking the views checkpoint"); !locked.is_ok())
    return locked.status();
  // TRUNCATE, not DELETE: the table starts again empty, where DELETE left every row dead in its
  // pages and index until a vacuum, for the replay that follows to wade through. Readers on other
  // nodes wait for this short transaction (its lock is exclusive), then see the empty views.
  if (Status s = conn->run("TRUNCATE views", "dropping the views"); !s.is_ok()) return s;
  if (auto zero = conn->query(kSetCheckpoint, {Param(std::uint64_t{0})}, "moving the views checkpoint"); !zero.is_ok()) return zero.status();
  return tx->commit();
}

Status PgEventStore::save_snapshot(const Snapshot& snapshot) {
  if (Status s = writable(); !s.is_ok()) return s;
  auto current = stream_version(snapshot.stream);
  if (!current.is_ok()) return current.status();
  if (Status s = check_snapshot_version(snapshot, *current); !s.is_ok()) return s;
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto done = conn->query("INSERT INTO snapshots (stream, state_format, version, state) VALUES ($1, $2, $3, $4) "
                          "ON CONFLICT (stream) DO UPDATE SET state_format = EXCLUDED.state_format, "
                          "version = EXCLUDED.version, state = EXCLUDED.state",
                          {Param(snapshot.stream), Param(static_cast<std::uint64_t>(snapshot.state_format)), Param(snapshot.version),
                           Param::binary(snapshot.state)},
                          fmt::format("saving the snapshot of stream '{}'", snapshot.stream));
  return done.is_ok() ? Status::ok() : done.status();
}

Result<std::optional<Snapshot>> PgEventStore::load_snapshot(std::string_view stream, std::uint32_t state_format) const {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto rows = conn->query("SELECT state_format, version, state FROM snapshots WHERE stream = $1", {Param(stream)},
                          fmt::format("loading the snapshot of stream '{}'", stream));
  if (!rows.is_ok()) return rows.status();
  if (rows->empty() || rows->number(0, 0) != state_format) return std::optional<Snapshot>();
  Snapshot snapshot{std::string(stream), rows->number(0, 1), state_format, rows->bytes(0, 2)};
  // A snapshot ahead of its stream describes events this log does not hold: ignored, as on RocksDB.
  auto current = stream_version(stream);
  if (!current.is_ok()) return current.status();
  if (snapshot.version > *current) return std::optional<Snapshot>();
  return std::optional<Snapshot>(std::move(snapshot));
}

}  // namespace mentorflow::store::pg
