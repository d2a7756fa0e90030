#include "engine/timers/schedule.hpp"

#include <fmt/core.h>

#include "dsl/time/calendar.hpp"
#include "dsl/value_json.hpp"
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

std::optional<UtcMicros> field_timer_due(const dsl::Definition& definition, const dsl::CaseTypeSpec& spec,
                                         const dsl::TimerSpec& t, const nlohmann::json& value) {
  if (!t.field || value.is_null()) return std::nullopt;
  const dsl::Type& declared = spec.fields[*t.field].type;
  const dsl::Type& type = declared.is(dsl::TypeKind::Optional) ? declared.element() : declared;
  std::string error;
  const std::optional<dsl::Value> v = dsl::value_from_json(value, type, error);
  if (!v) return std::nullopt;
  UtcMicros from = v->as_int();
  // A date has no time: a person reading "30 days after the start date" counts from its midnight
  // where the programme runs.
  if (v->kind() == dsl::ValueKind::Date) from = dsl::start_of_day(v->as_int(), edition_zone(&definition));
  if (t.when.kind() != dsl::ValueKind::Duration) return from;
  return dsl::add_duration(from, t.when.as_duration(), edition_zone(&definition));
}

std::vector<TimerChange> timers_on_fields(const dsl::Definition& definition, dsl::Index case_type,
                                          const std::map<std::string, std::int64_t>& pending,
                                          const nlohmann::json& before, const nlohmann::json& set) {
  const dsl::CaseTypeSpec& spec = definition.case_type(case_type);
  std::vector<TimerChange> changes;
  for (const dsl::TimerSpec& t : spec.timers) {
    if (!t.field) continue;
    const std::string& field = spec.fields[*t.field].name;
    const auto now = set.find(field);
    if (now == set.end()) continue;
    const auto was = before.find(field);
    if (was != before.end() && *was == *now) continue;
    for (const auto& [key, due] : pending)
      if (timer_name_of(key) == t.name) changes.push_back({events::kTimerCancelled, events::timer_key_only(key)});
    if (const std::optional<UtcMicros> due = field_timer_due(definition, spec, t, *now)) changes.push_back(scheduled(t.name, *due));
  }
  return changes;
}

void apply_timer_changes(std::map<std::string, std::int64_t>& pending, const std::vector<TimerChange>& changes) {
  for (const TimerChange& t : changes) {
    if (std::string(t.type) == events::kTimerCancelled) pending.erase(t.payload.at("key").get<std::string>());
    else pending[t.payload.at("key").get<std::string>()] = t.payload.at("due").get<std::int64_t>();
  }
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
    if (t.at && !t.field && opened) changes.push_back(scheduled(t.name, t.when.as_int()));
    if (!t.at && entering && t.in_state && *t.in_state == entered) changes.push_back(scheduled(t.name, due_after(definition, now, t.when)));
  }
  return changes;
}

}  // namespace mentorflow::engine::timers
