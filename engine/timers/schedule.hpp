#pragma once
// Which timers a transition starts and stops (docs/ENGINE.md, "Timers"): pure functions of the
// definition, the case's pending timers and the transition, used wherever a batch changes a case's
// state (a command, a linked case opened, a migration, a timer firing). tick.hpp fires them.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "dsl/compile/definition.hpp"

namespace mentorflow::engine::timers {

// The timer's key within its case: "NAME@DUE_MICROS".
std::string timer_key(const std::string& timer, UtcMicros due);
// The timer's name in a key.
std::string timer_name_of(const std::string& key);
// The timer `name` of a case type; nullptr when it declares none by that name.
const dsl::TimerSpec* find_timer(const dsl::CaseTypeSpec& spec, const std::string& name);
// The time `duration` (a duration Value) after `from`, as a person counts it in the definition's
// edition zone (engine/edition_zone.hpp): calendar days at the same local time, then elapsed time
// (dsl/time/calendar.hpp). `from` itself when that is not a time the language can hold.
UtcMicros due_after(const dsl::Definition& definition, UtcMicros from, const dsl::Value& duration);

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

}  // namespace mentorflow::engine::timers
