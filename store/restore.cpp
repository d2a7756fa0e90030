// restore_store: a backup folder (store/backup.hpp) back into a store. A RocksDB backup restored
// into a folder is copied file by file (it already is a store, views and snapshots included);
// every other way reads the backup's events and documents and writes them into a new store: the
// documents first, then all events in one append_recorded. A folder is staged under another name
// and renamed into place when complete; a database gets its tables, documents and events in one
// transaction (store/pg/pg_restore.cpp). Either way a failure leaves nothing behind.
#include <fmt/core.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <span>

#include "store/backup.hpp"
#include "store/document_store.hpp"
#include "store/event_import.hpp"
#include "store/event_store.hpp"
#include "store/file_io.hpp"
#include "store/location.hpp"
#include "store/staged_folder.hpp"
#include "store/verify.hpp"

namespace mentorflow::store {

namespace fs = std::filesystem;

namespace pg {
Result<ChainHead> restore_database(const std::string& url, std::span<const Event> events,
                                   const std::function<Status(DocumentStore&)>& put_documents);
}  // namespace pg

Status refuse_restore_into(const std::string& location, std::uint64_t head_position) {
  return Status::invalid_argument(fmt::format("the store at {} is not empty (its log ends at position {}): restore only into an "
                                              "empty folder, database or schema", shown_location(location), head_position));
}

namespace {

constexpr std::size_t kMaxManifest = 1 << 16;
constexpr std::size_t kMaxEventsFile = std::size_t{1} << 40;

Result<BackupSummary> read_manifest(const fs::path& from) {
  auto text = read_small_file(from / backup_layout::kManifest, kMaxManifest);
  if (!text.is_ok()) {
    if (text.status().is_not_found())
      return Status::invalid_argument(fmt::format("{} is not a mentorflow backup: it has no {}", from.string(), backup_layout::kManifest));
    return text.status();
  }
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  BackupSummary summary;
  if (json.is_object() && json.value("format", "") == "mentorflow-backup 1" && json["position"].is_number_unsigned() &&
      json["hash"].is_string() && json["backend"].is_string()) {
    summary.backend = json["backend"].get<std::string>();
    summary.head.position = json["position"].get<std::uint64_t>();
    summary.documents = json.value("documents", std::size_t{0});
    if (auto hash = hash_from_hex(json["hash"].get<std::string>()); hash && (summary.backend == "rocksdb" || summary.backend == "postgresql")) {
      summary.head.hash = *hash;
      return summary;
    }
  }
  return Status::invalid_argument(fmt::format("{} in {} is not a backup manifest this mentorflow reads", backup_layout::kManifest, from.string()));
}

// The backup's events, checked to form one chain from position 1.
Result<std::vector<Event>> read_events(const fs::path& from, const BackupSummary& manifest) {
  std::vector<Event> events;
  if (manifest.backend == "rocksdb") {
    auto store = EventStore::open(from, {.read_only = true});
    if (!store.is_ok()) return store.status();
    auto all = (*store)->read_all(1, SIZE_MAX);
    if (!all.is_ok()) return all.status();
    events = std::move(*all);
  } else {
    auto text = read_small_file(from / backup_layout::kEvents, kMaxEventsFile);
    if (!text.is_ok()) return text.status();
    auto parsed = events_from_lines(*text);
    if (!parsed.is_ok()) return Status::invalid_argument(fmt::format("{}: {}", (from / backup_layout::kEvents).string(), parsed.status().message()));
    events = std::move(*parsed);
  }
  if (Status s = check_continues(events, nullptr); !s.is_ok())
    return Status::corruption(fmt::format("the backup in {} does not hold one chain: {}", from.string(), s.message()));
  const ChainHead last = events.empty() ? ChainHead{} : ChainHead{events.back().position, events.back().hash};
  if (last != manifest.head)
    return Status::corruption(fmt::format("the backup in {} ends at position {}, but {} says {}", from.string(), last.position,
                                          backup_layout::kManifest, manifest.head.position));
  return events;
}

// Puts every document file of the backup into `documents`; returns how many.
Result<std::size_t> put_documents(const fs::path& folder, DocumentStore& documents) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return std::size_t{0};
  std::size_t put = 0;
  for (auto it = fs::recursive_directory_iterator(folder, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file() || it->path().filename().string().starts_with(".")) continue;
    auto bytes = read_small_file(it->path(), kMaxEventsFile);
    if (!bytes.is_ok()) return bytes.status();
    auto hash = documents.put(*bytes);
    if (!hash.is_ok()) return hash.status();
    // The file's name is its hash, split after two digits (store/document_store.hpp).
    if (it->path().parent_path().filename().string() + it->path().filename().string() != to_hex(*hash))
      return Status::corruption(fmt::format("the document {} in the backup no longer matches its hash", it->path().string()));
    ++put;
  }
  if (ec) return Status::io_error(fmt::format("cannot read the documents in {}: {}", folder.string(), ec.message()));
  return put;
}

// Writes the backup's documents and events into the new store at `location`, which must hold no events.
Result<BackupSummary> write_store(const fs::path& from, const BackupSummary& manifest, const std::string& location,
                                  std::span<const Event> events) {
  auto store = EventStore::open(location, {.read_only = false, .create_if_missing = true, .sync = true, .clock = nullptr});
  if (!store.is_ok()) return store.status();
  if (const ChainHead head = (*store)->head(); head.position != 0) return refuse_restore_into(location, head.position);
  auto documents = (*store)->documents();
  auto put = put_documents(from / backup_layout::kDocuments, *documents);
  if (!put.is_ok()) return put.status();
  if (!events.empty())
    if (Status s = (*store)->append_recorded(events); !s.is_ok()) return s;
  if (Status s = (*store)->sync(); !s.is_ok()) return s;
  return BackupSummary{manifest.backend, (*store)->head(), *put};
}

// A RocksDB backup into a folder: its files, as they are, but the manifest.
Result<BackupSummary> copy_rocks_backup(const fs::path& from, const BackupSummary& manifest, const fs::path& into) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    if (entry.path().filename() == backup_layout::kManifest) continue;
    fs::copy(entry.path(), into / entry.path().filename(), fs::copy_options::recursive, ec);
    if (ec) return Status::io_error(fmt::format("cannot copy {}: {}", entry.path().string(), ec.message()));
  }
  if (ec) return Status::io_error(fmt::format("cannot read {}: {}", from.string(), ec.message()));
  auto store = EventStore::open(into, {.read_only = true});
  if (!store.is_ok()) return store.status();
  return BackupSummary{"rocksdb", (*store)->head(), manifest.documents};
}

}  // namespace

