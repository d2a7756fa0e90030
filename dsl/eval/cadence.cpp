#include "dsl/eval/cadence.hpp"

#include <fmt/core.h>

#include "dsl/time/calendar.hpp"
#include "dsl/eval/shown_value.hpp"
#include "dsl/time/civil_time.hpp"
#include "dsl/time/time_text.hpp"
#include "dsl/time/written_duration.hpp"
#include "dsl/value_json.hpp"

namespace mentorflow::dsl {

bool cadence_within(const Value& previous, const Value& value, const Duration& min, const Duration& max,
                    const std::string& edition_zone) {
  if (previous.kind() != value.kind()) return false;
  if (value.kind() == ValueKind::Date) {  // dates: whole days, a day of elapsed time counting as one
    const std::int64_t gap = (value.as_int() - previous.as_int()) * kSecondsPerDay;
    return gap >= nominal_seconds(min) && gap <= nominal_seconds(max);
  }
  if (value.kind() != ValueKind::DateTime) return false;
  const std::string& zone = calendar_zone(edition_zone, previous.as_text());
  const auto lo = add_duration(previous.as_int(), min, zone), hi = add_duration(previous.as_int(), max, zone);
  return lo && hi && *lo <= value.as_int() && value.as_int() <= *hi;
}

std::optional<Duration> cadence_gap(const Value& previous, const Value& value, const std::string& edition_zone) {
  if (previous.kind() != value.kind()) return std::nullopt;
  if (value.kind() == ValueKind::Date) return Duration{value.as_int() - previous.as_int(), 0};
  if (value.kind() != ValueKind::DateTime) return std::nullopt;
  return duration_between(previous.as_int(), value.as_int(), calendar_zone(edition_zone, previous.as_text()));
}

std::optional<Value> cadence_previous(const Value& value, std::int64_t gap_seconds) {
  if (value.kind() == ValueKind::Date) return Value::date(value.as_int() - floor_div(gap_seconds, kSecondsPerDay));
  if (value.kind() != ValueKind::DateTime) return std::nullopt;
  return Value::datetime(value.as_int() - gap_seconds * kMicrosPerSecond, value.as_text());
}

std::optional<Value> cadence_value_from_json(const nlohmann::json& json) {
  std::string error;
  auto v = value_from_json(json, Type::of(TypeKind::DateTime), error);
  if (!v) v = value_from_json(json, Type::of(TypeKind::Date), error);
  return v;
}

const CadenceClause* find_cadence(const CaseTypeSpec& type, std::string_view input) {
  for (const CommandSpec& command : type.commands)
    for (const ClauseSpec& c : command.clauses)
      if (const auto* cadence = std::get_if<CadenceClause>(&c.clause))
        if (cadence->slot < type.cadence_keys.size() && type.cadence_keys[cadence->slot] == input) return cadence;
  return nullptr;
}

namespace {

// A cadence's bounds as the designer wrote them (empty: computed, or no program at hand).
struct Bounds {
  std::string lo, hi;
};
Bounds written_bounds(const CadenceClause& clause, const Program* program) {
  if (!program) return {};
  return {written_text(*program, clause.min_expr), written_text(*program, clause.max_expr)};
}

}  // namespace

std::string cadence_flag_text(std::string_view input, const Duration& gap, const CadenceClause* clause,
                              const Program* program) {
  const bool before = nominal_seconds(gap) < 0;
  const Bounds b = clause ? written_bounds(*clause, program) : Bounds{};
  std::string text = fmt::format("{} came {} {} the previous one", input,
                                 words_like_range(before ? negate(gap) : gap, b.lo, b.hi), before ? "before" : "after");
  if (clause) text += "; expected " + range_words(clause->min.as_duration(), clause->max.as_duration(), b.lo, b.hi);
  return text;
}

std::string cadence_refusal_text(std::string_view input, const Duration& gap, const CadenceClause& clause,
                                 const Program& program) {
  const Bounds b = written_bounds(clause, &program);
  return fmt::format("{} comes {} after the previous one; it must be {}", input, words_like_range(gap, b.lo, b.hi),
                     range_words(clause.min.as_duration(), clause.max.as_duration(), b.lo, b.hi));
}

}  // namespace mentorflow::dsl
