#include "engine/timers/schedule.hpp"

#include <fmt/core.h>

#include "dsl/time/calendar.hpp"
#include "engine/edition_zone.hpp"
#include "engine/events.hpp"

namespace mentorflow::engine::timers {
namespace {

TimerChange scheduled(const std::string& timer, UtcMicros due) {
  return {events::kTimerScheduled, events::timer_scheduled(timer_key(timer, due), timer, due)};
}

}  // namespace

std::string timer_key(const std::string& timer, UtcMicros due) { return fmt::format("{}@{}", timer, due); }

std::string timer_name_of(const std::string& key) { return key.substr(0, key.rfind('@')); }

const dsl::TimerSpec* find_timer(const dsl::CaseTypeSpec& spec, const std::string& name) {
  for (const dsl::TimerSpec& t : spec.timers)
    if (t.name == name) return &t;
  return nullptr;
}

UtcMicros due_after(const dsl::Definition& definition, UtcMicros from, const dsl::Value& duration) {
  return dsl::add_duration(from, duration.as_duration(), edition_zone(&definition)).value_or(from);
}

std::vector<TimerChange> timers_on_transition(const dsl::Definition& definition, dsl::Index case_type,
                                              const std::map<std::string, std::int64_t>& pending,
                                              std::optional<dsl::Index> left, dsl::Index entered, bool opened,
                                              UtcMicros now) {
  const dsl::CaseTypeSpec& spec = definition.case_type(case_type);
  std::vector<TimerChange> changes;
  if (left && *left != entered) {
    for (const auto& [key, due] : pending) {
      const dsl::TimerSpec* t = find_timer(spec, timer_name_of(key));
      if (t && t->in_state && *t->in_state == *left)
        changes.push_back({events::kTimerCancelled, events::timer_key_only(key)});
    }
  }
  const bool entering = opened || (left && *left != entered);
  for (const dsl::TimerSpec& t : spec.timers) {
    if (t.at && opened) changes.push_back(scheduled(t.name, t.when.as_int()));
    if (!t.at && entering && t.in_state && *t.in_state == entered) changes.push_back(scheduled(t.name, due_after(definition, now, t.when)));
  }
  return changes;
}

}  // namespace mentorflow::engine::timers
