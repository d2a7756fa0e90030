// EventStore views: the read-model area in the `views` column family and its checkpoint, kept
// in `meta` under "views-checkpoint" (20 digits) and written in the same WriteBatch as the views
// it describes (docs/STORE.md, "Views").
#include <fmt/core.h>
#include <rocksdb/write_batch.h>

#include <algorithm>

#include "store/rocks_event_store.hpp"
#include "store/keys.hpp"
#include "store/rocks.hpp"
#include "store/write_checks.hpp"

namespace mentorflow::store {

namespace {

constexpr std::string_view kCheckpointKey = "views-checkpoint";

rocksdb::Slice slice(std::string_view s) { return {s.data(), s.size()}; }

// Views are a cache of the log: their writes are not synced (see RocksEventStore::write_views).
rocksdb::WriteOptions view_write_options() { return rocksdb::WriteOptions(); }

Result<std::uint64_t> read_checkpoint(Rocks& rocks) {
  std::string value;
  const rocksdb::Status s = rocks.db().Get(rocksdb::ReadOptions(), rocks.meta(), slice(kCheckpointKey), &value);
  if (s.IsNotFound()) return std::uint64_t{0};
  if (!s.ok()) return from_rocks(s, "reading the views checkpoint");
  auto position = parse_number_key(value);
  if (!position) return Status::corruption(fmt::format("the views checkpoint '{}' is not a position", value));
  return *position;
}

}  // namespace

Result<std::uint64_t> RocksEventStore::views_checkpoint() const {
  std::lock_guard lock(views_mu_);
  if (!views_checkpoint_) {
    auto stored = read_checkpoint(*rocks_);
    if (!stored.is_ok()) return stored;
    views_checkpoint_ = *stored;
  }
  return *views_checkpoint_;
}

Status RocksEventStore::write_views(const ViewBatch& batch, std::uint64_t expected, std::uint64_t checkpoint) {
  if (Status s = writable(); !s.is_ok()) return s;
  if (Status s = check_views_move(expected, checkpoint, head().position); !s.is_ok()) return s;

  // In key order (ops on one key keep theirs): the memtable then inserts each key next to the
  // one before instead of searching from the top, which more than halves the cost of a big batch.
  std::vector<const ViewBatch::Op*> ops;
  ops.reserve(batch.size());
  for (const ViewBatch::Op& op : batch.ops()) ops.push_back(&op);
  std::stable_sort(ops.begin(), ops.end(), [](const ViewBatch::Op* a, const ViewBatch::Op* b) { return a->key < b->key; });
  rocksdb::WriteBatch write;
  for (const ViewBatch::Op* op : ops) {
    if (op->value) write.Put(rocks_->views(), op->key, *op->value);
    else write.Delete(rocks_->views(), op->key);
  }
  write.Put(rocks_->meta(), slice(kCheckpointKey), number_key(checkpoint));

  auto current = views_checkpoint();  // cached after the first call, so no read under the lock below
  if (!current.is_ok()) return current.status();
  std::lock_guard lock(views_mu_);
  if (*views_checkpoint_ != expected)
    return Status::conflict(
        fmt::format("the views are at position {}, but the write expected position {}", *views_checkpoint_, expected));
  Status written = from_rocks(rocks_->db().Write(view_write_options(), &write), fmt::format("writing views up to position {}", checkpoint));
  if (written.is_ok()) views_checkpoint_ = checkpoint;
  return written;
}

Result<std::optional<std::string>> RocksEventStore::get_view(std::string_view key) const {
  if (!rocks_->views()) return std::optional<std::string>();
  std::string value;
  const rocksdb::Status s = rocks_->db().Get(rocksdb::ReadOptions(), rocks_->views(), slice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return from_rocks(s, fmt::format("reading view '{}'", key));
  return std::optional<std::string>(std::move(value));
}

Status RocksEventStore::scan_views(std::string_view prefix, const std::function<bool(std::string_view, std::string_view)>& visit) const {
  if (!rocks_->views()) return Status::ok();
  // An iterator reads from an implicit snapshot: one consistent state of the views.
  const PrefixRead bounds(prefix);
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(bounds.options(), rocks_->views()));
  for (it->Seek(slice(prefix)); it->Valid() && it->key().starts_with(slice(prefix)); it->Next())
    if (!visit({it->key().data(), it->key().size()}, {it->value().data(), it->value().size()})) break;
  return from_rocks(it->status(), fmt::format("scanning views '{}*'", prefix));
}

Status RocksEventStore::drop_views() {
  if (Status s = writable(); !s.is_ok()) return s;
  std::lock_guard lock(views_mu_);
  // One range tombstone from the first key to just past the last: keys are arbitrary bytes, so
  // there is no fixed upper bound to delete up to.
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(rocksdb::ReadOptions(), rocks_->views()));
  rocksdb::WriteBatch write;
  it->SeekToFirst();
  if (it->Valid()) {
    const std::string first = it->key().ToString();
    it->SeekToLast();
    if (!it->Valid()) return from_rocks(it->status(), "finding the last view");
    std::string past_last = it->key().ToString();
    past_last.push_back('\0');
    write.DeleteRange(rocks_->views(), first, past_last);
  }
  if (!it->status().ok()) return from_rocks(it->status(), "finding the views to drop");
  write.Delete(rocks_->meta(), slice(kCheckpointKey));
  Status dropped = from_rocks(rocks_->db().Write(view_write_options(), &write), "dropping the views");
  if (dropped.is_ok()) views_checkpoint_ = 0;
  return dropped;
}

}  // namespace mentorflow::store
