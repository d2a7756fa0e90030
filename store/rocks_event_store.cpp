// RocksEventStore: opening, reading and waiting. Appends (group commit) are in group_commit.cpp,
// snapshots in snapshot.cpp, views in views.cpp.
#include "store/rocks_event_store.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cassert>

#include "store/document_store.hpp"
#include "store/event_codec.hpp"
#include "store/file_subjects.hpp"
#include "store/keys.hpp"
#include "store/rocks.hpp"
#include "store/snapshot_codec.hpp"

namespace mentorflow::store {

namespace {

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

bool starts_with(const rocksdb::Slice& key, std::string_view prefix) {
  return key.size() >= prefix.size() && std::string_view(key.data(), prefix.size()) == prefix;
}

std::string_view view(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

Status bad_key(std::string_view family, const rocksdb::Slice& key) {
  return Status::corruption(fmt::format("key '{}' in column family {} is not in the store's key format", view(key), family));
}

// The newest event of a freshly opened store, which the chain continues from.
Result<ChainHead> read_head(Rocks& rocks) {
  std::unique_ptr<rocksdb::Iterator> it(rocks.db().NewIterator(rocksdb::ReadOptions(), rocks.events()));
  it->SeekToLast();
  if (!it->Valid()) {
    if (!it->status().ok()) return from_rocks(it->status(), "reading the last event");
    return ChainHead{};
  }
  auto position = parse_number_key(view(it->key()));
  if (!position) return bad_key("events", it->key());
  Event last;
  if (Status s = decode_event_value(*position, view(it->value()), last); !s.is_ok()) return s;
  return ChainHead{last.position, last.hash};
}

// The high-water mark in `meta`; nullopt when there is none (a store older than the mark) or it
// is not a position (then the full check decides, as for an older store).
Result<std::optional<std::uint64_t>> read_high_water(Rocks& rocks) {
  std::string value;
  const rocksdb::Status s = rocks.db().Get(rocksdb::ReadOptions(), rocks.meta(), rocksdb::Slice(kHighWaterKey.data(), kHighWaterKey.size()), &value);
  if (s.IsNotFound()) return std::optional<std::uint64_t>();
  if (!s.ok()) return from_rocks(s, "reading the high-water mark");
  return parse_number_key(value);
}

// Whether some snapshot claims a version its stream does not reach (`version_of` gives the
// stream's version). Damaged snapshots are passed over, as load_snapshot ignores them.
Result<bool> snapshot_ahead(Rocks& rocks, const std::function<Result<std::uint64_t>(std::string_view)>& version_of) {
  rocksdb::ReadOptions options;
  options.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(rocks.db().NewIterator(options, rocks.snapshots()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const auto header = parse_snapshot_header(view(it->value()));
    if (!header) continue;
    auto version = version_of(view(it->key()));
    if (!version.is_ok()) return version.status();
    if (header->version > *version) return true;
  }
  if (!it->status().ok()) return from_rocks(it->status(), "reading the snapshots");
  return false;
}

// Decodes the event at `position` and, unless told not to, checks that it still hashes to its
// recorded hash.
Status decode(std::uint64_t position, std::string_view value, Event& event, ReadCheck check) {
  if (Status s = decode_event_value(position, value, event); !s.is_ok()) return s;
  return check == ReadCheck::kHashes ? check_recorded_hash(event) : Status::ok();
}

}  // namespace

Result<std::unique_ptr<EventStore>> RocksEventStore::open(const std::filesystem::path& dir, const OpenOptions& options) {
  auto rocks = Rocks::open(dir, options.read_only, options.create_if_missing);
  if (!rocks.is_ok()) return rocks.status();
  auto head = read_head(**rocks);
  if (!head.is_ok()) {
    // A writer must know the chain's end to continue it; a reader (verify, export) can still
    // walk up to the damage and report it, so it opens with the head unknown.
    if (!options.read_only) return head.status();
    head = ChainHead{};
  }
  std::unique_ptr<RocksEventStore> store(new RocksEventStore(dir, options, std::move(*rocks), *head));
  if (!options.read_only)
    if (Status s = store->check_not_cut(); !s.is_ok()) return s;
  return std::unique_ptr<EventStore>(std::move(store));
}

Status RocksEventStore::check_not_cut() {
  // Going on from a log cut at its end would give a removed position a second meaning. Every
  // append sets the high-water mark to its last position in the same write, so a mark that is the
  // last event, with a views checkpoint not past it, says nothing was removed since: two lookups
  // instead of a scan of the whole index (~1 s a million appends). Snapshots are written apart
  // from appends, so each is still held against its stream's version (one index lookup each):
  // one written from outside past its stream would be used once a writer took the stream there.
  // Anything else (no mark: an older store; a mark past the end: a cut; before it: events written
  // by an older version) takes the full check, which decides: the mark is a hint, never evidence.
  const std::uint64_t last = head().position;
  auto mark = read_high_water(*rocks_);
  if (!mark.is_ok()) return mark.status();
  auto checkpoint = views_checkpoint();  // one lookup, kept for the views anyway
  if (!checkpoint.is_ok()) return checkpoint.status();
  if (*mark == last && *checkpoint <= last) {
    auto ahead = snapshot_ahead(*rocks_, [&](std::string_view stream) { return stream_version(stream); });
    if (!ahead.is_ok()) return ahead.status();
    if (!*ahead) {
      cut_check_ = CutCheck::kHighWaterMark;
      return Status::ok();
    }
  }
  cut_check_ = CutCheck::kFullScan;
  auto dangling = dangling_references(last);
  if (!dangling.is_ok()) return dangling.status();
  if (!dangling->empty())
    return Status::corruption(fmt::format(
        "store {} is cut at its end: {}; nothing was written (see docs/STORE.md, \"A log cut at its end\")",
        dir_.string(), dangling->describe()));
  // Not synced: if it is lost, the next open checks in full again.
  return from_rocks(rocks_->db().Put(rocksdb::WriteOptions(), rocks_->meta(),
                                     rocksdb::Slice(kHighWaterKey.data(), kHighWaterKey.size()), number_key(last)),
                    "writing the high-water mark");
}

RocksEventStore::RocksEventStore(std::filesystem::path dir, const OpenOptions& options, std::unique_ptr<Rocks> rocks, ChainHead head)
    : dir_(std::move(dir)),
      options_(options),
      clock_(options.clock ? *options.clock : system_clock()),
      rocks_(std::move(rocks)),
      head_(head) {}

RocksEventStore::~RocksEventStore() { assert(writers_.empty() && "an append was still running when its store closed"); }

std::unique_ptr<DocumentStore> RocksEventStore::documents() const {
  return open_document_files(dir_ / "documents", read_only());
}

Result<std::unique_ptr<Subjects>> RocksEventStore::open_subjects(const MasterKey& master) const {
  auto subjects = FileSubjects::open(dir_ / "subjects", master, !read_only());
  if (!subjects.is_ok()) return subjects.status();
  return std::unique_ptr<Subjects>(std::move(*subjects));
}

Result<bool> RocksEventStore::has_subjects() const {
  std::error_code error;
  const bool exists = std::filesystem::exists(dir_ / "subjects", error);
  if (error) return Status::io_error(fmt::format("cannot look for {}: {}", (dir_ / "subjects").string(), error.message()));
  return exists;
}

Status RocksEventStore::writable() const {
  if (read_only()) return Status::refused(fmt::format("store {} was opened read-only", dir_.string()));
  return Status::ok();
}

Result<Event> RocksEventStore::read_event(std::uint64_t position, ReadCheck check) const {
  std::string value;
  const rocksdb::Status s = rocks_->db().Get(rocksdb::ReadOptions(), rocks_->events(), number_key(position), &value);
  if (s.IsNotFound()) return Status::not_found(fmt::format("there is no event at position {}", position));
  if (!s.ok()) return from_rocks(s, fmt::format("reading position {}", position));
  Event event;
  if (Status d = decode(position, value, event, check); !d.is_ok()) return d;
  return event;
}

Result<std::size_t> RocksEventStore::scan_events(std::uint64_t from_position, std::size_t limit,
                                            const std::function<bool(const Event&)>& visit, ReadCheck check) const {
  Event event;  // decoded into again and again: its strings keep their buffers
  std::optional<ChainHead> before;  // the event visited last, which the next one must link to
  std::size_t visited = 0;
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(rocksdb::ReadOptions(), rocks_->events()));
  for (it->Seek(number_key(from_position)); it->Valid() && visited < limit; it->Next()) {
    auto position = parse_number_key(view(it->key()));
    if (!position) return bad_key("events", it->key());
    if (Status s = decode(*position, view(it->value()), event, check); !s.is_ok()) return s;
    if (check == ReadCheck::kHashes && before && before->position + 1 == event.position)
      if (Status s = check_link(*before, event); !s.is_ok()) return s;
    before = ChainHead{event.position, event.hash};
    ++visited;
    if (!visit(event)) break;
  }
  if (!it->status().ok()) return from_rocks(it->status(), fmt::format("reading events from position {}", from_position));
  return visited;
}

namespace {
Result<IndexRun> index_run(const rocksdb::Iterator& it) {
  auto run = parse_index_entry(view(it.key()), view(it.value()));
  if (!run) return bad_key("streams", it.key());
  return *run;
}
}  // namespace

Result<std::vector<Event>> RocksEventStore::read_stream_forward(std::string_view stream, std::uint64_t from_version,
                                                           std::size_t limit) const {
  // The run holding from_version is the first entry whose last version is not below it.
  const std::string prefix = stream_key_prefix(stream);
  const PrefixRead bounds(prefix);
  std::vector<std::uint64_t> versions, positions;
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(bounds.options(), rocks_->streams()));
  for (it->Seek(stream_key(stream, from_version)); it->Valid() && starts_with(it->key(), prefix) && positions.size() < limit; it->Next()) {
    auto run = index_run(*it);
    if (!run.is_ok()) return run.status();
    for (std::uint64_t v = std::max(from_version, run->first_version()); v <= run->last_version && positions.size() < limit; ++v) {
      versions.push_back(v);
      positions.push_back(run->position_of(v));
    }
  }
  if (!it->status().ok()) return from_rocks(it->status(), fmt::format("reading stream '{}'", stream));
  return read_positions(stream, versions, positions);
}

Result<std::vector<Event>> RocksEventStore::read_stream_backward(std::string_view stream, std::uint64_t from_version,
                                                            std::size_t limit) const {
  const std::string prefix = stream_key_prefix(stream);
  const PrefixRead bounds(prefix);
  std::vector<std::uint64_t> versions, positions;
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(bounds.options(), rocks_->streams()));
  it->Seek(stream_key(stream, from_version));
  // Past the stream's end (kLatestVersion, say): start from its last run.
  if (!it->Valid() || !starts_with(it->key(), prefix)) it->SeekForPrev(stream_key(stream, from_version));
  for (; it->Valid() && starts_with(it->key(), prefix) && positions.size() < limit; it->Prev()) {
    auto run = index_run(*it);
    if (!run.is_ok()) return run.status();
    for (std::uint64_t v = std::min(from_version, run->last_version); v >= run->first_version() && positions.size() < limit; --v) {
      versions.push_back(v);
      positions.push_back(run->position_of(v));
    }
  }
  if (!it->status().ok()) return from_rocks(it->status(), fmt::format("reading stream '{}'", stream));
  return read_positions(stream, versions, positions);
}

