#pragma once
// EventStore: the append-only event log of mentorflow, the contract every backend keeps. Streams
// (one per case or cohort) with optimistic concurrency, a gapless global order protected by a hash
// chain, catch-up reads, snapshots of folded state, and the read-model views. Two backends: an
// embedded RocksDB folder (store/rocks_event_store.hpp, the default) and PostgreSQL (a
// postgresql:// URL). Layouts: docs/STORE.md. Only store/ knows which backend it is.
//
// Thread safety: every method may be called from any thread at once.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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

class DocumentStore;
class MasterKey;
class Subjects;

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
  // Opens the store at `location`: a `postgresql://` or `postgres://` URL (any libpq connection
  // URL) opens the PostgreSQL store (store/pg/), anything else is a RocksDB folder, opened (or
  // created) as below. Busy "store DIR is in use by another process" when another writer holds
  // it; NotFound for a missing store opened read-only; Corruption when the
  // newest event cannot be read, or when the store is cut at its end (something names a position
  // past the last event, see dangling_references) — read-write only, writing nothing: read-only
  // opens succeed so verify can report it. A read-write open reads the whole index for that only
  // when the high-water mark does not name the last event (cut_check()).
  static Result<std::unique_ptr<EventStore>> open(const std::filesystem::path& location, const OpenOptions& options = {});
  virtual ~EventStore() = default;
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Appends `events` (at least one) to `stream` if its version satisfies `expected`, all in one
  // atomic write. Conflict naming the actual version if not; InvalidArgument for a bad stream name
  // or event; Refused on a read-only store; IOError if the backend fails. Nothing is written on failure.
  virtual Result<AppendResult> append(std::string_view stream, ExpectedVersion expected, const std::vector<NewEvent>& events) = 0;

  // Appends to several distinct streams in one atomic write: every stream's expectation must hold
  // or nothing is written (Conflict naming the first stream that failed). The events get
  // consecutive positions, stream by stream in the given order. One result per stream, in order.
  // A stream given no events is only checked: its expectation must hold as the others' (a writer
  // names the streams it read, so that a change to one of them refuses its write), nothing is
  // written to it, and its result has positions 0 and its current version. InvalidArgument for
  // no streams, a stream named twice, or no events at all. When
  // `recorded` is given, it receives the events as written (positions, versions, times, payloads
  // as canonical text), in order, so the caller need not read them back.
  virtual Result<std::vector<AppendResult>> append_multi(const std::vector<StreamAppend>& appends,
                                                         std::vector<Event>* recorded = nullptr) = 0;

  // Appends events recorded elsewhere (an import), keeping their positions, times and hashes.
  // They must continue this store's chain exactly (ChainWalker rules); Corruption naming the
  // first position that does not, and then nothing of this call is written.
  virtual Status append_recorded(std::span<const Event> events) = 0;

  // Syncs the write-ahead log: after a run of appends with OpenOptions::sync = false.
  virtual Status sync() = 0;

  // Reads check each event's hash unless told otherwise (ReadCheck): an event whose bytes no
  // longer hash to its recorded hash, or (within one read) that does not link to the event
  // before it, is Status::altered naming its position ("event at position 12 does not match its
  // hash: the store was altered; run verify"), and the read returns no event at all.

  // The event at `position`; NotFound if there is none, Corruption if its value is damaged.
  virtual Result<Event> read_event(std::uint64_t position, ReadCheck check = ReadCheck::kHashes) const = 0;
  // Up to `limit` events from `from_position` on, in order (position 0 reads from the start).
  // The same on every backend: scan_events, copying each event.
  Result<std::vector<Event>> read_all(std::uint64_t from_position, std::size_t limit,
                                      ReadCheck check = ReadCheck::kHashes) const;
  // Calls `visit` with each event from `from_position` on, in order, for up to `limit` events or
  // until it returns false; returns how many it was called with. The Event it is given is reused
  // from one call to the next (copy what you keep), which makes this the cheap way through a long
  // log (a replay). Errors are those of read_all.
  virtual Result<std::size_t> scan_events(std::uint64_t from_position, std::size_t limit,
                                          const std::function<bool(const Event&)>& visit,
                                          ReadCheck check = ReadCheck::kHashes) const = 0;
  // Up to `limit` events of `stream` with version >= `from_version`, oldest first.
  virtual Result<std::vector<Event>> read_stream_forward(std::string_view stream, std::uint64_t from_version, std::size_t limit) const = 0;
  // Up to `limit` events of `stream` with version <= `from_version` (or kLatestVersion), newest first.
  virtual Result<std::vector<Event>> read_stream_backward(std::string_view stream, std::uint64_t from_version, std::size_t limit) const = 0;
  // The stream's version: the version of its last event, 0 if it has none. Answered from memory
  // for the streams this store object has written or read the version of before.
  virtual Result<std::uint64_t> stream_version(std::string_view stream) const = 0;
  // How current stream_versions must be. kLatest: as the log is now. kKnownHere: a store that
  // other processes write too (PostgreSQL) may answer, without asking the database, with the
  // versions this process's own appends left or checked, which another process may have moved
  // since. For a writer that names in its append the streams it read (append_multi checks
  // them): a stale answer then costs a refused append, decided again, never a wrong write.
  // kCreating: as kKnownHere, and a stream this process knows nothing of is taken to be absent
  // (0), without asking, while no other process is known to have appended since this one last
  // did: for a case the caller is about to create, whose append then expects it absent.
  enum class Freshness { kLatest, kKnownHere, kCreating };
  // The versions of `streams`, in their order, as stream_version gives them; a database store
  // reads them in one statement, which is what a command that loads several cases wants.
  virtual Result<std::vector<std::uint64_t>> stream_versions(const std::vector<std::string>& streams,
                                                            Freshness = Freshness::kLatest) const {
    std::vector<std::uint64_t> versions;
    for (const std::string& stream : streams) {
      auto version = stream_version(stream);
      if (!version.is_ok()) return version.status();
      versions.push_back(*version);
    }
    return versions;
  }
  // The position of (stream, version) in the global order; NotFound if there is no such event.
  virtual Result<std::uint64_t> position_of(std::string_view stream, std::uint64_t version) const = 0;
  // Streams whose name starts with `prefix` (all of them for ""), in name order, at most `limit`.
  virtual Result<std::vector<StreamInfo>> list_streams(std::string_view prefix, std::size_t limit = SIZE_MAX) const = 0;

  // The last position and its hash, as of the latest acknowledged append.
  virtual ChainHead head() const = 0;
  // What the stream index, the views checkpoint and the snapshots name past `last_position`
  // (store/dangling.hpp); empty in a store whose log was not cut at its end. Reads them all.
  virtual Result<DanglingReferences> dangling_references(std::uint64_t last_position) const = 0;
  // Waits until an event at `position` or later has been acknowledged, or `timeout` passes;
  // returns whether it has. The waiting primitive behind Subscription.
  virtual bool wait_for_position(std::uint64_t position, std::chrono::milliseconds timeout) const = 0;

  // Stores `snapshot` (replacing the stream's previous one). InvalidArgument if its version is 0
  // or beyond the stream's version. Written without sync: a lost snapshot is rebuilt by folding.
  virtual Status save_snapshot(const Snapshot& snapshot) = 0;
  // The stream's snapshot if there is a usable one: nullopt when there is none, when it was made
  // with another `state_format`, when it claims a version the stream does not have, or when it is
  // damaged. Snapshots are a cache, so an unusable one is simply ignored.
  virtual Result<std::optional<Snapshot>> load_snapshot(std::string_view stream, std::uint32_t state_format) const = 0;

  // Views (store/views.hpp): the read-model area and its checkpoint. Views are never synced on
  // their own: a crash may lose the latest view writes, never the events, and the views then
  // still reflect exactly the log up to their (older) checkpoint.

  // The log position the views reflect; 0 when they are empty (never written, or dropped).
  virtual Result<std::uint64_t> views_checkpoint() const = 0;
  // Applies `batch` and moves the checkpoint from `expected` to `checkpoint`, in one atomic write.
  // Conflict when the checkpoint is no longer `expected` (another catch-up wrote first; nothing is
  // written); InvalidArgument when `checkpoint` is below `expected` or beyond the last event;
  // Refused on a read-only store.
  virtual Status write_views(const ViewBatch& batch, std::uint64_t expected, std::uint64_t checkpoint) = 0;
  // The value of a view key; nullopt if there is none.
  virtual Result<std::optional<std::string>> get_view(std::string_view key) const = 0;
  // Calls `visit(key, value)` for each view key starting with `prefix` ("" for all), in byte
  // order, until it returns false. Sees one consistent state of the views, whatever is written
  // meanwhile.
  virtual Status scan_views(std::string_view prefix, const std::function<bool(std::string_view, std::string_view)>& visit) const = 0;
  // Removes every view and sets the checkpoint to 0, in one atomic write (for a replay).
  virtual Status drop_views() = 0;
  // Serialises the writers of the views in this process. A catch-up holds it from reading the
  // checkpoint to writing the views, so that catch-ups running at once (one per engine, say)
  // wait for each other and find the work done, instead of all doing it and all but one being
  // refused. Holding it is a courtesy: write_views is safe without it.
  std::unique_lock<std::mutex> lock_views_writer() { return std::unique_lock(views_writer_mu_); }

  // Removes every snapshot, in one write: they are a cache of folded state (a case is folded from
  // its events without one), and they hold a case's values as folded, so an erasure drops them
  // (docs/PRIVACY.md, "Erasing a person"). Refused on a read-only store.
  virtual Status drop_snapshots() = 0;
  // Rewrites the store's files so that what was deleted or overwritten (snapshots, views,
  // documents) no longer lies in them: RocksDB flushes every column family, keeping no
  // write-ahead log that held it, and compacts those beside the log; PostgreSQL rewrites its
  // tables beside the log (VACUUM FULL).
  // The log itself is not rewritten. Slow on a large store; Refused on a read-only one.
  virtual Status compact() = 0;

  // The documents kept beside this log (store/document_store.hpp), read-only when the store is.
  virtual std::unique_ptr<DocumentStore> documents() const = 0;
  // The subjects of this store's personal data (store/subjects.hpp), sealed by `master`: the file
  // `subjects` in a RocksDB store's folder, two tables of a PostgreSQL store. Writable unless the
  // store is read-only. InvalidArgument when they were made with another master key.
  virtual Result<std::unique_ptr<Subjects>> open_subjects(const MasterKey& master) const = 0;
  // Whether subjects were ever opened for writing in this store: then it keeps personal data
  // under a master key, and its ids are pseudonyms.
  virtual Result<bool> has_subjects() const = 0;
  virtual bool read_only() const = 0;
  // How open() looked for a cut at the log's end: the cheap way or the whole index.
  virtual CutCheck cut_check() const = 0;

 protected:
  EventStore() = default;

 private:
  std::mutex views_writer_mu_;  // see lock_views_writer()
};

}  // namespace mentorflow::store
