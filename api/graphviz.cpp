#include "api/graphviz.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>

extern char** environ;

namespace mentorflow::api {
namespace {

constexpr std::chrono::seconds kLimit{10};

// Closes a descriptor once, on every path out.
struct Fd {
  int fd = -1;
  ~Fd() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

}  // namespace

Result<std::string> render_svg(const std::string& dot_text) {
  int in_pipe[2], out_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0) return Status::io_error("cannot run dot: no pipe");
  Fd child_in{in_pipe[0]}, to_dot{in_pipe[1]};
  if (::pipe2(out_pipe, O_CLOEXEC) != 0) return Status::io_error("cannot run dot: no pipe");
  Fd from_dot{out_pipe[0]}, child_out{out_pipe[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, child_in.fd, 0);
  posix_spawn_file_actions_adddup2(&actions, child_out.fd, 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  char dot[] = "dot", flag[] = "-Tsvg";
  char* argv[] = {dot, flag, nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, "dot", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return Status::io_error(fmt::format("cannot run dot (Graphviz): {}", std::strerror(spawned)));
  child_in.reset();
  child_out.reset();

  // Feed the text and read the picture together, so neither side waits on a full pipe.
  ::fcntl(to_dot.fd, F_SETFL, O_NONBLOCK);
  std::string svg;
  std::size_t written = 0;
  if (dot_text.empty()) to_dot.reset();
  const auto deadline = std::chrono::steady_clock::now() + kLimit;
  std::array<char, 16384> buffer{};
  bool failed = false;
  while (from_dot.fd >= 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      failed = true;
      break;
    }
    pollfd fds[2] = {{from_dot.fd, POLLIN, 0}, {to_dot.fd, POLLOUT, 0}};
    const int ready = ::poll(fds, to_dot.fd >= 0 ? 2 : 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) {
      failed = true;
      break;
    }
    if (to_dot.fd >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::write(to_dot.fd, dot_text.data() + written, dot_text.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN && errno != EINTR) to_dot.reset();
      if (written == dot_text.size()) to_dot.reset();  // end of input: dot draws
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::read(from_dot.fd, buffer.data(), buffer.size());
      if (n > 0) svg.append(buffer.data(), static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR) from_dot.reset();
    }
  }
  if (failed) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (failed) return Status::io_error(fmt::format("dot took more than {} s and was stopped", kLimit.count()));
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || svg.empty())
    return Status::io_error("dot (Graphviz) could not draw the workflow");
  return svg;
}

}  // namespace mentorflow::api
