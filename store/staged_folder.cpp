#include "store/staged_folder.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mentorflow::store {

namespace fs = std::filesystem;

Status check_new_or_empty(const fs::path& folder, std::string_view what) {
  std::error_code ec;
  const auto status = fs::status(folder, ec);
  if (!fs::exists(status)) return Status::ok();
  if (!fs::is_directory(status))
    return Status::invalid_argument(fmt::format("{} {} exists and is not a folder: give a new or empty folder", what, folder.string()));
  if (!fs::is_empty(folder, ec) || ec)
    return Status::invalid_argument(fmt::format("{} {} exists and is not empty: give a new or empty folder", what, folder.string()));
  return Status::ok();
}

Result<StagedFolder> StagedFolder::begin(const fs::path& final) {
  if (Status s = check_new_or_empty(final, "folder"); !s.is_ok()) return s;
  const fs::path absolute = fs::absolute(final).lexically_normal();
  const fs::path parent = absolute.has_filename() ? absolute.parent_path() : absolute.parent_path().parent_path();
  const std::string name = absolute.has_filename() ? absolute.filename().string() : absolute.parent_path().filename().string();
  std::error_code ec;
  if (!fs::is_directory(parent, ec))
    return Status::invalid_argument(fmt::format("cannot write {}: folder {} does not exist", final.string(), parent.string()));
  // Beside the final folder, so that the rename stays on one file system; hidden, and named by the
  // process, so that two runs do not meet and a leftover says whose it was.
  const fs::path staging = parent / fmt::format(".{}.partial-{}", name, ::getpid());
  fs::remove_all(staging, ec);
  if (!fs::create_directory(staging, ec))
    return Status::io_error(fmt::format("cannot create {}: {}", staging.string(), ec ? ec.message() : "it exists"));
  return StagedFolder(parent / name, staging);
}

StagedFolder::~StagedFolder() {
  std::error_code ec;
  if (!staging_.empty()) fs::remove_all(staging_, ec);
}

Status StagedFolder::commit() {
  // rename(2) replaces an empty folder; one that was filled meanwhile makes it fail, and then the
  // staged copy is removed rather than mixed in.
  if (::rename(staging_.c_str(), final_.c_str()) != 0)
    return Status::io_error(fmt::format("cannot move the finished copy to {}: {}", final_.string(), std::strerror(errno)));
  staging_.clear();
  const int fd = ::open(final_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return Status::ok();
}

}  // namespace mentorflow::store
