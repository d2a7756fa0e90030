#pragma once
// Dates, date-times and durations as text, in the language's own notation (docs/LANGUAGE.md):
// `2025-09-01`, `2021-10-07 12:30 Europe/Rome`, `90min`, `3weeks`; and RFC 3339 for JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dsl/time/duration.hpp"

namespace mentorflow::dsl {

inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;

// `amount` of a unit as written in a duration literal: calendar days (d, day, days, w, week, weeks)
// or elapsed time (min, h; and s for JSON); nullopt for an unknown unit or too large an amount.
std::optional<Duration> duration_of(std::int64_t amount, std::string_view unit);

// "2025-09-01".
std::string format_date(std::int64_t days);
// "2021-10-07 12:30 Europe/Rome" (seconds and microseconds shown only when not zero). An unknown
// zone prints the UTC time with the zone name.
std::string format_datetime(std::int64_t utc_micros, const std::string& zone);
// RFC 3339 with the zone in brackets: "2021-10-07T12:30:00+02:00[Europe/Rome]"; an offset that is
// no whole number of minutes (local mean time, before 1900 or so) is written to the second, "+01:44:24".
std::string format_datetime_json(std::int64_t utc_micros, const std::string& zone);
// Each part in its largest whole unit, calendar first: "3weeks", "1week", "30days", "2h", "48h",
// "90min", "45s", "1day 2h"; negative with '-' ("-1day", "1day -1h"); "0s" for nothing.
std::string format_duration(const Duration& d);
// In words, as a flag or a refusal says it to a person: "3 weeks", "1 week 2 days", "20 days 22
// hours 30 minutes", "2 hours".
std::string duration_words(const Duration& d);
// A range in words: "3 to 4 weeks" when both ends are in one unit, else "10 days to 2 weeks".
std::string duration_range_words(const Duration& lo, const Duration& hi);

// "2025-09-01" (a valid date) -> days since 1970.
std::optional<std::int64_t> parse_date(std::string_view text);
// Wall-clock time in `zone` -> UTC micros; nullopt when the zone is unknown.
std::optional<std::int64_t> local_to_utc_micros(std::int64_t days, int hour, int minute, int second,
                                                const std::string& zone);

// How a refusal tells a person to name one of the two instants of an autumn hour: by its offset
// (JSON, CLI: "2021-10-31T02:30:00+01:00[Europe/Rome]"), or in UTC (a literal of a rules file).
enum class DoubtAdvice { kOffset, kUtc };
// Why wall-clock time `local_seconds` (seconds since 1970 as if local were UTC) in `zone` names no
// single instant, as a sentence: it falls in the spring-forward gap ("does not exist"), or in the
// autumn hour that happens twice. Empty when it names one instant or the zone is unknown.
std::string local_time_doubt(std::int64_t local_seconds, const std::string& zone, DoubtAdvice advice);

struct ParsedDateTime {
  std::int64_t utc_micros = 0;
  std::string zone;
};
// "2021-10-07 12:30 Europe/Rome", "2021-10-07T12:30:00+02:00[Europe/Rome]",
// "2021-10-07T10:30:00Z", "2021-10-07T12:30:00.25+02:00" (zone UTC when only an offset is given).
// A bracketed zone must agree with the offset. nullopt for anything else; when the text has the
// form of a date-time but names no single instant (a local time in a spring gap, one in an autumn
// overlap without its offset, an offset the zone does not have then), `*why` says so in a sentence.
std::optional<ParsedDateTime> parse_datetime(std::string_view text, std::string* why = nullptr);
// "90min", "2h", "3weeks", "45s", "-1day", "1day 2h" (format_duration's form) -> the duration.
std::optional<Duration> parse_duration(std::string_view text);

}  // namespace mentorflow::dsl
