#pragma once
// Progress of a long command (import, verify, replay) as one redrawn line on stderr:
// "verify: 120000 of 500000 events (24%)". Drawn only when stderr is a terminal, so pipes, logs
// and tests see nothing; redrawn at most ten times a second. Not thread-safe.
#include <chrono>
#include <cstdint>
#include <string>

namespace mentorflow::cli {

class Progress {
 public:
  Progress(std::string label, std::uint64_t total);
  ~Progress();  // clears the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::uint64_t done);

 private:
  const std::string label_;
  const std::uint64_t total_;
  const bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace mentorflow::cli
