#pragma once
// EventStore: the append-only event log of mentorflow, on RocksDB. Streams (one per case or
// cohort) with optimistic concurrency, a gapless global order protected by a hash chain, catch-up
// reads, and snapshots of folded state. On-disk layout: docs/STORE.md.
//
// Thread safety: every method may be called from any thread at once. Concurrent appends are
// grouped by a leader into one synced RocksDB write (group commit), so writers share fsyncs.
// Only one process may open a store for writing; read-only opens may run beside it.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "store/chain.hpp"
#include "store/dangling.hpp"
#include "store/event.hpp"
#include "store/expected_version.hpp"
#include "store/snapshot.hpp"
#include "store/views.hpp"

namespace mentorflow::store {

class Rocks;  // the RocksDB handles, kept out of this header (store/rocks.hpp)

struct OpenOptions {
  bool read_only = false;  // no appends; takes no lock, sees the log as it was when opened
  bool create_if_missing = true;  // ignored when read_only (a missing store is NotFound)
  // Durable by default: an append returns only after the write-ahead log is synced to disk.
  // With sync = false an append returns once RocksDB has the write; a crash of the machine (not
  // of the process) can lose the latest appends. Meant for bulk import, which ends with sync().
  bool sync = true;
  const Clock* clock = nullptr;  // stamps recorded_at; not owned, must outlive the store; null = SystemClock
};

// Whether a read recomputes the hash of each event it decodes (docs/STORE.md, "Reads check
// hashes"). Every read checks by default; only a caller that checks each hash itself asks not to.
enum class ReadCheck {
  kHashes,  // an event whose stored bytes no longer hash to its recorded hash is refused (Status::altered)
  kNone,    // decode only: verify's walk, which checks every hash and link itself and says so in its own words
};

// How a read-write open made sure that nothing names a position past the last event.
enum class CutCheck {
  kNone,           // a read-only open, which does not look
  kHighWaterMark,  // the high-water mark in `meta` is the last event: nothing was cut since the last append
  kFullScan,       // the mark was absent (an older store) or elsewhere: the index and snapshots were read
};

// What one successful append wrote.
struct AppendResult {
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  std::uint64_t stream_version = 0;  // the stream's version after the append
  Hash last_hash{};
};

struct StreamInfo {
  std::string name;
  std::uint64_t version = 0;
  bool operator==(const StreamInfo&) const = default;
};

// Reading backward from the newest event of a stream.
inline constexpr std::uint64_t kLatestVersion = UINT64_MAX;

// One stream's part of a multi-stream append.
struct StreamAppend {
  std::string stream;
  ExpectedVersion expected = ExpectedVersion::any();
  std::vector<NewEvent> events;
};

class EventStore {
 public:
  // Opens (or creates) the store in `dir`. Busy "store DIR is in use by another process" when
  // another writer holds it; NotFound for a missing store opened read-only; Corruption when the
  // newest event cannot be read, or when the store is cut at its end (something names a position
  // past the last event, see dangling_references) — read-write only, writing nothing: read-only
  // opens succeed so verify can report it. A read-write open reads the whole index for that only
  // when the high-water mark does not name the last event (cut_check()).
  static Result<std::unique_ptr<EventStore>> open(const std::filesystem::path& dir, const OpenOptions& options = {});
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Appends `events` (at least one) to `stream` if its version satisfies `expected`, all in one
  // atomic write. Conflict naming the actual version if not; InvalidArgument for a bad stream name
  // or event; Refused on a read-only store; IOError if RocksDB fails. Nothing is written on failure.
  Result<AppendResult> append(std::string_view stream, ExpectedVersion expected, const std::vector<NewEvent>& events);

  // Appends to several distinct streams in one atomic write: every stream's expectation must hold
  // or nothing is written (Conflict naming the first stream that failed). The events get
  // consecutive positions, stream by stream in the given order. One result per stream, in order.
  // InvalidArgument for no streams, a stream named twice, or a stream with no events. When
  // `recorded` is given, it receives the events as written (positions, versions, times, payloads
  // as canonical text), in order, so the caller need not read them back.
  Result<std::vector<AppendResult>> append_multi(const std::vector<StreamAppend>& appends,
                                                 std::vector<Event>* recorded = nullptr);

