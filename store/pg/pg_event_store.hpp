#pragma once
// PgEventStore: the EventStore (store/event_store.hpp) in a PostgreSQL database, for several
// `mentorflow serve` nodes on one database. Schema and the reasons for it: docs/STORE.md,
// "PostgreSQL".
//
// Appends are serialised by the one `head` row, locked first in every appending transaction
// (SELECT ... FOR UPDATE): positions are given out in commit order with no gap, and the hash chain
// is extended under that lock with the same bytes as on RocksDB (store/chain.hpp). Nothing is
// cached that another node could change: versions and the head are read from the database.
//
// Thread safety: every method may be called from any thread at once; each takes a connection from
// a small pool. Any number of processes may open one database for writing.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>

#include "store/event_store.hpp"
#include "store/pg/pg_connection.hpp"

namespace mentorflow::store::pg {

class PgEventStore final : public EventStore {
 public:
  // Opens the store in the database at `url` (a libpq URL), creating its tables when they are
  // missing and `options` allow it. NotFound when they are missing and may not be made; IOError
  // when the database cannot be reached. The tables live in the connection's current schema, so
  // `?options=-csearch_path%3DNAME` in the URL puts a store in schema NAME.
  static Result<std::unique_ptr<EventStore>> open(const std::string& url, const OpenOptions& options);
  ~PgEventStore() override;

  Result<AppendResult> append(std::string_view stream, ExpectedVersion expected, const std::vector<NewEvent>& events) override;
  Result<std::vector<AppendResult>> append_multi(const std::vector<StreamAppend>& appends,
                                                 std::vector<Event>* recorded) override;
  Status append_recorded(std::span<const Event> events) override;
  Status sync() override;
  Result<Event> read_event(std::uint64_t position, ReadCheck check) const override;
  Result<std::size_t> scan_events(std::uint64_t from_position, std::size_t limit,
                                  const std::function<bool(const Event&)>& visit,
                                  ReadCheck check) const override;
  Result<std::vector<Event>> read_stream_forward(std::string_view stream, std::uint64_t from_version, std::size_t limit) const override;
  Result<std::vector<Event>> read_stream_backward(std::string_view stream, std::uint64_t from_version, std::size_t limit) const override;
  Result<std::uint64_t> stream_version(std::string_view stream) const override;
  Result<std::vector<std::uint64_t>> stream_versions(const std::vector<std::string>& streams, Freshness freshness) const override;
  Result<std::uint64_t> position_of(std::string_view stream, std::uint64_t version) const override;
  Result<std::vector<StreamInfo>> list_streams(std::string_view prefix, std::size_t limit) const override;
  ChainHead head() const override;
  Result<DanglingReferences> dangling_references(std::uint64_t last_position) const override;
  bool wait_for_position(std::uint64_t position, std::chrono::milliseconds timeout) const override;
  Status save_snapshot(const Snapshot& snapshot) override;
  Result<std::optional<Snapshot>> load_snapshot(std::string_view stream, std::uint32_t state_format) const override;
  Result<std::uint64_t> views_checkpoint() const override;
  Status write_views(const ViewBatch& batch, std::uint64_t expected, std::uint64_t checkpoint) override;
  Result<std::optional<std::string>> get_view(std::string_view key) const override;
  Status scan_views(std::string_view prefix, const std::function<bool(std::string_view, std::string_view)>& visit) const override;
  Status drop_views() override;
  Status drop_snapshots() override;
  Status compact() override;
  std::unique_ptr<DocumentStore> documents() const override;
  Result<std::unique_ptr<Subjects>> open_subjects(const MasterKey& master) const override;
  Result<bool> has_subjects() const override;
  bool read_only() const override { return options_.read_only; }
  CutCheck cut_check() const override { return cut_check_; }

 private:
  struct Segment;      // one stream's part of an append (store/pg/pg_append.cpp)
  struct Writer;       // one append waiting in this process's queue (store/pg/pg_append.cpp)
  class ReadChecker;   // what reads check of the events they return

  PgEventStore(const OpenOptions& options, std::shared_ptr<Pool> pool);

  Status writable() const;
  // Queues `segments` (one append) and waits until a leader wrote them: all or nothing.
  Result<std::vector<AppendResult>> append_segments(std::vector<Segment>& segments);
  // The leader's work: locks the head row, checks and writes the appends of `group` in one
  // transaction, moves the head, notifies; sets each writer's result.
  void commit_group(const std::vector<Writer*>& group);
  // Keeps `versions` (stream -> version after a group) in known_versions_.
  void remember_versions(const std::unordered_map<std::string, std::uint64_t>& versions);
  // Reads events WHERE `condition` (with `params`) ORDER BY `order`, checking them as reads do.
  Result<std::size_t> select_events(std::string_view condition, const std::vector<Param>& params, std::string_view order,
                                    std::size_t limit, const std::function<bool(const Event&)>& visit, ReadChecker& checker) const;
  // Up to `limit` events of `stream` from `from_version` on, forward or backward.
  Result<std::vector<Event>> read_stream(std::string_view stream, std::uint64_t from_version, std::size_t limit, bool forward) const;
  // Tells the waiters in this process that the log reached `position`.
  void appended(std::uint64_t position) const;
  // The listener thread: LISTEN for other nodes' appends, else poll (store/pg/pg_wait.cpp).
  void listen() const;

  const OpenOptions options_;
  const Clock& clock_;
  std::shared_ptr<Pool> pool_;  // shared with the documents (documents())
  CutCheck cut_check_ = CutCheck::kNone;

  std::mutex queue_mu_;          // guards writers_
  std::deque<Writer*> writers_;  // appends waiting, the leader first
  // Only the leader of the moment changes these (commit_group), and reads them without a lock: the
  // head this process's last group left (unset after a failed commit), and whether the last look
  // at the head found it there, no other node having appended since: then the next group is
  // written in one round trip.
  std::optional<ChainHead> committed_head_;
  bool alone_ = false;  // changed under known_mu_: stream_versions reads it
  // The versions our groups left on the streams they wrote (and checked), for appends that expect
  // no version in particular and for stream_versions(kKnownHere); only used, and true, while
  // alone_. Emptied when full. Changed under known_mu_ by the leader.
  std::unordered_map<std::string, std::uint64_t> known_versions_;
  mutable std::mutex known_mu_;
  static constexpr std::size_t kKnownVersions = 100'000;

  // What wait_for_position waits on: the highest position this process knows to be acknowledged.
  mutable std::mutex wait_mu_;
  mutable std::condition_variable wait_cv_;
  mutable std::uint64_t known_position_ = 0;
  mutable ChainHead last_head_;  // what head() answers while the database cannot be reached
  mutable std::thread listener_;  // started by the first wait
  mutable std::atomic<bool> stopping_ = false;
  std::string channel_;  // the NOTIFY channel of this store's schema: mentorflow_events.SCHEMA
};

}  // namespace mentorflow::store::pg
