#include "store/rocks.hpp"

#include <fmt/core.h>
#include <rocksdb/slice_transform.h>

#include <algorithm>

#include "store/keys.hpp"

namespace mentorflow::store {

namespace {

// The layout version written into `meta`; a store of another format is refused, not misread.
constexpr std::string_view kFormatKey = "format";
constexpr std::string_view kFormat = "1";

const std::vector<std::string>& family_names() {
  // RocksDB insists on "default"; we leave it empty so every key lives in a family named for it.
  static const std::vector<std::string> names{rocksdb::kDefaultColumnFamilyName, "events", "streams", "snapshots", "meta", "views"};
  return names;
}

// The stream of a stream index key ("case/1@000...3" -> "case/1"). Given to RocksDB as the memtable
// insert hint: interleaved appends to many streams then insert each index entry next to its
// stream's previous one instead of searching the whole memtable (about twice as fast on import).
class StreamOfIndexKey final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "mentorflow.StreamOfIndexKey"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override { return {key.data(), key.size() - kNumberDigits}; }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > kNumberDigits; }
};

std::vector<rocksdb::ColumnFamilyDescriptor> family_descriptors() {
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : family_names()) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  families[2].options.memtable_insert_with_hint_prefix_extractor = std::make_shared<StreamOfIndexKey>();
  return families;
}

bool is_lock_failure(const rocksdb::Status& s) {
  // RocksDB reports a held LOCK file as an IOError: "While lock file: ...: Resource temporarily
  // unavailable" from another process, "lock hold by current process" from this one.
  return s.IsIOError() && s.ToString().find("lock") != std::string::npos;
}

// Whether the store in `dir` has the `views` family yet. A read-write open adds it; a read-only
// open cannot, and RocksDB refuses to open a family that does not exist.
bool has_views_family(const rocksdb::DBOptions& options, const std::filesystem::path& dir) {
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(options, dir.string(), &names).ok()) return true;  // let the open report it
  return std::find(names.begin(), names.end(), family_names().back()) != names.end();
}

}  // namespace

PrefixRead::PrefixRead(std::string_view prefix) : lower_(prefix), upper_(prefix) {
  // The first key past every key with the prefix: the prefix with its last byte below 0xff
  // raised by one and what follows dropped. A prefix of 0xff bytes only has no such key.
  while (!upper_.empty() && static_cast<unsigned char>(upper_.back()) == 0xff) upper_.pop_back();
  if (!upper_.empty()) {
    upper_.back() = static_cast<char>(static_cast<unsigned char>(upper_.back()) + 1);
    upper_slice_ = rocksdb::Slice(upper_);
    options_.iterate_upper_bound = &upper_slice_;
  }
  lower_slice_ = rocksdb::Slice(lower_);
  options_.iterate_lower_bound = &lower_slice_;
}

Status from_rocks(const rocksdb::Status& s, std::string_view doing) {
  if (s.ok()) return Status::ok();
  const std::string what = fmt::format("{}: {}", doing, s.ToString());
  if (s.IsNotFound()) return Status::not_found(what);
  if (s.IsCorruption()) return Status::corruption(what);
  if (s.IsBusy() || s.IsTryAgain()) return Status::busy(what);
  if (s.IsInvalidArgument()) return Status::invalid_argument(what);
  return Status::io_error(what);
}

Result<std::unique_ptr<Rocks>> Rocks::open(const std::filesystem::path& dir, bool read_only, bool create_if_missing) {
  std::error_code ec;
  if ((read_only || !create_if_missing) && !std::filesystem::exists(dir / "CURRENT", ec))
    return Status::not_found(fmt::format("store {} does not exist", dir.string()));

  rocksdb::DBOptions options;
  options.create_if_missing = create_if_missing;
  options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> families = family_descriptors();
  if (read_only && !has_views_family(options, dir)) families.pop_back();  // a store from before views

  std::unique_ptr<Rocks> rocks(new Rocks);
  rocksdb::DB* db = nullptr;
  const rocksdb::Status s = read_only ? rocksdb::DB::OpenForReadOnly(options, dir.string(), families, &rocks->handles_, &db)
                                      : rocksdb::DB::Open(options, dir.string(), families, &rocks->handles_, &db);
  if (is_lock_failure(s)) return Status::busy(fmt::format("store {} is in use by another process", dir.string()));
  if (!s.ok()) return from_rocks(s, fmt::format("opening store {}", dir.string()));
  rocks->db_.reset(db);

  std::string format;
  const rocksdb::Status got = db->Get(rocksdb::ReadOptions(), rocks->meta(), kFormatKey, &format);
  if (got.IsNotFound() && !read_only) {
    if (auto put = db->Put(rocksdb::WriteOptions(), rocks->meta(), kFormatKey, kFormat); !put.ok())
      return from_rocks(put, fmt::format("writing the format of store {}", dir.string()));
  } else if (got.ok() && format != kFormat) {
    return Status::invalid_argument(fmt::format("store {} has format '{}', but this mentorflow reads format {}", dir.string(), format, kFormat));
  } else if (!got.ok() && !got.IsNotFound()) {
    return from_rocks(got, fmt::format("reading the format of store {}", dir.string()));
  }
  return rocks;
}

Rocks::~Rocks() {
  if (!db_) return;
  for (rocksdb::ColumnFamilyHandle* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  db_->Close();
}

}  // namespace mentorflow::store