Result<BackupSummary> restore_store(const fs::path& from, const std::string& location) {
  auto manifest = read_manifest(from);
  if (!manifest.is_ok()) return manifest.status();
  Result<BackupSummary> restored = Status::ok();
  if (!is_database_url(location)) {
    if (Status s = check_new_or_empty(location, "store folder"); !s.is_ok()) return s;
    auto staged = StagedFolder::begin(location);
    if (!staged.is_ok()) return staged.status();
    if (manifest->backend == "rocksdb") {
      restored = copy_rocks_backup(from, *manifest, staged->path());
    } else {
      auto events = read_events(from, *manifest);
      if (!events.is_ok()) return events.status();
      restored = write_store(from, *manifest, staged->path().string(), *events);
    }
    if (!restored.is_ok()) return restored.status();
    if (Status s = staged->commit(); !s.is_ok()) return s;
  } else {
    if (fs::exists(from / backup_layout::kSubjects))
      return Status::invalid_argument(fmt::format("the backup in {} holds a subjects file (the keys of personal data), which a "
                                                  "restore into PostgreSQL does not carry over yet: restore it into a folder", from.string()));
    auto events = read_events(from, *manifest);
    if (!events.is_ok()) return events.status();
    std::size_t documents = 0;
    auto head = pg::restore_database(location, *events, [&](DocumentStore& into) {
      auto put = put_documents(from / backup_layout::kDocuments, into);
      if (put.is_ok()) documents = *put;
      return put.is_ok() ? Status::ok() : put.status();
    });
    if (!head.is_ok()) return head.status();
    restored = BackupSummary{manifest->backend, *head, documents};
  }
  if (restored->head != manifest->head)
    return Status::corruption(fmt::format("the restored store ends at position {}, not at position {} as the backup does",
                                          restored->head.position, manifest->head.position));
  return restored;
}

}  // namespace mentorflow::store
