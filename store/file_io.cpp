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

}  // namespace mentorflow::store
