// EventStore snapshots: one value per stream in the `snapshots` column family, keyed by the
// stream name. Value: format byte 1, state_format (fixed32 LE), version (fixed64 LE), state.
#include <fmt/core.h>

#include "store/rocks_event_store.hpp"
#include "store/rocks.hpp"
#include "store/snapshot_codec.hpp"
#include "store/write_checks.hpp"

namespace mentorflow::store {

namespace {

constexpr std::uint8_t kSnapshotFormat = 1;
constexpr std::size_t kHeaderSize = 1 + 4 + 8;

std::uint64_t get_le(std::string_view bytes, std::size_t at, int width) {
  std::uint64_t v = 0;
  for (int i = width - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

void put_le(std::string& out, std::uint64_t v, int width) {
  for (int i = 0; i < width; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

}  // namespace

std::optional<SnapshotHeader> parse_snapshot_header(std::string_view value) {
  if (value.size() < kHeaderSize || static_cast<std::uint8_t>(value[0]) != kSnapshotFormat) return std::nullopt;
  return SnapshotHeader{static_cast<std::uint32_t>(get_le(value, 1, 4)), get_le(value, 5, 8)};
}

Status RocksEventStore::save_snapshot(const Snapshot& snapshot) {
  if (Status s = writable(); !s.is_ok()) return s;
  auto current = stream_version(snapshot.stream);
  if (!current.is_ok()) return current.status();
  if (Status s = check_snapshot_version(snapshot, *current); !s.is_ok()) return s;
  std::string value;
  value.reserve(kHeaderSize + snapshot.state.size());
  value.push_back(static_cast<char>(kSnapshotFormat));
  put_le(value, snapshot.state_format, 4);
  put_le(value, snapshot.version, 8);
  value += snapshot.state;
  return from_rocks(rocks_->db().Put(rocksdb::WriteOptions(), rocks_->snapshots(), snapshot.stream, value),
                    fmt::format("saving the snapshot of stream '{}'", snapshot.stream));
}

Result<std::optional<Snapshot>> RocksEventStore::load_snapshot(std::string_view stream, std::uint32_t state_format) const {
  std::string value;
  const rocksdb::Status s = rocks_->db().Get(rocksdb::ReadOptions(), rocks_->snapshots(), rocksdb::Slice(stream.data(), stream.size()), &value);
  if (s.IsNotFound()) return std::optional<Snapshot>();
  if (!s.ok()) return from_rocks(s, fmt::format("loading the snapshot of stream '{}'", stream));
  const auto header = parse_snapshot_header(value);
  if (!header) return std::optional<Snapshot>();

  Snapshot snapshot{std::string(stream), header->version, header->state_format, value.substr(kHeaderSize)};
  if (snapshot.state_format != state_format) return std::optional<Snapshot>();
  // A snapshot ahead of its stream describes events this log does not hold (a log cut at its end,
  // which a writer refuses to open but a reader may see); folding on from it would invent history.
  auto current = stream_version(stream);
  if (!current.is_ok()) return current.status();
  if (snapshot.version > *current) return std::optional<Snapshot>();
  return std::optional<Snapshot>(std::move(snapshot));
}

}  // namespace mentorflow::store
