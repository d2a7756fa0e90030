#pragma once
// RocksEventStore: the EventStore (store/event_store.hpp) in an embedded RocksDB folder, the
// default backend. On-disk layout: docs/STORE.md.
//
// Thread safety: every method may be called from any thread at once. Concurrent appends are
// grouped by a leader into one synced RocksDB write (group commit), so writers share fsyncs.
// Only one process may open a store for writing; read-only opens may run beside it.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "store/event_store.hpp"

namespace mentorflow::store {

class Rocks;  // the RocksDB handles, kept out of this header (store/rocks.hpp)

class RocksEventStore final : public EventStore {
 public:
  // Opens (or creates) the store in the folder `dir`; see EventStore::open.
  static Result<std::unique_ptr<EventStore>> open(const std::filesystem::path& dir, const OpenOptions& options);
  ~RocksEventStore() override;

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
  const std::filesystem::path& dir() const { return dir_; }


 private:
  struct Writer;  // one append waiting in the queue (store/group_commit.cpp)
  struct Group;   // the writers a leader commits together

  RocksEventStore(std::filesystem::path dir, const OpenOptions& options, std::unique_ptr<Rocks> rocks, ChainHead head);

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
};

}  // namespace mentorflow::store
