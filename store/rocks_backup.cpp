// The backup of a RocksDB store: a RocksDB checkpoint taken through a read-only open, so that a
// server may go on writing meanwhile (it holds the store's lock; a read-only open takes none).
//
// The checkpoint hard-links the store's table files (copies them on another file system) and
// copies its write-ahead log as far as it was written. A writer may finish an append while the
// log is copied, or compact away a file the read-only open still names: the copy then either ends
// at the last whole write (RocksDB recovers a log to its last complete record) or is found broken
// by the chain walk that follows, and is taken again.
#include <fmt/core.h>
#include <rocksdb/utilities/checkpoint.h>

#include "store/backup.hpp"
#include "store/event_store.hpp"
#include "store/rocks.hpp"
#include "store/verify.hpp"

namespace mentorflow::store {

namespace fs = std::filesystem;

namespace {

// A compaction deleting a file while it is linked is rare; three takes make it vanishingly so.
constexpr int kAttempts = 3;

Status take_checkpoint(const fs::path& dir, const fs::path& into) {
  auto rocks = Rocks::open(dir, /*read_only=*/true, /*create_if_missing=*/false);
  if (!rocks.is_ok()) return rocks.status();
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status s = rocksdb::Checkpoint::Create(&(*rocks)->db(), &raw);
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  if (s.ok()) s = checkpoint->CreateCheckpoint(into.string());
  if (!s.ok()) return Status::io_error(fmt::format("cannot take a checkpoint of store {}: {}", dir.string(), s.ToString()));
  return Status::ok();
}

// The chain of the copy, walked as verify walks it; Corruption when it does not hold.
Result<ChainHead> check_copy(const fs::path& copy) {
  auto store = EventStore::open(copy, {.read_only = true});
  if (!store.is_ok()) return store.status();
  auto report = verify_chain(**store);
  if (!report.is_ok()) return report.status();
  if (!report->ok()) return Status::corruption(fmt::format("the copy does not verify: {}", report->problem.empty() ? report->dangling.describe() : report->problem));
  return report->head;
}

}  // namespace

Result<BackupSummary> backup_rocks(const fs::path& dir, const fs::path& into) {
  std::error_code ec;
  if (!fs::exists(dir / "CURRENT", ec)) return Status::not_found(fmt::format("store {} does not exist", dir.string()));
  // What the copy must reach at least: every append acknowledged before the backup began.
  ChainHead before;
  {
    auto store = EventStore::open(dir, {.read_only = true});
    if (!store.is_ok()) return store.status();
    before = (*store)->head();
  }
  Status failure = Status::ok();
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    fs::remove_all(into, ec);  // RocksDB makes the checkpoint's folder itself
    if (failure = take_checkpoint(dir, into); !failure.is_ok()) continue;
    auto head = check_copy(into);
    if (!head.is_ok()) {
      failure = head.status();
      continue;
    }
    if (head->position < before.position) {
      failure = Status::corruption(fmt::format("the copy ends at position {}, before position {} where the store was", head->position, before.position));
      continue;
    }
    auto documents = copy_document_files(dir / backup_layout::kDocuments, into / backup_layout::kDocuments);
    if (!documents.is_ok()) return documents.status();
    // Records are appended to the subjects file before the first event that uses them, so a copy
    // taken after the checkpoint holds every subject the copied log names.
    if (fs::is_regular_file(dir / backup_layout::kSubjects, ec))
      if (!fs::copy_file(dir / backup_layout::kSubjects, into / backup_layout::kSubjects, ec))
        return Status::io_error(fmt::format("cannot copy {}: {}", (dir / backup_layout::kSubjects).string(), ec.message()));
    return BackupSummary{"rocksdb", *head, *documents};
  }
  return failure;
}

}  // namespace mentorflow::store
