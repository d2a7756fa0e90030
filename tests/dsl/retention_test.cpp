// `retention` periods on the calendar (dsl/model/retention.hpp): years and months land on the same
// day of the month, or its last day when the month is shorter; data is due the day after.
#include <catch2/catch.hpp>

#include "dsl/model/retention.hpp"
#include "dsl/time/civil_time.hpp"
#include "dsl/time/time_text.hpp"

using namespace mentorflow::dsl;

namespace {

std::string due(const std::string& written_amount, const std::string& unit, int y, int m, int d) {
  const Retention r = retention_of(std::stoll(written_amount), unit);
  return format_date(retention_due_day(r, days_from_civil(y, m, d)));
}

}  // namespace

TEST_CASE("a retention is counted on the calendar from the day the edition closed", "[dsl][privacy]") {
  CHECK(due("5", "years", 2026, 5, 11) == "2031-05-12");
  CHECK(due("1", "year", 2024, 2, 29) == "2025-03-01");   // 28 February 2025, then the day after
  CHECK(due("4", "years", 2024, 2, 29) == "2028-03-01");  // 29 February 2028 exists
  CHECK(due("1", "month", 2026, 1, 31) == "2026-03-01");  // 28 February, then the day after
  CHECK(due("18", "months", 2026, 4, 30) == "2027-10-31");
  CHECK(due("2", "weeks", 2026, 12, 25) == "2027-01-09");
  CHECK(due("90", "days", 2026, 4, 30) == "2026-07-30");
  CHECK(retention_words(retention_of(5, "years")) == "5 years");
  CHECK(retention_words(retention_of(1, "month")) == "1 month");
  CHECK(retention_words(retention_of(2, "w")) == "2 weeks");
  CHECK(retention_words(retention_of(90, "d")) == "90 days");
  CHECK_FALSE(Retention{}.set());
}