Result<std::vector<Event>> RocksEventStore::read_positions(std::string_view stream, const std::vector<std::uint64_t>& versions,
                                                      const std::vector<std::uint64_t>& positions) const {
  // One MultiGet for all of them; each event must be the one the index promised.
  std::vector<std::string> keys;
  keys.reserve(positions.size());
  for (std::uint64_t p : positions) keys.push_back(number_key(p));
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<std::string> values;
  const std::vector<rocksdb::ColumnFamilyHandle*> families(keys.size(), rocks_->events());
  const std::vector<rocksdb::Status> got = rocks_->db().MultiGet(rocksdb::ReadOptions(), families, slices, &values);

  std::vector<Event> events(positions.size());
  for (std::size_t i = 0; i < positions.size(); ++i) {
    if (got[i].IsNotFound())
      return Status::corruption(fmt::format("stream '{}' lists position {}, which holds no event", stream, positions[i]));
    if (!got[i].ok()) return from_rocks(got[i], fmt::format("reading position {}", positions[i]));
    if (Status s = decode(positions[i], values[i], events[i], ReadCheck::kHashes); !s.is_ok()) return s;
    if (events[i].stream != stream || events[i].version != versions[i])
      return Status::corruption(fmt::format("stream '{}' lists position {} as version {}, but it holds version {} of stream '{}'", stream,
                                            positions[i], versions[i], events[i].version, events[i].stream));
    // Neighbours in the log (a run, read forward or backward) must link too.
    if (i > 0 && positions[i - 1] + 1 == positions[i])
      if (Status s = check_link({events[i - 1].position, events[i - 1].hash}, events[i]); !s.is_ok()) return s;
    if (i > 0 && positions[i] + 1 == positions[i - 1])
      if (Status s = check_link({events[i].position, events[i].hash}, events[i - 1]); !s.is_ok()) return s;
  }
  return events;
}

