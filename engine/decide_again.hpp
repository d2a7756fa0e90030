#pragma once
// Deciding a write again when another writer got there first. A command (engine/handle.cpp) or a
// staff action on a case (engine/flags/clear_flag.cpp) is decided on the case as read and appended
// with the version it read; a version conflict means the case changed in between, so it is read
// and decided again. Writers that collided once collide again if they retry in step, so each waits
// a random time below a bound that doubles per attempt ("full jitter"). Engines that share
// CaseLocks take turns on a command's own case first, so there this is rare (docs/BENCHMARKS.md,
// "hot cases"). Thread-safe.
#include <fmt/core.h>

#include <optional>
#include <string>
#include <utility>

#include "base/status.hpp"

namespace mentorflow::engine {

inline constexpr int kMaxDecisions = 10;

// Sleeps a random time below the bound for attempt `attempt` (from 0).
void pause_before_deciding_again(int attempt);

// What one decision came to: an outcome (written, found by its idempotency key, or refused), or
// overtaken by another writer (the append's Conflict), and then it is decided again.
template <class T>
struct Decision {
  std::optional<Result<T>> outcome;
  Status overtaken = Status::ok();

  static Decision done(Result<T> r) { return Decision{std::move(r), Status::ok()}; }
  static Decision again(Status conflict) { return Decision{std::nullopt, std::move(conflict)}; }
};

// Calls `decide` (returning a Decision<T>) until it gives an outcome, at most kMaxDecisions times;
// then Conflict, saying that `what` ("select", "clearing flag 2") was decided that many times.
template <class T, class Decide>
Result<T> decide_until_written(const std::string& what, Decide&& decide) {
  for (int attempt = 0;; ++attempt) {
    Decision<T> d = decide();
    if (d.outcome) return std::move(*d.outcome);
    if (attempt + 1 == kMaxDecisions)
      return Status::conflict(fmt::format("{} (other writers changed it each of the {} times {} was decided; try again)",
                                          d.overtaken.message(), kMaxDecisions, what));
    pause_before_deciding_again(attempt);
  }
}

}  // namespace mentorflow::engine
