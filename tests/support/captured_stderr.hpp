#pragma once
// What this process writes to standard error while a CapturedStderr lives, kept in a file instead
// of shown: an in-process server's log, for a test to read. Restores the old standard error when
// it dies. One at a time; for test programs only.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace mentorflow::testing {

class CapturedStderr {
 public:
  CapturedStderr() {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    const int fd = ::open(path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
    ::dup2(fd, STDERR_FILENO);
    ::close(fd);
  }
  ~CapturedStderr() {
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
  }
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;

  // Everything written so far.
  std::string text() const {
    std::fflush(stderr);
    std::ifstream in(path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::filesystem::path path() const { return dir_ / "stderr"; }

  TempDir dir_;
  int saved_ = -1;
};

}  // namespace mentorflow::testing
