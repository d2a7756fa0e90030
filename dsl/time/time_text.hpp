#pragma once
// Dates, date-times and durations as text, in the language's own notation (docs/LANGUAGE.md):
// `2025-09-01`, `2021-10-07 12:30 Europe/Rome`, `90min`, `3weeks`; and RFC 3339 for JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorflow::dsl {

inline constexpr std::int64_t kMicrosPerSecond = 1'000'000;

// Seconds of one unit as written in a duration literal (min, h, d, day, days, w, week, weeks; and
// s for JSON), or nullopt for an unknown unit.
std::optional<std::int64_t> duration_unit_seconds(std::string_view unit);

// "2025-09-01".
std::string format_date(std::int64_t days);
// "2021-10-07 12:30 Europe/Rome" (seconds and microseconds shown only when not zero). An unknown
// zone prints the UTC time with the zone name.
std::string format_datetime(std::int64_t utc_micros, const std::string& zone);
// RFC 3339 with the zone in brackets: "2021-10-07T12:30:00+02:00[Europe/Rome]".
std::string format_datetime_json(std::int64_t utc_micros, const std::string& zone);
// The largest whole unit: "3weeks", "1week", "30days", "2h", "90min", "45s"; negative with '-'.
std::string format_duration(std::int64_t seconds);

// "2025-09-01" (a valid date) -> days since 1970.
std::optional<std::int64_t> parse_date(std::string_view text);
// Wall-clock time in `zone` -> UTC micros; nullopt when the zone is unknown.
std::optional<std::int64_t> local_to_utc_micros(std::int64_t days, int hour, int minute, int second,
                                                const std::string& zone);

struct ParsedDateTime {
  std::int64_t utc_micros = 0;
  std::string zone;
};
// "2021-10-07 12:30 Europe/Rome", "2021-10-07T12:30:00+02:00[Europe/Rome]",
// "2021-10-07T10:30:00Z", "2021-10-07T12:30:00.25+02:00" (zone UTC when only an offset is given).
// A bracketed zone must agree with the offset. nullopt for anything else.
std::optional<ParsedDateTime> parse_datetime(std::string_view text);
// "90min", "2h", "3weeks", "45s", "-1day" -> seconds.
std::optional<std::int64_t> parse_duration(std::string_view text);

}  // namespace mentorflow::dsl
