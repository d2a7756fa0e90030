// PgEventStore appends: serialised by the head row, and grouped within a process.
//
// Every appending transaction first locks the one row of `head` (SELECT ... FOR UPDATE). The next
// appender waits there until this one commits or rolls back, then reads the head this one left.
// So positions are given out in commit order with no gap, and a reader that has seen position N
// can never later see a smaller new position appear (which a sequence allows: docs/STORE.md). The
// hash chain is extended under the same lock, from the hash the head row holds.
//
// The appends of one process queue (as RocksDB's writers do, store/group_commit.cpp): the first
// in the queue leads, takes the appends queued behind it and writes them all in one transaction,
// so that sixteen appenders share one head lock, two round trips and one WAL flush instead of
// taking turns at sixteen. Each append's expectations are checked in queue order against the
// versions the appends before it leave; one that conflicts is refused alone.
//
// A process that appends alone (no other node) knows where the log is without reading it: the
// head its last group left. Its groups are then written in one round trip, the server checking
// that assumption under the head lock (commit_group); the lock is held for that round trip's
// server work and the commit, not for a round trip to this process and back.
#include <fmt/core.h>

#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "store/pg/pg_append.hpp"
#include "store/pg/pg_event_store.hpp"
#include "store/pg/pg_pipeline.hpp"
#include "store/pg/pg_schema.hpp"
#include "store/prepare_events.hpp"

