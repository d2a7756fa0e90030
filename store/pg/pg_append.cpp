// PgEventStore appends: one transaction each, serialised by the head row.
//
// Every appending transaction first locks the one row of `head` (SELECT ... FOR UPDATE). The next
// appender waits there until this one commits or rolls back, then reads the head this one left.
// So positions are given out in commit order with no gap, and a reader that has seen position N
// can never later see a smaller new position appear (which a sequence allows: docs/STORE.md). The
// hash chain is extended under the same lock, from the hash the head row holds.
#include <fmt/core.h>

#include "store/pg/pg_event_store.hpp"
#include "store/pg/pg_schema.hpp"
#include "store/prepare_events.hpp"

namespace mentorflow::store::pg {

struct PgEventStore::Segment {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::any();
  std::vector<Event> fresh;  // new events, envelope filled in under the head lock
};

namespace {

// libpq allows 65535 parameters a statement; 14 an event.
constexpr std::size_t kRowsPerInsert = 1000;

// Inserts `events` in statements of up to kRowsPerInsert rows.
Status insert_events(Connection& conn, std::span<const Event> events) {
  for (std::size_t first = 0; first < events.size(); first += kRowsPerInsert) {
    const std::size_t count = std::min(kRowsPerInsert, events.size() - first);
    std::string sql = fmt::format("INSERT INTO events ({}) VALUES ", kEventColumns);
    std::vector<Param> params;
    params.reserve(count * kEventColumnCount);
    std::vector<std::string> times(count);
    for (std::size_t i = 0; i < count; ++i) {
      const Event& e = events[first + i];
      sql += i ? ",(" : "(";
      for (int c = 0; c < kEventColumnCount; ++c) sql += fmt::format("{}${}", c ? "," : "", i * kEventColumnCount + c + 1);
      sql += ")";
      times[i] = std::to_string(e.recorded_at);
      params.insert(params.end(), {Param(e.position), Param(e.stream), Param(e.version), Param(e.type), Param(times[i]),
                                   Param(e.actor.user), Param(e.actor.role), Param(e.definition_id), Param(e.payload),
                                   Param(e.explanation), Param(e.metadata.correlation_id), Param(e.metadata.causation_id),
                                   Param::hash(e.previous_hash), Param::hash(e.hash)});
    }
    auto done = conn.query(sql, params, fmt::format("appending at position {}", events[first].position));
    if (!done.is_ok()) return done.status();
  }
  return Status::ok();
}

Result<ChainHead> lock_head(Connection& conn) {
  auto rows = conn.query("SELECT position, hash FROM head WHERE id = 1 FOR UPDATE", {}, "locking the head of the log");
  if (!rows.is_ok()) return rows.status();
  auto hash = rows->empty() ? std::nullopt : rows->hash(0, 1);
  if (!hash) return Status::corruption("the head row of the log is missing or damaged");
  return ChainHead{rows->number(0, 0), *hash};
}

Result<std::uint64_t> version_of(Connection& conn, std::string_view stream) {
  auto rows = conn.query("SELECT version FROM streams WHERE name = $1", {Param(stream)},
                         fmt::format("reading the version of stream '{}'", stream));
  if (!rows.is_ok()) return rows.status();
  return rows->empty() ? 0 : rows->number(0, 0);
}

// Sets the stream versions and moves the head, and tells the listeners (pg_wait.cpp) once the
// transaction commits: NOTIFY is delivered at commit, never for a rolled-back append.
Status finish_append(Connection& conn, const std::unordered_map<std::string, std::uint64_t>& versions, const ChainHead& head,
                     const std::string& channel) {
  for (const auto& [stream, version] : versions) {
    auto done = conn.query("INSERT INTO streams (name, version) VALUES ($1, $2) "
                           "ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version",
                           {Param(stream), Param(version)}, fmt::format("setting the version of stream '{}'", stream));
    if (!done.is_ok()) return done.status();
  }
  auto moved = conn.query("UPDATE head SET position = $1, hash = $2 WHERE id = 1", {Param(head.position), Param::hash(head.hash)},
                          "moving the head of the log");
  if (!moved.is_ok()) return moved.status();
  auto notified = conn.query("SELECT pg_notify($1, $2)", {Param(channel), Param(head.position)}, "notifying the subscribers");
  return notified.is_ok() ? Status::ok() : notified.status();
}

}  // namespace

Result<AppendResult> PgEventStore::append(std::string_view stream, ExpectedVersion expected, const std::vector<NewEvent>& events) {
  if (Status s = writable(); !s.is_ok()) return s;
  std::vector<Segment> segments(1);
  segments[0].stream = stream;
  segments[0].expected = expected;
  if (Status s = prepare_events(stream, events, segments[0].fresh); !s.is_ok()) return s;
  auto results = append_segments(segments);
  if (!results.is_ok()) return results.status();
  return results->front();
}

Result<std::vector<AppendResult>> PgEventStore::append_multi(const std::vector<StreamAppend>& appends,
                                                             std::vector<Event>* recorded) {
  if (Status s = writable(); !s.is_ok()) return s;
  if (appends.empty()) return Status::invalid_argument("a multi-stream append needs at least one stream");
  std::vector<Segment> segments;
  for (const StreamAppend& a : appends) {
    for (const Segment& earlier : segments)
      if (earlier.stream == a.stream)
        return Status::invalid_argument(fmt::format("stream '{}' is named twice in one append", a.stream));
    Segment& segment = segments.emplace_back(Segment{a.stream, a.expected, {}});
    if (Status s = prepare_events(a.stream, a.events, segment.fresh); !s.is_ok()) return s;
  }
  auto results = append_segments(segments);
  if (!results.is_ok()) return results.status();
  if (recorded)
    for (Segment& segment : segments)
      for (Event& e : segment.fresh) recorded->push_back(std::move(e));
  return results;
}

Result<std::vector<AppendResult>> PgEventStore::append_segments(std::vector<Segment>& segments) {
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto tx = Transaction::begin(*conn, kReadCommitted);
  if (!tx.is_ok()) return tx.status();
  auto head = lock_head(*conn);
  if (!head.is_ok()) return head.status();

  // Every stream's expectation is checked before anything is written: all or nothing.
  std::unordered_map<std::string, std::uint64_t> versions;
  for (const Segment& seg : segments) {
    auto current = version_of(*conn, seg.stream);
    if (!current.is_ok()) return current.status();
    if (!seg.expected.allows(*current))
      return Status::conflict(fmt::format("stream '{}' is at version {}, but the append expected {}", seg.stream, *current,
                                          seg.expected.describe()));
    versions[seg.stream] = *current;
  }

  const UtcMicros now = clock_.now();
  std::vector<AppendResult> results;
  std::vector<Event> written;
  for (Segment& seg : segments) {
    std::uint64_t& version = versions[seg.stream];
    for (Event& e : seg.fresh) {
      e.position = ++head->position;
      e.version = ++version;
      e.recorded_at = now;
      e.previous_hash = head->hash;
      e.hash = event_hash(e);
      head->hash = e.hash;
    }
    if (Status s = insert_events(*conn, seg.fresh); !s.is_ok()) return s;
    results.push_back(AppendResult{seg.fresh.front().position, head->position, version, head->hash});
  }
  if (Status s = finish_append(*conn, versions, *head, channel_); !s.is_ok()) return s;
  if (Status s = tx->commit(); !s.is_ok()) return s;
  appended(head->position);
  return results;
}

Status PgEventStore::append_recorded(std::span<const Event> events) {
  if (Status s = writable(); !s.is_ok()) return s;
  if (events.empty()) return Status::ok();
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto tx = Transaction::begin(*conn, kReadCommitted);
  if (!tx.is_ok()) return tx.status();
  auto head = lock_head(*conn);
  if (!head.is_ok()) return head.status();
  // Recorded events carry their own envelope; they are accepted only if they continue the chain
  // exactly where the log ends, as on RocksDB.
  ChainWalker walker(*head, [&](const std::string& stream) { return version_of(*conn, stream); });
  for (const Event& e : events)
    if (Status s = walker.step(e); !s.is_ok()) return s;
  if (Status s = insert_events(*conn, events); !s.is_ok()) return s;
  std::unordered_map<std::string, std::uint64_t> versions(walker.stream_versions().begin(), walker.stream_versions().end());
  if (Status s = finish_append(*conn, versions, walker.head(), channel_); !s.is_ok()) return s;
  if (Status s = tx->commit(); !s.is_ok()) return s;
  appended(walker.head().position);
  return Status::ok();
}

}  // namespace mentorflow::store::pg