namespace {
// Beyond this many remembered stream versions the memory starts over (it refills from the index).
constexpr std::size_t kMaxRememberedStreams = 1 << 20;
}  // namespace

Result<std::uint64_t> RocksEventStore::stream_version(std::string_view stream) const {
  std::uint64_t generation = 0;
  {
    std::shared_lock lock(versions_mu_);
    if (auto it = stream_versions_.find(stream); it != stream_versions_.end()) return it->second;
    generation = versions_generation_;
  }
  auto version = indexed_stream_version(stream);
  if (!version.is_ok()) return version;
  std::unique_lock lock(versions_mu_);
  if (generation == versions_generation_ && stream_versions_.size() < kMaxRememberedStreams)
    stream_versions_.emplace(std::string(stream), *version);
  return version;
}

void RocksEventStore::remember_versions(const std::unordered_map<std::string, std::uint64_t>& versions) {
  std::unique_lock lock(versions_mu_);
  if (stream_versions_.size() + versions.size() > kMaxRememberedStreams) {
    stream_versions_.clear();
    ++versions_generation_;
  }
  for (const auto& [stream, version] : versions) stream_versions_[stream] = version;
}

Result<std::uint64_t> RocksEventStore::indexed_stream_version(std::string_view stream) const {
  const PrefixRead bounds(stream_key_prefix(stream));
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(bounds.options(), rocks_->streams()));
  it->SeekForPrev(stream_key(stream, kLatestVersion));
  if (!it->Valid()) {
    if (!it->status().ok()) return from_rocks(it->status(), fmt::format("reading the version of stream '{}'", stream));
    return std::uint64_t{0};
  }
  if (!starts_with(it->key(), stream_key_prefix(stream))) return std::uint64_t{0};
  auto run = index_run(*it);
  if (!run.is_ok()) return run.status();
  return run->last_version;
}