namespace mentorflow::store::pg {

struct PgEventStore::Segment {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::any();
  std::vector<Event> fresh;  // new events, envelope filled in under the head lock
};

namespace {

// Events an INSERT takes at most (an import's big batches go in parts of bounded size).
constexpr std::size_t kRowsPerInsert = 5000;
// The events, a column an array: one statement text for any number of rows, prepared once. The
// arrays are unnested in the select list (zipped, they are of one length), not in FROM: a FROM
// function first copies its rows into a tuplestore, and the three or four an append's statements
// made took its server process past malloc's trim threshold, each append growing and shrinking
// the heap with brk (two system calls and a TLB flush on every core: 10% of a single append).
const std::string kInsertEvents = fmt::format(
    "INSERT INTO events ({}) SELECT unnest($1::bigint[]), unnest($2::text[]), unnest($3::bigint[]), unnest($4::text[]), "
    "unnest($5::bigint[]), unnest($6::text[]), unnest($7::text[]), unnest($8::text[]), unnest($9::text[]), unnest($10::text[]), "
    "unnest($11::text[]), unnest($12::text[]), unnest($13::bytea[]), unnest($14::bytea[])",
    kEventColumns);
// Appends one transaction takes from the queue at most, so that the first of a long queue does
// not wait for a giant transaction.
constexpr std::size_t kMaxGroup = 64;

// PostgreSQL's text holds no NUL character, and libpq would cut a text value short at one: an
// event with one (possible in a log moved from RocksDB, which stores any bytes) is refused
// instead of being stored different from what its hash covers.
Status check_storable(const Event& e) {
  for (const std::string* text : {&e.stream, &e.type, &e.actor.user, &e.actor.role, &e.definition_id, &e.payload, &e.explanation,
                                  &e.metadata.correlation_id, &e.metadata.causation_id})
    if (text->find('\0') != std::string::npos)
      return Status::invalid_argument(fmt::format("{} of stream '{}' holds a NUL character, which PostgreSQL cannot store in text",
                                                  e.position ? fmt::format("the event at position {}", e.position) : "an event",
                                                  e.stream.substr(0, e.stream.find('\0'))));
  return Status::ok();
}

// An appending transaction with the head row locked: the head and the versions of the streams it
// names, as they were when the lock was granted. Rolled back when dropped before commit_append.
struct LockedHead {
  Transaction tx;
  ChainHead head;
  std::unordered_map<std::string, std::uint64_t> versions;  // 0 for a stream with no events
};

// What a group placed without reading was placed on: the head and the versions of its streams.
struct Assumption {
  ChainHead head;
  std::vector<std::string_view> streams;
  std::vector<std::uint64_t> versions;
};

// Begins a transaction on `conn` (unless `begin` is false: the caller began one), locks the head
// row and reads the versions of `streams`, in one round trip. The versions are read after the lock
// is granted (READ COMMITTED takes a snapshot per statement), so they are those the appender before
// this one left.
Result<LockedHead> lock_head(Connection& conn, const std::vector<std::string>& streams, bool begin = true) {
  auto answers = [&] {
    Pipeline pipeline(conn);  // left before the Transaction below may roll back
    if (begin) pipeline.add(fmt::format("BEGIN ISOLATION LEVEL {}", kReadCommitted), {}, "starting a transaction");
    pipeline.add("SELECT position, hash FROM head WHERE id = 1 FOR UPDATE", {}, "locking the head of the log");
    pipeline.add(kStreamVersions, {Param::text_array({streams.begin(), streams.end()})}, "reading the versions of the streams appended to");
    return pipeline.run();
  }();
  // A failed pipeline may have begun the transaction: the Transaction rolls it back.
  LockedHead locked{Transaction::begun(conn), {}, {}};
  if (!answers.is_ok()) return answers.status();
  const std::size_t first = begin ? 1 : 0;
  const Rows& head = (*answers)[first];
  auto hash = head.empty() ? std::nullopt : head.hash(0, 1);
  if (!hash) return Status::corruption("the head row of the log is missing or damaged");
  locked.head = ChainHead{head.number(0, 0), *hash};
  for (const std::string& stream : streams) locked.versions[stream] = 0;
  const Rows& versions = (*answers)[first + 1];
  for (int i = 0; i < versions.size(); ++i) locked.versions[std::string(versions.text(i, 0))] = versions.number(i, 1);
  return locked;
}

// Writes `runs` of events (their envelopes complete, in position order), sets the streams'
// versions, moves the head to the last event, tells the listeners (pg_wait.cpp) and commits, in
// one round trip. NOTIFY is delivered at commit, never for a rolled-back append. The statements
// do not grow with the events and streams a group names: the events go in one INSERT, the
// versions in one, each a prepared statement fed arrays (the server's work per statement is what
// a busy log pays most for).
//
// With `assumed` (the group was placed on the head and versions this process expects, not on
// ones it read), the whole transaction is this round trip: it first locks the head row and has
// the server check the assumption; when the head or a stream is elsewhere, the check fails with
// Conflict (a unique violation, see below) and nothing is written.
Status commit_append(Connection& conn, LockedHead& locked, const std::vector<std::span<const Event>>& runs,
                     const std::string& channel, const Assumption* assumed = nullptr) {
  std::vector<const Event*> events;
  for (std::span<const Event> run : runs)
    for (const Event& e : run) events.push_back(&e);
  Pipeline pipeline(conn);
  if (assumed) {
    // No BEGIN nor COMMIT: the statements of a pipeline up to its Sync are one transaction (the
    // session's default isolation, READ COMMITTED: pg_event_store.cpp), committed at the Sync,
    // rolled back at the first that fails (tests/store/store_pg_pipeline_test.cpp).
    // The head row locked and the assumption checked in one statement. SQL has no statement that
    // fails on a condition, so this one inserts a second head row when the assumption is wrong,
    // which the head's primary key refuses (unique violation: Conflict). Had another appender held
    // the lock, the row read is the one it left (the lock follows its update), which is not ours,
    // so the streams, read as of the statement's start, are only trusted when nobody appended
    // since our last group. (Were a stale head ever read, the events would collide with that
    // appender's positions: Conflict again.)
    pipeline.add("WITH locked AS (SELECT position, hash FROM head WHERE id = 1 FOR UPDATE) "
                 "INSERT INTO head (id, position, hash) SELECT 1, 0, '\\x'::bytea FROM locked "
                 "WHERE locked.position <> $1 OR locked.hash <> $2 "
                 "OR EXISTS (SELECT FROM (SELECT unnest($3::text[]) AS name, unnest($4::bigint[]) AS version) s "
                 "WHERE s.version <> coalesce((SELECT version FROM streams WHERE name = s.name), 0))",
                 {Param(assumed->head.position), Param::hash(assumed->head.hash), Param::text_array(assumed->streams),
                  Param::number_array(assumed->versions)},
                 "checking that the log is where this process left it");
  }
  for (std::size_t first = 0; first < events.size(); first += kRowsPerInsert) {
    const std::size_t count = std::min(kRowsPerInsert, events.size() - first);
    std::vector<std::uint64_t> positions, versions;
    std::vector<std::int64_t> times;
    std::vector<std::string_view> streams, types, users, roles, definitions, payloads, explanations, correlations, causations,
        previous_hashes, hashes;
    for (std::size_t i = first; i < first + count; ++i) {
      const Event& e = *events[i];
      positions.push_back(e.position), versions.push_back(e.version), times.push_back(e.recorded_at);
      streams.push_back(e.stream), types.push_back(e.type), users.push_back(e.actor.user), roles.push_back(e.actor.role);
      definitions.push_back(e.definition_id), payloads.push_back(e.payload), explanations.push_back(e.explanation);
      correlations.push_back(e.metadata.correlation_id), causations.push_back(e.metadata.causation_id);
      previous_hashes.push_back({reinterpret_cast<const char*>(e.previous_hash.data()), e.previous_hash.size()});
      hashes.push_back({reinterpret_cast<const char*>(e.hash.data()), e.hash.size()});
    }
    pipeline.add(kInsertEvents,
                 {Param::number_array(positions), Param::text_array(streams), Param::number_array(versions), Param::text_array(types),
                  Param::integer_array(times), Param::text_array(users), Param::text_array(roles), Param::text_array(definitions),
                  Param::text_array(payloads), Param::text_array(explanations), Param::text_array(correlations),
                  Param::text_array(causations), Param::bytea_array(previous_hashes), Param::bytea_array(hashes)},
                 fmt::format("appending at position {}", events[first]->position));
  }
  std::unordered_set<std::string_view> written;
  for (const Event* e : events) written.insert(e->stream);
  std::vector<std::string_view> names;
  std::vector<std::uint64_t> versions;
  for (const auto& [stream, version] : locked.versions)
    if (written.contains(stream)) names.push_back(stream), versions.push_back(version);
  pipeline.add("WITH versions AS (INSERT INTO streams (name, version) SELECT unnest($1::text[]), unnest($2::bigint[]) "
               "ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version), "
               "moved AS (UPDATE head SET position = $3, hash = $4 WHERE id = 1 RETURNING position) "
               "SELECT pg_notify($5, position::text) FROM moved",
               {Param::text_array(names), Param::number_array(versions), Param(locked.head.position), Param::hash(locked.head.hash),
                Param(channel)},
               "setting the versions of the streams appended to, moving the head of the log and notifying the subscribers");
  if (!assumed) pipeline.add("COMMIT", {}, "committing");
  auto answers = pipeline.run();
  return answers.is_ok() ? Status::ok() : answers.status();
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
    if (Status s = prepare_segment_events(a.stream, a.events, segment.fresh); !s.is_ok()) return s;
  }
  if (Status s = check_writes_something(appends); !s.is_ok()) return s;
  auto results = append_segments(segments);
  if (!results.is_ok()) return results.status();
  if (recorded)
    for (Segment& segment : segments)
      for (Event& e : segment.fresh) recorded->push_back(std::move(e));
  return results;
}

// One append waiting in the queue of this process's appenders.
struct PgEventStore::Writer {
  explicit Writer(std::vector<Segment>* s) : segments(s) {}
  std::vector<Segment>* segments;  // the caller's; envelopes filled in by the leader
  Result<std::vector<AppendResult>> result = Status::io_error("append was not committed");
  bool done = false;
  std::condition_variable cv;
};

Result<std::vector<AppendResult>> PgEventStore::append_segments(std::vector<Segment>& segments) {
  for (const Segment& segment : segments)
    for (const Event& e : segment.fresh)
      if (Status s = check_storable(e); !s.is_ok()) return s;
  Writer w(&segments);
  std::unique_lock lock(queue_mu_);
  writers_.push_back(&w);
  w.cv.wait(lock, [&] { return w.done || writers_.front() == &w; });
  if (w.done) return std::move(w.result);  // a leader committed (or refused) it for us

  // We lead: the appends queued behind us go in the same transaction. Those arriving meanwhile
  // wait for the next one.
  const std::vector<Writer*> group(writers_.begin(), writers_.begin() + static_cast<std::ptrdiff_t>(std::min(writers_.size(), kMaxGroup)));
  lock.unlock();
  commit_group(group);
  lock.lock();
  for (Writer* member : group) {
    writers_.pop_front();
    member->done = true;
    if (member != &w) member->cv.notify_one();
  }
  if (!writers_.empty()) writers_.front()->cv.notify_one();
  return std::move(w.result);
}

void PgEventStore::commit_group(const std::vector<Writer*>& group) {
  auto fail_all = [&](const Status& s) {
    for (Writer* w : group) w->result = s;
  };
  std::vector<std::string> streams;
  std::unordered_set<std::string_view> seen;
  for (const Writer* w : group)
    for (const Segment& seg : *w->segments)
      if (seen.insert(seg.stream).second) streams.push_back(seg.stream);
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return fail_all(conn.status());

  // Gives each writer's events their envelopes, from `locked`'s head and versions on (moving
  // them); returns the writers accepted and their events in `runs`. Every stream's expectation of
  // a writer is checked, against the versions the writers before it in the group leave, before
  // any of its events is placed: all or nothing, and a writer that conflicts fails alone.
  const UtcMicros now = clock_.now();
  std::vector<std::span<const Event>> runs;
  auto place = [&](LockedHead& locked) {
    runs.clear();
    std::vector<Writer*> accepted;
    for (Writer* w : group) {
      Status refusal;
      for (const Segment& seg : *w->segments)
        if (const std::uint64_t current = locked.versions[seg.stream]; !seg.expected.allows(current)) {
          refusal = Status::conflict(fmt::format("stream '{}' is at version {}, but the append expected {}", seg.stream, current,
                                                 seg.expected.describe()));
          break;
        }
      if (!refusal.is_ok()) {
        w->result = refusal;
        continue;
      }
      std::vector<AppendResult> results;
      for (Segment& seg : *w->segments) {
        std::uint64_t& version = locked.versions[seg.stream];
        if (seg.fresh.empty()) {  // only checked
          results.push_back(AppendResult{0, 0, version, {}});
          continue;
        }
        for (Event& e : seg.fresh) chain_onto(e, locked.head, ++version, now);
        runs.emplace_back(seg.fresh);
        results.push_back(AppendResult{seg.fresh.front().position, locked.head.position, version, locked.head.hash});
      }
      w->result = std::move(results);
      accepted.push_back(w);
    }
    return accepted;
  };

  // While this process appends alone, the log is where its last commit left it, and each stream
  // where the writers expect it (an exact version, as the engine's are: the first such writer's):
  // the group is placed on that and written in one round trip, the server checking the assumption
  // under the head lock. When another node appended meanwhile the check fails, nothing is
  // written, and the group goes the long way: lock and read in one round trip, place, write in a
  // second.
  if (alone_ && committed_head_) {
    Assumption assumed{*committed_head_, {}, {}};
    std::unordered_map<std::string, std::uint64_t> versions;
    for (const Writer* w : group)
      for (const Segment& seg : *w->segments)
        if (const auto exact = seg.expected.exact_version(); exact && !versions.contains(seg.stream)) {
          versions[seg.stream] = *exact;
          assumed.streams.push_back(seg.stream);
          assumed.versions.push_back(*exact);
        }
    // A stream no writer expects at a version (ExpectedVersion::any, stream_exists) is where our
    // last group that wrote or read it left it; one this process has not seen is read.
    for (const std::string& stream : streams)
      if (!versions.contains(stream))
        if (auto known = known_versions_.find(stream); known != known_versions_.end()) {
          versions[stream] = known->second;
          assumed.streams.push_back(stream);
          assumed.versions.push_back(known->second);
        }
    if (versions.size() == streams.size()) {
      LockedHead placed{Transaction::begun(*conn), assumed.head, std::move(versions)};
      const std::vector<Writer*> accepted = place(placed);
      if (accepted.empty()) return;  // nothing begun, nothing to write
      const Status s = commit_append(*conn, placed, runs, channel_, &assumed);
      if (s.is_ok()) {
        committed_head_ = placed.head;
        remember_versions(placed.versions);
        return appended(placed.head.position);
      }
      if (!s.is_conflict()) {  // refusals placed on an unchecked assumption are not given either
        committed_head_.reset();
        return fail_all(s);
      }
      const std::lock_guard known(known_mu_);
      alone_ = false;  // another node writes too: the long way, until it finds the head where we left it
      known_versions_.clear();
    }
  }

  auto locked = lock_head(*conn, streams);
  if (!locked.is_ok()) return fail_all(locked.status());
  {
    const std::lock_guard known(known_mu_);
    alone_ = locked->head == committed_head_;
    if (!alone_) known_versions_.clear();
  }
  const std::vector<Writer*> accepted = place(*locked);
  if (accepted.empty()) return;  // the transaction rolls back: nothing to write
  if (Status s = commit_append(*conn, *locked, runs, channel_); !s.is_ok()) {
    committed_head_.reset();
    for (Writer* w : accepted) w->result = s;
    return;
  }
  committed_head_ = locked->head;
  remember_versions(locked->versions);
  appended(locked->head.position);
}

void PgEventStore::remember_versions(const std::unordered_map<std::string, std::uint64_t>& versions) {
  const std::lock_guard known(known_mu_);
  if (known_versions_.size() + versions.size() > kKnownVersions) known_versions_.clear();
  for (const auto& [stream, version] : versions) known_versions_[stream] = version;
}

Result<ChainHead> append_recorded_on(Connection& conn, std::span<const Event> events, const std::string& channel, bool begin) {
  std::vector<std::string> streams;
  std::unordered_set<std::string_view> seen;
  for (const Event& e : events) {
    if (Status s = check_storable(e); !s.is_ok()) return s;
    if (seen.insert(e.stream).second) streams.push_back(e.stream);
  }
  auto locked = lock_head(conn, streams, begin);
  if (!locked.is_ok()) return locked.status();
  // Recorded events carry their own envelope; they are accepted only if they continue the chain
  // exactly where the log ends, as on RocksDB.
  ChainWalker walker(locked->head, [&](const std::string& stream) -> Result<std::uint64_t> { return locked->versions[stream]; });
  for (const Event& e : events)
    if (Status s = walker.step(e); !s.is_ok()) return s;
  locked->head = walker.head();
  locked->versions.clear();
  locked->versions.insert(walker.stream_versions().begin(), walker.stream_versions().end());
  if (Status s = commit_append(conn, *locked, {events}, channel); !s.is_ok()) return s;
  return walker.head();
}

Status PgEventStore::append_recorded(std::span<const Event> events) {
  if (Status s = writable(); !s.is_ok()) return s;
  if (events.empty()) return Status::ok();
  auto conn = pool_->acquire();
  if (!conn.is_ok()) return conn.status();
  auto head = append_recorded_on(*conn, events, channel_, /*begin=*/true);
  if (!head.is_ok()) return head.status();
  appended(head->position);
  return Status::ok();
}

}  // namespace mentorflow::store::pg