  // Appends events recorded elsewhere (an import), keeping their positions, times and hashes.
  // They must continue this store's chain exactly (ChainWalker rules); Corruption naming the
  // first position that does not, and then nothing of this call is written.
  Status append_recorded(std::span<const Event> events);

  // Syncs the write-ahead log: after a run of appends with OpenOptions::sync = false.
  Status sync();

  // Reads check each event's hash unless told otherwise (ReadCheck): an event whose bytes no
  // longer hash to its recorded hash, or (within one read) that does not link to the event
  // before it, is Status::altered naming its position ("event at position 12 does not match its
  // hash: the store was altered; run verify"), and the read returns no event at all.

  // The event at `position`; NotFound if there is none, Corruption if its value is damaged.
  Result<Event> read_event(std::uint64_t position, ReadCheck check = ReadCheck::kHashes) const;
  // Up to `limit` events from `from_position` on, in order (position 0 reads from the start).
  Result<std::vector<Event>> read_all(std::uint64_t from_position, std::size_t limit,
                                      ReadCheck check = ReadCheck::kHashes) const;
  // Calls `visit` with each event from `from_position` on, in order, for up to `limit` events or
  // until it returns false; returns how many it was called with. The Event it is given is reused
  // from one call to the next (copy what you keep), which makes this the cheap way through a long
  // log (a replay). Errors are those of read_all.
  Result<std::size_t> scan_events(std::uint64_t from_position, std::size_t limit,
                                  const std::function<bool(const Event&)>& visit,
                                  ReadCheck check = ReadCheck::kHashes) const;
  // Up to `limit` events of `stream` with version >= `from_version`, oldest first.
  Result<std::vector<Event>> read_stream_forward(std::string_view stream, std::uint64_t from_version, std::size_t limit) const;
  // Up to `limit` events of `stream` with version <= `from_version` (or kLatestVersion), newest first.
  Result<std::vector<Event>> read_stream_backward(std::string_view stream, std::uint64_t from_version, std::size_t limit) const;
  // The stream's version: the version of its last event, 0 if it has none. Answered from memory
  // for the streams this store object has written or read the version of before.
  Result<std::uint64_t> stream_version(std::string_view stream) const;
  // The position of (stream, version) in the global order; NotFound if there is no such event.
  Result<std::uint64_t> position_of(std::string_view stream, std::uint64_t version) const;
  // Streams whose name starts with `prefix` (all of them for ""), in name order, at most `limit`.
  Result<std::vector<StreamInfo>> list_streams(std::string_view prefix, std::size_t limit = SIZE_MAX) const;

  // The last position and its hash, as of the latest acknowledged append.
  ChainHead head() const;
  // What the stream index, the views checkpoint and the snapshots name past `last_position`
  // (store/dangling.hpp); empty in a store whose log was not cut at its end. Reads them all.
  Result<DanglingReferences> dangling_references(std::uint64_t last_position) const;
  // Waits until an event at `position` or later has been acknowledged, or `timeout` passes;
  // returns whether it has. The waiting primitive behind Subscription.
  bool wait_for_position(std::uint64_t position, std::chrono::milliseconds timeout) const;

  // Stores `snapshot` (replacing the stream's previous one). InvalidArgument if its version is 0
  // or beyond the stream's version. Written without sync: a lost snapshot is rebuilt by folding.
  Status save_snapshot(const Snapshot& snapshot);
  // The stream's snapshot if there is a usable one: nullopt when there is none, when it was made
  // with another `state_format`, when it claims a version the stream does not have, or when it is
  // damaged. Snapshots are a cache, so an unusable one is simply ignored.
  Result<std::optional<Snapshot>> load_snapshot(std::string_view stream, std::uint32_t state_format) const;

  // Views (store/views.hpp): the read-model area and its checkpoint. Views are never synced on
  // their own: a crash may lose the latest view writes, never the events, and the views then
  // still reflect exactly the log up to their (older) checkpoint.

