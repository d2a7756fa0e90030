// The default DocumentStore: one file per document, named by its hash. A put writes a temporary
// file in the document's folder, syncs it, renames it into place and syncs the folder, so that a
// crash leaves the document whole or absent, never half written (docs/STORE.md, "Documents").
#include "store/document_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "store/event_store.hpp"
#include "store/file_io.hpp"

namespace mentorflow::store {
namespace {

constexpr std::size_t kReadChunk = 64 * 1024;

std::string errno_text() { return std::strerror(errno); }

// Syncs a folder, so that a file created or renamed in it survives a crash of the machine.
bool sync_dir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced;
}

// Creates `dir` if missing and syncs its parent when it did; false on failure.
bool make_dir(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0) return sync_dir(dir.parent_path());
  return errno == EEXIST && std::filesystem::is_directory(dir);
}

class DocumentFiles final : public DocumentStore {
 public:
  DocumentFiles(std::filesystem::path root, bool read_only) : root_(std::move(root)), read_only_(read_only) {}

  Result<Hash> put(std::string_view bytes) override {
    if (read_only_)
      return Status::refused(fmt::format("the documents in {} are open read-only: nothing can be added", root_.string()));
    const Hash hash = sha256(bytes);
    if (auto stored = get(hash); stored.is_ok()) return hash;  // already there, and intact
    const std::filesystem::path final_path = path_of(hash);
    const std::filesystem::path dir = final_path.parent_path();
    if (!make_dir(root_) || !make_dir(dir))
      return Status::io_error(fmt::format("cannot create the folder {}: {}", dir.string(), errno_text()));
    // A name no other writer uses, in the same folder, so the rename is atomic.
    static std::atomic<std::uint64_t> counter{0};
    const std::filesystem::path temp =
        dir / fmt::format(".tmp-{}-{}-{}", final_path.filename().string(), ::getpid(), counter++);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Status::io_error(fmt::format("cannot create {}: {}", temp.string(), errno_text()));
    bool ok = write_and_sync(fd, bytes);
    const std::string write_error = ok ? "" : errno_text();
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(temp.c_str(), final_path.c_str()) != 0) {
      const std::string why = write_error.empty() ? errno_text() : write_error;
      ::unlink(temp.c_str());
      return Status::io_error(fmt::format("cannot write the document {}: {}", final_path.string(), why));
    }
    if (!sync_dir(dir)) return Status::io_error(fmt::format("cannot sync the folder {}: {}", dir.string(), errno_text()));
    return hash;
  }

  Result<std::string> get(const Hash& hash) const override {
    const std::filesystem::path path = path_of(hash);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::not_found(fmt::format("there is no document {}", to_hex(hash)));
      return Status::io_error(fmt::format("cannot open the document {}: {}", path.string(), errno_text()));
    }
    std::string bytes;
    char chunk[kReadChunk];
    for (;;) {
      const ssize_t n = ::read(fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        const bool failed = n < 0;
        const std::string why = failed ? errno_text() : "";
        ::close(fd);
        if (failed) return Status::io_error(fmt::format("cannot read the document {}: {}", path.string(), why));
        break;
      }
      bytes.append(chunk, static_cast<std::size_t>(n));
    }
    if (const Hash found = sha256(bytes); found != hash)
      return Status::corruption(fmt::format("the document {} has been altered: its bytes hash to {}", path.string(),
                                            to_hex(found)));
    return bytes;
  }

  Status remove(const Hash& hash) override {
    if (read_only_)
      return Status::refused(fmt::format("the documents in {} are open read-only: nothing can be removed", root_.string()));
    const std::filesystem::path path = path_of(hash);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
      return Status::io_error(fmt::format("cannot remove the document {}: {}", path.string(), errno_text()));
    // The removal is durable once the folder is synced (a crash may otherwise bring the name back).
    if (!sync_dir(path.parent_path()) && errno != ENOENT)
      return Status::io_error(fmt::format("cannot sync the folder {}: {}", path.parent_path().string(), errno_text()));
    return Status::ok();
  }

  Result<bool> contains(const Hash& hash) const override {
    std::error_code ec;
    const bool found = std::filesystem::is_regular_file(path_of(hash), ec);
    if (ec && ec != std::errc::no_such_file_or_directory)
      return Status::io_error(fmt::format("cannot look for the document {}: {}", path_of(hash).string(), ec.message()));
    return found;
  }

 private:
  std::filesystem::path path_of(const Hash& hash) const {
    const std::string hex = to_hex(hash);
    return root_ / hex.substr(0, 2) / hex.substr(2);
  }

  const std::filesystem::path root_;
  const bool read_only_;
};

}  // namespace

std::unique_ptr<DocumentStore> open_document_files(const std::filesystem::path& root, bool read_only) {
  return std::make_unique<DocumentFiles>(root, read_only);
}

std::unique_ptr<DocumentStore> documents_beside(const EventStore& store) { return store.documents(); }

}  // namespace mentorflow::store
