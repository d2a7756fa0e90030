#include "tests/store/raw_store.hpp"

#include <rocksdb/db.h>

#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <vector>

namespace mentorflow::store::testing {

namespace {

// An open database with every column family; closes it on destruction.
struct RawDb {
  explicit RawDb(const std::filesystem::path& dir) {
    // Every family the store has (RocksDB refuses an open that leaves one out).
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    const rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(), dir.string(), families, &handles, &raw);
    INFO(s.ToString());
    REQUIRE(s.ok());
    db.reset(raw);
    for (std::size_t i = 0; i < names.size(); ++i) by_name[names[i]] = handles[i];
  }
  ~RawDb() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  }
  rocksdb::ColumnFamilyHandle* family(const std::string& name) {
    REQUIRE(by_name.count(name) == 1);
    return by_name[name];
  }

  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> by_name;
};

}  // namespace

std::optional<std::string> raw_get(const std::filesystem::path& dir, const std::string& family, const std::string& key) {
  RawDb raw(dir);
  std::string value;
  const rocksdb::Status s = raw.db->Get(rocksdb::ReadOptions(), raw.family(family), key, &value);
  if (s.IsNotFound()) return std::nullopt;
  REQUIRE(s.ok());
  return value;
}

void raw_put(const std::filesystem::path& dir, const std::string& family, const std::string& key, const std::string& value) {
  RawDb raw(dir);
  rocksdb::WriteOptions options;
  options.sync = true;
  REQUIRE(raw.db->Put(options, raw.family(family), key, value).ok());
}

void raw_delete(const std::filesystem::path& dir, const std::string& family, const std::string& key) {
  RawDb raw(dir);
  rocksdb::WriteOptions options;
  options.sync = true;
  REQUIRE(raw.db->Delete(options, raw.family(family), key).ok());
}

void raw_drop_family(const std::filesystem::path& dir, const std::string& family) {
  RawDb raw(dir);
  REQUIRE(raw.db->DropColumnFamily(raw.family(family)).ok());
}

}  // namespace mentorflow::store::testing
