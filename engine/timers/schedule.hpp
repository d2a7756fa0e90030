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

// When field timer `t` (`at FIELD + D`) is due for the field's `value` (JSON, the language's value
// encoding): a date counts from 00:00 of that day in the edition's zone, a date-time from itself,
// then D as due_after counts it. nullopt when the value is absent (null) or unreadable.
std::optional<UtcMicros> field_timer_due(const dsl::Definition& definition, const dsl::CaseTypeSpec& spec,
                                         const dsl::TimerSpec& t, const nlohmann::json& value);

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

// For each field timer whose field `set` (field -> JSON value, one FieldsSet) changes from what
// `before` held: TimerCancelled for its pending occurrences, then TimerScheduled at the new value's
// due time (none when the field is now absent). A field set to the value it had changes nothing.
std::vector<TimerChange> timers_on_fields(const dsl::Definition& definition, dsl::Index case_type,
                                          const std::map<std::string, std::int64_t>& pending,
                                          const nlohmann::json& before, const nlohmann::json& set);

// `pending` as it is after `changes`.
void apply_timer_changes(std::map<std::string, std::int64_t>& pending, const std::vector<TimerChange>& changes);

}  // namespace mentorflow::engine::timers
