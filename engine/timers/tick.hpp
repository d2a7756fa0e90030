#pragma once
// Firing the timers that are due (docs/ENGINE.md, "Timers"). Scheduled by the batch that enters
// their state or opens their case, cancelled by the batch that leaves it (schedule.hpp), a timer
// is fired by tick() in the same batch as its effects, so each fires exactly once even across a
// crash.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace mentorflow::engine::timers {

struct Fired {
  std::string case_name;
  std::string timer;
  UtcMicros due = 0;
  std::string outcome;  // what happened, in plain words
  bool held = false;    // it could not fire (its case does not load, or kept changing): still pending
  bool already = false; // fired before, by another node or process (or a lagging index): nothing written
};

// Fires every timer due at or before the engine clock's now, oldest first. A timer whose command
// is refused is recorded as fired with the refusal, so it never fires again. A timer that cannot
// fire now is reported `held` and tick goes on with the others, so one damaged case does not stop
// every deadline; a failing store (I/O) stops it. Firing appends with the case's expected version,
// so of two nodes (or a node and `mentorflow tick`) firing one timer at once, one writes and the
// other gets Conflict: it folds the case again and finds the timer fired (`already`), or, when
// something else changed the case, fires it on the new state (the commands' loop,
// engine/decide_again.hpp). Each firing's events carry the correlation id
// "timer:KEY", after `correlation` and a space when it is given (a scenario line's key).

Result<std::vector<Fired>> tick(Engine& engine, const std::string& correlation = "");

}  // namespace mentorflow::engine::timers
