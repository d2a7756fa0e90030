#pragma once
// The real `mentorflow serve` in the background, as an operator starts it: for the tests of the
// server process itself (tests/api/serve_cli_test.cpp) and of several servers on one database
// (tests/nodes). Catch2 assertions, so for test programs only.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/run_cli.hpp"
#include "tests/support/text.hpp"

namespace mentorflow::testing {

// A new token for `user` in the tokens file `tokens` (made by `mentorflow token add`), as its owner
// would be given it.
inline std::string token_for(const std::filesystem::path& tokens, const std::string& user, const std::string& roles,
                             const std::string& editions = "mie-2021") {
  auto r = run_cli({"token", "add", "--tokens", tokens.string(), "--user", user, "--roles", roles, "--editions", editions});
  REQUIRE(r.exit_code == 0);
  REQUIRE(!r.out.empty());
  return r.out.substr(0, r.out.size() - 1);  // without the newline
}

// `mentorflow serve ARGS` in the background, its output in the file `out`; `max_files`: its
// RLIMIT_NOFILE. Constructed once it says which port it listens on; killed (SIGKILL) when
// destroyed if still running.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& out, rlim_t max_files = 0) {
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      if (max_files > 0) {
        const rlimit limit{max_files, max_files};
        ::setrlimit(RLIMIT_NOFILE, &limit);
      }
      const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<std::string> all = {cli_path().string(), "serve"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    // Wait (up to ~10 s) for the line that names the port.
    const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 1000 && port_ == 0; ++i) {
      std::smatch m;
      const std::string text = read_file(out);
      if (std::regex_search(text, m, listening)) port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
      else std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    INFO(read_file(out));
    REQUIRE(port_ != 0);
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  void signal(int sig) { ::kill(pid_, sig); }
  // The exit status, once it has exited; 128+N when killed by signal N.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace mentorflow::testing
