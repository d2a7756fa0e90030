#pragma once
// A duration as a person counts it (docs/LANGUAGE.md, "Calendar durations"): a calendar part in
// days (`1day`, `3weeks`: the same local time so many days later, in the edition's zone) and an
// elapsed part in seconds (`2h`, `90min`: so much time on the clock). Added to a date-time, the
// calendar part moves the local date first, then the elapsed part moves the instant.
//
// A Value holds a duration in its one 64-bit word (dsl/value.hpp), packed so that the word is
// linear (the word of a sum is the sum of the words) and ordered by length, a day counting 24h,
// then by calendar days: `24h < 1day`. So word arithmetic and comparison stay exact.
#include <cstdint>
#include <optional>

namespace mentorflow::dsl {

struct Duration {
  std::int64_t days = 0;     // calendar days (a week is 7)
  std::int64_t seconds = 0;  // elapsed seconds

  friend bool operator==(const Duration&, const Duration&) = default;
};

// Each part, and the length, at most kMaxDurationSeconds either way (about 4,350 years; calendar
// days as 24h each): so the words of two durations that fit add without carrying between parts.
inline constexpr std::int64_t kMaxDurationSeconds = (std::int64_t{1} << 37) - 1;

// The length of `d` in seconds, a calendar day counting 24 hours: how durations compare.
std::int64_t nominal_seconds(const Duration& d);
// Whether both parts are within the limits above.
bool fits(const Duration& d);
// The packed word of `d` (which must fit), and back.
std::int64_t duration_word(const Duration& d);
Duration duration_of_word(std::int64_t word);
// Whether `word` is the word of a duration that fits (after word arithmetic, to catch overflow).
bool duration_word_fits(std::int64_t word);

// d + e, d - e, -d; nullopt when the result does not fit.
std::optional<Duration> add(const Duration& d, const Duration& e);
std::optional<Duration> subtract(const Duration& d, const Duration& e);
Duration negate(const Duration& d);
// d scaled by `factor`: each part scaled, a fraction of a calendar day carried into the elapsed
// part as 24h per day, seconds rounded; nullopt when it does not fit.
std::optional<Duration> scale(const Duration& d, double factor);

}  // namespace mentorflow::dsl