Result<std::uint64_t> RocksEventStore::position_of(std::string_view stream, std::uint64_t version) const {
  const PrefixRead bounds(stream_key_prefix(stream));
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(bounds.options(), rocks_->streams()));
  it->Seek(stream_key(stream, version));
  if (!it->status().ok()) return from_rocks(it->status(), fmt::format("reading the index of stream '{}'", stream));
  if (it->Valid() && starts_with(it->key(), stream_key_prefix(stream))) {
    auto run = index_run(*it);
    if (!run.is_ok()) return run.status();
    if (run->holds(version)) return run->position_of(version);
  }
  return Status::not_found(fmt::format("stream '{}' has no version {}", stream, version));
}

Result<std::vector<StreamInfo>> RocksEventStore::list_streams(std::string_view prefix, std::size_t limit) const {
  std::vector<StreamInfo> streams;
  const PrefixRead bounds(prefix);
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(bounds.options(), rocks_->streams()));
  it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
  while (it->Valid() && starts_with(it->key(), prefix) && streams.size() < limit) {
    auto key = parse_stream_key(view(it->key()));
    if (!key) return bad_key("streams", it->key());
    // Jump to the stream's last entry for its version; the next entry starts the next stream.
    const std::string name(key->first);
    it->SeekForPrev(stream_key(name, kLatestVersion));
    if (!it->Valid()) break;
    auto last = parse_stream_key(view(it->key()));
    if (!last || last->first != name) return bad_key("streams", it->key());
    streams.push_back({name, last->second});
    it->Next();
  }
  if (!it->status().ok()) return from_rocks(it->status(), fmt::format("listing streams '{}*'", prefix));
  return streams;
}

ChainHead RocksEventStore::head() const {
  std::lock_guard lock(mu_);
  return head_;
}

bool RocksEventStore::wait_for_position(std::uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mu_);
  return appended_.wait_for(lock, timeout, [&] { return head_.position >= position; });
}

}  // namespace mentorflow::store
