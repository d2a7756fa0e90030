#pragma once
// The RocksDB database behind an EventStore, with its column families (docs/STORE.md, "Column
// families"). Internal to store/: this is the one header that includes RocksDB.
#include <rocksdb/db.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

namespace mentorflow::store {

class Rocks {
 public:
  // Opens the database in `dir`, creating it and its column families when asked. Busy when
  // another process (or another open in this one) holds the store's lock.
  static Result<std::unique_ptr<Rocks>> open(const std::filesystem::path& dir, bool read_only, bool create_if_missing);
  ~Rocks();

  rocksdb::DB& db() { return *db_; }
  const rocksdb::DB& db() const { return *db_; }

  // Column families; owned by this object and valid for its life.
  rocksdb::ColumnFamilyHandle* events() const { return handles_[1]; }     // position -> event
  rocksdb::ColumnFamilyHandle* streams() const { return handles_[2]; }    // stream@version -> position
  rocksdb::ColumnFamilyHandle* snapshots() const { return handles_[3]; }  // stream -> snapshot
  rocksdb::ColumnFamilyHandle* meta() const { return handles_[4]; }       // "format" -> "1", views checkpoint
  // Read-model key -> value (store/views.hpp). Null only on a read-only open of a store written
  // before views existed: such a store has no views yet.
  rocksdb::ColumnFamilyHandle* views() const { return handles_.size() > 5 ? handles_[5] : nullptr; }

 private:
  Rocks() = default;

  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;  // default, then the five above
};

// Read options for an iterator over the keys that start with `prefix` only. The bounds let
// RocksDB stop at the prefix's end instead of walking on through whatever follows it (in the
// views, the tombstones of erased index entries, which a seek past the last live key would
// otherwise step over one by one). Holds the bound's bytes, so it must outlive the iterator.
class PrefixRead {
 public:
  explicit PrefixRead(std::string_view prefix);
  PrefixRead(const PrefixRead&) = delete;
  PrefixRead& operator=(const PrefixRead&) = delete;

  const rocksdb::ReadOptions& options() const { return options_; }

 private:
  std::string lower_, upper_;
  rocksdb::Slice lower_slice_, upper_slice_;
  rocksdb::ReadOptions options_;
};

// A RocksDB failure as our Status, with `doing` ("reading position 7 in /x") for context.
Status from_rocks(const rocksdb::Status& status, std::string_view doing);

}  // namespace mentorflow::store
