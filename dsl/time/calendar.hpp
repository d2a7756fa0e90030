#pragma once
// Calendar arithmetic on instants (docs/LANGUAGE.md, "Calendar durations"): a duration's
// calendar days move the local date-time in a zone, keeping the local time of day; its elapsed
// seconds then move the instant. What `datetime + duration`, `datetime - datetime`, `after`
// timers and cadences mean.
#include <cstdint>
#include <optional>
#include <string>

#include "dsl/time/duration.hpp"

namespace mentorflow::dsl {

// `from` (UTC micros) moved by `d` in `zone`: first d.days at the same local time (a local time
// that falls in a spring-forward gap moves forward by the gap; in an autumn overlap, the earlier
// instant), then d.seconds. An unknown zone counts as UTC. nullopt when the result is not a date-
// time the language can hold (years 1 to 9999).
std::optional<std::int64_t> add_duration(std::int64_t from, const Duration& d, const std::string& zone);

// 00:00 of the day `days` (since 1970-01-01) in `zone`, as UTC micros: where a date becomes a
// date-time (`datetime(d)`, a timer due at a date field). A midnight that falls in a spring-forward
// gap moves forward by the gap, as in add_duration. An unknown zone counts as UTC.
std::int64_t start_of_day(std::int64_t days, const std::string& zone);

// The day (since 1970-01-01) the instant `utc_micros` falls on in `zone`. An unknown zone counts as UTC.
std::int64_t local_day(std::int64_t utc_micros, const std::string& zone);

// How far `to` is from `from` as a person counts it in `zone`: the most whole calendar days that
// do not pass `to`, then the elapsed rest (under 24h, or 25h across an autumn change), so that
// from + result == to. Negative (both parts) when `to` is before `from`.
Duration duration_between(std::int64_t from, std::int64_t to, const std::string& zone);

// The zone calendar days are counted in for a date-time read in `own_zone`: the edition's zone
// (`edition_zone`, its rules file's `zone`) when it has one, else the date-time's own.
inline const std::string& calendar_zone(const std::string& edition_zone, const std::string& own_zone) {
  return edition_zone.empty() ? own_zone : edition_zone;
}

}  // namespace mentorflow::dsl
