#include "dsl/time/duration.hpp"

#include <cmath>

#include "dsl/time/civil_time.hpp"

namespace mentorflow::dsl {

namespace {

constexpr int kDayBits = 24;  // the low bits of a word: calendar days, centred on zero
constexpr std::int64_t kDayUnit = std::int64_t{1} << kDayBits;

}  // namespace

std::int64_t nominal_seconds(const Duration& d) { return d.days * kSecondsPerDay + d.seconds; }

bool fits(const Duration& d) {
  auto within = [](std::int64_t s) { return s <= kMaxDurationSeconds && s >= -kMaxDurationSeconds; };
  return within(d.seconds) && d.days <= kMaxDurationSeconds / kSecondsPerDay &&
         d.days >= -kMaxDurationSeconds / kSecondsPerDay && within(nominal_seconds(d));
}

std::int64_t duration_word(const Duration& d) { return nominal_seconds(d) * kDayUnit + d.days; }

Duration duration_of_word(std::int64_t word) {
  std::int64_t days = word & (kDayUnit - 1);
  if (days >= kDayUnit / 2) days -= kDayUnit;
  const std::int64_t nominal = (word - days) / kDayUnit;
  return {days, nominal - days * kSecondsPerDay};
}

bool duration_word_fits(std::int64_t word) {
  const Duration d = duration_of_word(word);
  return fits(d) && duration_word(d) == word;
}

std::optional<Duration> add(const Duration& d, const Duration& e) {
  const Duration r{d.days + e.days, d.seconds + e.seconds};
  return fits(d) && fits(e) && fits(r) ? std::optional(r) : std::nullopt;
}

std::optional<Duration> subtract(const Duration& d, const Duration& e) { return add(d, negate(e)); }

Duration negate(const Duration& d) { return {-d.days, -d.seconds}; }

std::optional<Duration> scale(const Duration& d, double factor) {
  const double days = static_cast<double>(d.days) * factor;
  const double whole = std::trunc(days);
  const double seconds = static_cast<double>(d.seconds) * factor + (days - whole) * static_cast<double>(kSecondsPerDay);
  const double limit = static_cast<double>(kMaxDurationSeconds);
  if (!std::isfinite(days) || !std::isfinite(seconds) || std::fabs(whole) * kSecondsPerDay > limit ||
      std::fabs(seconds) > limit)
    return std::nullopt;
  const Duration r{static_cast<std::int64_t>(whole), std::llround(seconds)};
  return fits(r) ? std::optional(r) : std::nullopt;
}

}  // namespace mentorflow::dsl
