// backup_store: picks the backend's way (store/rocks_backup.cpp, store/pg/pg_backup.cpp); and what
// both ways share: the manifest and the copy of document files.
#include "store/backup.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "store/file_io.hpp"
#include "store/location.hpp"
#include "store/staged_folder.hpp"

namespace mentorflow::store {

namespace fs = std::filesystem;

// The backends' ways, each writing into the staged folder `into` (which exists and is empty).
Result<BackupSummary> backup_rocks(const fs::path& dir, const fs::path& into);
namespace pg {
Result<BackupSummary> backup_database(const std::string& url, const fs::path& into);
}

Result<BackupSummary> backup_store(const std::string& location, const fs::path& out) {
  if (Status s = check_new_or_empty(out, "backup folder"); !s.is_ok()) return s;
  auto staged = StagedFolder::begin(out);
  if (!staged.is_ok()) return staged.status();
  auto summary = is_database_url(location) ? pg::backup_database(location, staged->path()) : backup_rocks(location, staged->path());
  if (!summary.is_ok()) return summary.status();
  if (Status s = write_manifest(staged->path(), *summary); !s.is_ok()) return s;
  if (Status s = staged->commit(); !s.is_ok()) return s;
  return summary;
}

Status write_manifest(const fs::path& folder, const BackupSummary& summary) {
  const nlohmann::ordered_json manifest = {{"format", "mentorflow-backup 1"},
                                           {"backend", summary.backend},
                                           {"position", summary.head.position},
                                           {"hash", to_hex(summary.head.hash)},
                                           {"documents", summary.documents}};
  return write_new_file(folder / backup_layout::kManifest, manifest.dump(2) + "\n", 0644);
}

namespace {

// Copies one file and syncs the copy.
Status copy_synced(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::copy_file(from, to, ec)) return Status::io_error(fmt::format("cannot copy {} to {}: {}", from.string(), to.string(), ec.message()));
  const int fd = ::open(to.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) return Status::io_error(fmt::format("cannot sync {}", to.string()));
  return Status::ok();
}

}  // namespace

Result<std::size_t> copy_document_files(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::is_directory(from, ec)) return std::size_t{0};  // no document was ever stored
  std::size_t copied = 0;
  for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path relative = it->path().lexically_relative(from);
    if (it->is_directory()) {
      fs::create_directories(to / relative, ec);
      if (ec) return Status::io_error(fmt::format("cannot create {}: {}", (to / relative).string(), ec.message()));
      continue;
    }
    // A put in progress writes .tmp-* and renames it when complete (store/document_store.cpp).
    if (!it->is_regular_file() || it->path().filename().string().starts_with(".")) continue;
    if (Status s = copy_synced(it->path(), to / relative); !s.is_ok()) return s;
    ++copied;
  }
  if (ec) return Status::io_error(fmt::format("cannot read the documents in {}: {}", from.string(), ec.message()));
  return copied;
}

}  // namespace mentorflow::store
