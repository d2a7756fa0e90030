#include "dsl/time/calendar.hpp"

#include "dsl/time/civil_time.hpp"
#include "dsl/time/time_text.hpp"
#include "dsl/time/time_zone.hpp"

namespace mentorflow::dsl {

namespace {

// 0001-01-01 and 9999-12-31 in seconds since 1970: the years a date-time may have.
constexpr std::int64_t kFirstSecond = days_from_civil(1, 1, 1) * kSecondsPerDay;
constexpr std::int64_t kLastSecond = (days_from_civil(9999, 12, 31) + 1) * kSecondsPerDay - 1;

bool in_range(std::int64_t seconds) { return seconds >= kFirstSecond && seconds <= kLastSecond; }

}  // namespace

std::int64_t start_of_day(std::int64_t days, const std::string& zone) {
  const TimeZone* z = TimeZone::find(zone);
  const std::int64_t local = days * kSecondsPerDay;
  return (z ? z->to_utc(local) : local) * kMicrosPerSecond;
}

std::optional<std::int64_t> add_duration(std::int64_t from, const Duration& d, const std::string& zone) {
  if (!fits(d)) return std::nullopt;
  const std::int64_t seconds = floor_div(from, kMicrosPerSecond);
  const std::int64_t fraction = from - seconds * kMicrosPerSecond;
  if (!in_range(seconds)) return std::nullopt;
  std::int64_t utc = seconds;
  if (d.days != 0) {
    const TimeZone* z = TimeZone::find(zone);
    const std::int64_t local = seconds + (z ? z->offset_at(seconds) : 0) + d.days * kSecondsPerDay;
    if (!in_range(local)) return std::nullopt;
    utc = z ? z->to_utc(local) : local;
  }
  utc += d.seconds;
  if (!in_range(utc)) return std::nullopt;
  return utc * kMicrosPerSecond + fraction;
}

Duration duration_between(std::int64_t from, std::int64_t to, const std::string& zone) {
  if (to < from) return negate(duration_between(to, from, zone));
  const TimeZone* z = TimeZone::find(zone);
  auto local_seconds = [&](std::int64_t micros) {
    const std::int64_t s = floor_div(micros, kMicrosPerSecond);
    return s + (z ? z->offset_at(s) : 0);
  };
  // Calendar days never pass `to`; the local difference is a guess off by at most one.
  auto within = [&](std::int64_t days) {
    const auto at = add_duration(from, {days, 0}, zone);
    return at && *at <= to;
  };
  std::int64_t days = floor_div(local_seconds(to) - local_seconds(from), kSecondsPerDay);
  if (days < 0) days = 0;
  while (days > 0 && !within(days)) --days;
  while (within(days + 1)) ++days;
  const std::int64_t start = add_duration(from, {days, 0}, zone).value_or(from);
  return {days, floor_div(to - start, kMicrosPerSecond)};
}

std::int64_t local_day(std::int64_t utc_micros, const std::string& zone) {
  const std::int64_t seconds = floor_div(utc_micros, kMicrosPerSecond);
  const TimeZone* z = TimeZone::find(zone);
  return floor_div(seconds + (z ? z->offset_at(seconds) : 0), kSecondsPerDay);
}

}  // namespace mentorflow::dsl
