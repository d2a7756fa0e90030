// RocksEventStore: dropping the snapshots and compacting, for an erasure (docs/PRIVACY.md,
// "Erasing a person"). A deleted key stays in RocksDB's files (memtable, write-ahead log, SST
// files) until a flush and a compaction write them anew without it; compact() forces both.
#include <fmt/core.h>
#include <rocksdb/write_batch.h>

#include "store/rocks.hpp"
#include "store/rocks_event_store.hpp"

namespace mentorflow::store {

Status RocksEventStore::drop_snapshots() {
  if (Status s = writable(); !s.is_ok()) return s;
  // One range tombstone from the first key to just past the last, as drop_views does.
  std::unique_ptr<rocksdb::Iterator> it(rocks_->db().NewIterator(rocksdb::ReadOptions(), rocks_->snapshots()));
  it->SeekToFirst();
  if (!it->Valid()) return from_rocks(it->status(), "finding the snapshots to drop");
  const std::string first = it->key().ToString();
  it->SeekToLast();
  if (!it->Valid()) return from_rocks(it->status(), "finding the last snapshot");
  std::string past_last = it->key().ToString();
  past_last.push_back('\0');
  rocksdb::WriteBatch write;
  write.DeleteRange(rocks_->snapshots(), first, past_last);
  rocksdb::WriteOptions options;
  options.sync = true;
  return from_rocks(rocks_->db().Write(options, &write), "dropping the snapshots");
}

Status RocksEventStore::compact() {
  if (Status s = writable(); !s.is_ok()) return s;
  std::vector<rocksdb::ColumnFamilyHandle*> families = {rocks_->events(), rocks_->streams(), rocks_->snapshots(),
                                                        rocks_->meta()};
  if (rocks_->views()) families.push_back(rocks_->views());
  // Every family flushed: no memtable holds a deleted value, and no write-ahead log file is needed
  // any more, so RocksDB deletes them (this store recycles none and archives none).
  rocksdb::FlushOptions flush;
  flush.wait = true;
  if (auto s = rocks_->db().Flush(flush, families); !s.ok())
    return from_rocks(s, fmt::format("flushing store {}", dir_.string()));
  // Every SST file of the families that anything is deleted from rewritten, the bottom level
  // too, so no file keeps a value under a tombstone. The log's own families (events, streams) are
  // never deleted from: rewriting them, the bulk of the store, would change nothing.
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  compact.exclusive_manual_compaction = true;
  std::vector<rocksdb::ColumnFamilyHandle*> deleted_from = {rocks_->snapshots(), rocks_->meta()};
  if (rocks_->views()) deleted_from.push_back(rocks_->views());
  for (rocksdb::ColumnFamilyHandle* family : deleted_from)
    if (auto s = rocks_->db().CompactRange(compact, family, nullptr, nullptr); !s.ok())
      return from_rocks(s, fmt::format("compacting store {}", dir_.string()));
  return from_rocks(rocks_->db().SyncWAL(), fmt::format("syncing the write-ahead log of store {}", dir_.string()));
}

}  // namespace mentorflow::store