  // The log position the views reflect; 0 when they are empty (never written, or dropped).
  Result<std::uint64_t> views_checkpoint() const;
  // Applies `batch` and moves the checkpoint from `expected` to `checkpoint`, in one atomic write.
  // Conflict when the checkpoint is no longer `expected` (another catch-up wrote first; nothing is
  // written); InvalidArgument when `checkpoint` is below `expected` or beyond the last event;
  // Refused on a read-only store.
  Status write_views(const ViewBatch& batch, std::uint64_t expected, std::uint64_t checkpoint);
  // The value of a view key; nullopt if there is none.
  Result<std::optional<std::string>> get_view(std::string_view key) const;
  // Calls `visit(key, value)` for each view key starting with `prefix` ("" for all), in byte
  // order, until it returns false. Sees one consistent state of the views, whatever is written
  // meanwhile.
  Status scan_views(std::string_view prefix, const std::function<bool(std::string_view, std::string_view)>& visit) const;
  // Removes every view and sets the checkpoint to 0, in one atomic write (for a replay).
  Status drop_views();
  // Serialises the writers of the views in this process. A catch-up holds it from reading the
  // checkpoint to writing the views, so that catch-ups running at once (one per engine, say)
  // wait for each other and find the work done, instead of all doing it and all but one being
  // refused. Holding it is a courtesy: write_views is safe without it.
  std::unique_lock<std::mutex> lock_views_writer() { return std::unique_lock(views_writer_mu_); }

  const std::filesystem::path& dir() const { return dir_; }
  bool read_only() const { return options_.read_only; }
  // How open() looked for a cut at the log's end: the cheap way or the whole index.
  CutCheck cut_check() const { return cut_check_; }

 private:
  struct Writer;  // one append waiting in the queue (store/group_commit.cpp)
  struct Group;   // the writers a leader commits together

  EventStore(std::filesystem::path dir, const OpenOptions& options, std::unique_ptr<Rocks> rocks, ChainHead head);

  // Ok on a store opened for writing; Refused, naming the store, on a read-only one. Every write
  // (appends, snapshots, views) asks first.
  Status writable() const;
  // Refuses a read-write open of a store cut at its end; sets cut_check_. Corruption naming the
  // store and what names a removed position; Ok otherwise (the high-water mark then names the end).
  Status check_not_cut();

  Result<AppendResult> enqueue(Writer& writer);
  void commit_group(std::vector<Writer*>& group, Group& staged);
  Result<std::uint64_t> indexed_stream_version(std::string_view stream) const;
  void remember_versions(const std::unordered_map<std::string, std::uint64_t>& versions);
  Result<std::vector<Event>> read_positions(std::string_view stream, const std::vector<std::uint64_t>& versions,
                                            const std::vector<std::uint64_t>& positions) const;

  const std::filesystem::path dir_;
  const OpenOptions options_;
  const Clock& clock_;
  std::unique_ptr<Rocks> rocks_;
  CutCheck cut_check_ = CutCheck::kNone;

  mutable std::mutex mu_;  // guards the members below
  mutable std::condition_variable appended_;  // signalled after every acknowledged group
  std::deque<Writer*> writers_;  // the front one is the leader
  ChainHead head_;

  // Stream versions known in memory, a cache in front of the stream index: set by the leader
  // after each commit, filled by reads of the index. A read only adds a stream that is missing,
  // and not across a clear (`versions_generation_`), so it never puts back a version older than
  // one a commit set meanwhile.
  struct NameHash {  // finds a name given as a string_view without copying it
    using is_transparent = void;
    std::size_t operator()(std::string_view name) const { return std::hash<std::string_view>()(name); }
  };
  mutable std::shared_mutex versions_mu_;
  mutable std::unordered_map<std::string, std::uint64_t, NameHash, std::equal_to<>> stream_versions_;
  mutable std::uint64_t versions_generation_ = 0;

  // Makes checking and moving the views checkpoint one step (store/views.cpp), and guards its copy.
  mutable std::mutex views_mu_;
  mutable std::optional<std::uint64_t> views_checkpoint_;  // read from `meta` on first use
  std::mutex views_writer_mu_;  // see lock_views_writer()
};

}  // namespace mentorflow::store
