#pragma once
// How long an edition keeps personal data after it closes: `retention 5years` in its rules file
// (docs/LANGUAGE.md, "Retention"; docs/PRIVACY.md, "Retention and legal holds"). Years and months
// are calendar units, so the period is counted on dates, not as a duration of the language.
#include <cstdint>
#include <string>

namespace mentorflow::dsl {

struct Retention {
  enum class Unit { kNone, kDays, kMonths, kYears };
  Unit unit = Unit::kNone;  // kNone: the rules file sets no retention
  std::int64_t amount = 0;  // of `unit` (weeks are read as 7 days)
  std::string written;      // as the rules file wrote it ("5years")

  bool set() const { return unit != Unit::kNone; }
};

// The longest retention a rules file may set, in years (a larger one is a slip, and would leave
// the calendar's range).
inline constexpr std::int64_t kMaxRetentionYears = 100;

// `retention` from a written amount and unit (year(s), month(s), w, week(s), d, day(s)).
Retention retention_of(std::int64_t amount, const std::string& unit);

// The first day (days since 1970-01-01) on which personal data of an edition that closed on day
// `closed_on` is due for erasure: the day after `closed_on` moved by the retention, a month or
// year that lands on a day its month lacks (31 March + 1 month, 29 February + 1 year) moving to
// the month's last day.
std::int64_t retention_due_day(const Retention& retention, std::int64_t closed_on);

// The period in words: "5 years", "18 months", "90 days".
std::string retention_words(const Retention& retention);

}  // namespace mentorflow::dsl
