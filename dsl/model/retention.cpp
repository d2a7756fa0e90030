#include "dsl/model/retention.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "dsl/time/civil_time.hpp"

namespace mentorflow::dsl {

Retention retention_of(std::int64_t amount, const std::string& unit) {
  Retention r;
  r.written = fmt::format("{}{}", amount, unit);
  r.amount = amount;
  if (unit == "year" || unit == "years") r.unit = Retention::Unit::kYears;
  else if (unit == "month" || unit == "months") r.unit = Retention::Unit::kMonths;
  else if (unit == "w" || unit == "week" || unit == "weeks") r.unit = Retention::Unit::kDays, r.amount = amount * 7;
  else r.unit = Retention::Unit::kDays;
  return r;
}

std::int64_t retention_due_day(const Retention& retention, std::int64_t closed_on) {
  if (retention.unit == Retention::Unit::kDays) return closed_on + retention.amount + 1;
  const CivilDate d = civil_from_days(closed_on);
  const std::int64_t months = retention.unit == Retention::Unit::kYears ? retention.amount * 12 : retention.amount;
  const std::int64_t index = std::int64_t{d.year} * 12 + (d.month - 1) + months;
  const int year = static_cast<int>(index / 12), month = static_cast<int>(index % 12) + 1;
  return days_from_civil(year, month, std::min(d.day, days_in_month(year, month))) + 1;
}

std::string retention_words(const Retention& retention) {
  const char* unit = "days";
  std::int64_t amount = retention.amount;
  if (retention.unit == Retention::Unit::kYears) unit = amount == 1 ? "year" : "years";
  else if (retention.unit == Retention::Unit::kMonths) unit = amount == 1 ? "month" : "months";
  else if (amount % 7 == 0 && retention.written.find('w') != std::string::npos) amount /= 7, unit = amount == 1 ? "week" : "weeks";
  else if (amount == 1) unit = "day";
  return fmt::format("{} {}", amount, unit);
}

}  // namespace mentorflow::dsl
