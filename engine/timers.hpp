#pragma once
// Timers (docs/ENGINE.md, "Timers"): scheduled by the batch that enters their state or opens their
// case, cancelled by the batch that leaves it, fired by tick() in the same batch as their effects,
// so each fires exactly once even across a crash.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dsl/definition.hpp"
#include "engine/case_state.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {

// The timer's key within its case: "NAME@DUE_MICROS".
std::string timer_key(const std::string& timer, UtcMicros due);
// The timer's name in a key.
std::string timer_name_of(const std::string& key);
// The timer `name` of a case type; nullptr when it declares none by that name.
const dsl::TimerSpec* find_timer(const dsl::CaseTypeSpec& spec, const std::string& name);

// TimerCancelled for the pending timers of `left` (if any) and TimerScheduled for the timers of
// `entered`; `opened` adds the case's `at` timers. Payloads only; the caller wraps them in events.
struct TimerChange {
  const char* type;
  nlohmann::json payload;
};
std::vector<TimerChange> timers_on_transition(const dsl::Definition& definition, dsl::Index case_type,
                                              const std::map<std::string, std::int64_t>& pending,
                                              std::optional<dsl::Index> left, dsl::Index entered, bool opened,
                                              UtcMicros now);

// Opens every cohort of `edition` that has no events yet (its initial state and timers).
Status open_cohorts(Engine& engine, const dsl::Definition& definition, const std::string& edition);

struct Fired {
  std::string case_name;
  std::string timer;
  UtcMicros due = 0;
  std::string outcome;  // what happened, in plain words
  bool held = false;    // it could not fire (its case does not load, or changed meanwhile): still pending
};

// Fires every timer due at or before the engine clock's now, oldest first. A timer whose command
// is refused is recorded as fired with the refusal, so it never fires again. A timer that cannot
// fire now is reported `held` and tick goes on with the others, so one damaged case does not stop
// every deadline; a failing store (I/O) stops it.
Result<std::vector<Fired>> tick(Engine& engine);

}  // namespace mentorflow::engine
