// RocksEventStore::dangling_references: one scan of the stream index and one of the snapshots,
// looking for what names a position or version past the last event (store/dangling.hpp).
#include "store/dangling.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "store/rocks_event_store.hpp"
#include "store/keys.hpp"
#include "store/rocks.hpp"
#include "store/snapshot_codec.hpp"

namespace mentorflow::store {

namespace {

std::string_view view(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

// Read in one pass from first key to last: read ahead, and leave the block cache to the reads
// that will come back.
rocksdb::ReadOptions scan_options() {
  rocksdb::ReadOptions options;
  options.fill_cache = false;
  options.readahead_size = 1 << 20;
  return options;
}

struct StringHash {  // finds a stream given as a string_view without copying it
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using Versions = std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>>;

// Every snapshot's stream and version; damaged ones are left out (load_snapshot ignores them).
Result<Versions> snapshot_versions(Rocks& rocks) {
  Versions versions;
  std::unique_ptr<rocksdb::Iterator> it(rocks.db().NewIterator(scan_options(), rocks.snapshots()));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    if (const auto header = parse_snapshot_header(view(it->value())))
      versions.emplace(std::string(view(it->key())), header->version);
  if (!it->status().ok()) return from_rocks(it->status(), "reading the snapshots");
  return versions;
}

void add_snapshot(DanglingReferences& found, std::string_view stream, std::uint64_t version, std::uint64_t reached) {
  ++found.snapshot_count;
  if (found.snapshots.size() < DanglingReferences::kNamed) found.snapshots.push_back({std::string(stream), version, reached});
}

}  // namespace

Result<DanglingReferences> RocksEventStore::dangling_references(std::uint64_t last_position) const {
  DanglingReferences found;
  found.last_position = last_position;
  auto checkpoint = views_checkpoint();
  if (!checkpoint.is_ok()) return checkpoint.status();
  if (*checkpoint > last_position) found.views_checkpoint = *checkpoint;
  auto snapshots = snapshot_versions(*rocks_);
  if (!snapshots.is_ok()) return snapshots.status();

  // One pass over the index, stream after stream (a stream's entries are next to each other, in
  // version order): runs past the end are dangling; the runs before it give the version the
  // stream's events reach, which its snapshot may not exceed.
  std::string stream;          // the stream whose entries are being read
  std::uint64_t reached = 0;   // the version its events up to last_position reach
  bool named = false;          // whether it is among found.index_streams already
  const auto end_of_stream = [&] {
    auto snapshot = snapshots->find(stream);
    if (snapshot == snapshots->end()) return;
    if (snapshot->second > reached) add_snapshot(found, stream, snapshot->second, reached);
    snapshots->erase(snapshot);
  };
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(scan_options(), rocks_->streams()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto run = parse_index_entry(view(it->key()), view(it->value()));
    if (!run) continue;  // not in the index format: verify's walk reports the event it fails
    const std::string_view name = view(it->key()).substr(0, it->key().size() - kNumberDigits - 1);
    if (name != stream) {
      if (!stream.empty()) end_of_stream();
      stream = name;
      reached = 0;
      named = false;
    }
    if (run->first_position <= last_position)
      reached = run->last_position <= last_position ? run->last_version
                                                     : run->first_version() + (last_position - run->first_position);
    if (run->last_position <= last_position) continue;
    const std::uint64_t first = std::max(run->first_position, last_position + 1);
    found.index_first = std::min(found.index_first.value_or(first), first);
    found.index_last = std::max(found.index_last.value_or(0), run->last_position);
    if (named) continue;
    named = true;
    ++found.index_stream_count;
    if (found.index_streams.size() < DanglingReferences::kNamed) found.index_streams.push_back(stream);
  }
  if (!it->status().ok()) return from_rocks(it->status(), "reading the stream index");
  if (!stream.empty()) end_of_stream();
  // Snapshots of streams the index does not know at all: none of their events is in the log.
  std::vector<std::pair<std::string, std::uint64_t>> orphans(snapshots->begin(), snapshots->end());
  std::sort(orphans.begin(), orphans.end());
  for (const auto& [name, version] : orphans)
    if (version > 0) add_snapshot(found, name, version, 0);
  return found;
}

namespace {

std::string positions(std::uint64_t first, std::uint64_t last) {
  return first == last ? fmt::format("{}", first) : fmt::format("{}–{}", first, last);
}

std::string more(std::size_t named, std::size_t count) {
  return count > named ? fmt::format(" and {} more", count - named) : "";
}

}  // namespace

std::string DanglingReferences::describe() const {
  std::vector<std::string> parts;
  if (index_first) {
    std::string streams;
    for (const std::string& s : index_streams) streams += (streams.empty() ? "'" : ", '") + s + "'";
    parts.push_back(fmt::format("the stream index refers to {} ({} {}{})", positions(*index_first, *index_last),
                                index_stream_count == 1 ? "stream" : "streams", streams,
                                more(index_streams.size(), index_stream_count)));
  }
  if (views_checkpoint) parts.push_back(fmt::format("the views checkpoint is at {}", *views_checkpoint));
  for (const SnapshotAhead& s : snapshots)
    parts.push_back(fmt::format("the snapshot of '{}' is at version {} ({})", s.stream, s.version,
                                s.stream_version == 0 ? std::string("the log holds none of its events")
                                                      : fmt::format("its events end at version {}", s.stream_version)));
  if (snapshot_count > snapshots.size())
    parts.push_back(fmt::format("{} more snapshots are at versions their streams do not reach", snapshot_count - snapshots.size()));
  std::string text = fmt::format("the last event is at {}, but ", last_position);
  for (std::size_t i = 0; i < parts.size(); ++i)
    text += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return text;
}

}  // namespace mentorflow::store
