#include "store/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace mentorflow::store {

bool write_and_sync(int fd, std::string_view bytes) {
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return ::fsync(fd) == 0;
}

Status write_new_file(const std::filesystem::path& file, std::string_view text, unsigned mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0 && errno == EEXIST)
    return Status::invalid_argument(fmt::format("{} already exists: it is not overwritten", file.string()));
  if (fd < 0) return Status::io_error(fmt::format("cannot create {}: {}", file.string(), std::strerror(errno)));
  bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && write_and_sync(fd, text);  // the umask may have taken bits
  const std::string why = ok ? "" : std::strerror(errno);
  ok = ::close(fd) == 0 && ok;
  if (!ok) return Status::io_error(fmt::format("cannot write {}: {}", file.string(), why.empty() ? std::strerror(errno) : why));
  return Status::ok();
}

namespace {

Status io_error(std::string_view what, const std::filesystem::path& file, int error) {
  return Status::io_error(fmt::format("cannot {} {}: {}", what, file.string(), std::strerror(error)));
}

Status sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return io_error("open the folder", folder, errno);
  const bool ok = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  return ok ? Status::ok() : io_error("sync the folder", folder, error);
}

}  // namespace

Status replace_file(const std::filesystem::path& file, std::string_view text, unsigned mode) {
  std::filesystem::path temporary = file;
  temporary += ".new";
  ::unlink(temporary.c_str());  // left by a crash in the middle of an earlier replace
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return io_error("create", temporary, errno);
  bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && write_and_sync(fd, text);
  int error = errno;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(temporary.c_str());
    return io_error("write", temporary, error);
  }
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    error = errno;
    ::unlink(temporary.c_str());
    return io_error("replace", file, error);
  }
  return sync_folder(file.has_parent_path() ? file.parent_path() : ".");
}

Status append_to_file(const std::filesystem::path& file, std::string_view text, unsigned mode) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return io_error("open", file, errno);
  bool ok = write_and_sync(fd, text);
  const int error = errno;
  ok = ::close(fd) == 0 && ok;
  return ok ? Status::ok() : io_error("append to", file, error);
}

Result<std::string> read_small_file(const std::filesystem::path& file, std::size_t max_bytes) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return Status::not_found(fmt::format("{} does not exist", file.string()));
  if (fd < 0) return io_error("open", file, errno);
  std::string text;
  char buffer[8192];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return io_error("read", file, error);
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > max_bytes) {
      ::close(fd);
      return Status::invalid_argument(fmt::format("{} is larger than {} bytes", file.string(), max_bytes));
    }
  }
  ::close(fd);
  return text;
}

}  // namespace mentorflow::store
