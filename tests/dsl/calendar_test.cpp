// Calendar durations (docs/LANGUAGE.md, "Calendar durations"): days and weeks keep the local time
// of day in the edition's zone, hours and minutes are elapsed; a duration keeps the two parts
// apart, as text and in arithmetic; local times in a spring gap move forward by the gap, in an
// autumn overlap take the earlier instant.
#include <catch2/catch.hpp>

#include "dsl/eval/cadence.hpp"
#include "dsl/eval/eval.hpp"
#include "dsl/time/calendar.hpp"
#include "dsl/time/civil_time.hpp"
#include "dsl/time/time_text.hpp"
#include "dsl/time/time_zone.hpp"
#include "tests/dsl/dsl_fixture.hpp"

namespace {

using namespace mentorflow::dsl;
using namespace mentorflow::dsl::testing;

std::int64_t instant(const std::string& text) {
  auto t = parse_datetime(text);
  REQUIRE(t);
  return t->utc_micros;
}

constexpr Duration kThreeWeeks{21, 0};
constexpr std::int64_t kHour = 3600;

const char* kWorkflow = R"(workflow w "Calendar" {
  participants p
  param deadline: datetime = 2021-10-07 12:30 Europe/Rome
  param results_after: duration = 30days
  rule later(t: datetime, d: duration): datetime = t + d
  rule earlier(t: datetime, d: duration): datetime = t - d
  rule gap(a: datetime, b: datetime): duration = b - a
  rule within(a: datetime, b: datetime): bool = b - a in 3weeks..4weeks
  rule results(): datetime = deadline + results_after
  rule days_later(d: date, n: duration): date = d + n
  rule span(a: date, b: date): duration = b - a
  case c { party p: p state s initial, t final command go by p from s to t }
}
)";

// Calls rule `name` of `b` with `args`; its value, which must be computed.
Value call(const Built& b, const std::string& name, std::vector<Value> args) {
  auto rule = b.def().find_rule(name);
  REQUIRE(rule);
  Evaluation e = call_rule(b.def().program(), *rule, args, EvalEnv{}, false);
  INFO((e.error ? e.error->message : ""));
  REQUIRE(e.ok());
  return e.value;
}

}  // namespace

TEST_CASE("days and weeks keep the local time across clock changes, hours are elapsed", "[dsl]") {
  const std::int64_t march8 = instant("2026-03-08 18:00 Europe/Rome");
  CHECK(add_duration(march8, kThreeWeeks, "Europe/Rome") == instant("2026-03-29 18:00 Europe/Rome"));
  CHECK(add_duration(march8, {0, 21 * 24 * kHour}, "Europe/Rome") == instant("2026-03-29 19:00 Europe/Rome"));
  CHECK(add_duration(march8, {21, -kHour}, "Europe/Rome") == instant("2026-03-29 17:00 Europe/Rome"));
  // 503 hours on the clock, three weeks on the calendar.
  CHECK(instant("2026-03-29 18:00 Europe/Rome") - march8 == 503 * kHour * 1'000'000);
  CHECK(duration_between(march8, instant("2026-03-29 18:00 Europe/Rome"), "Europe/Rome") == kThreeWeeks);
  CHECK(duration_between(march8, instant("2026-03-29 17:30 Europe/Rome"), "Europe/Rome") == Duration{20, 22 * kHour + 1800});
  CHECK(duration_between(instant("2026-03-29 18:00 Europe/Rome"), march8, "Europe/Rome") == Duration{-21, 0});
  // Autumn: a calendar day of 25 hours.
  const std::int64_t oct24 = instant("2026-10-24 18:00 Europe/Rome");
  CHECK(add_duration(oct24, {1, 0}, "Europe/Rome") == oct24 + 25 * kHour * 1'000'000);
  CHECK(duration_between(oct24, oct24 + 24 * kHour * 1'000'000, "Europe/Rome") == Duration{0, 24 * kHour});
}

TEST_CASE("a local time in the spring gap moves forward by the gap, in the autumn overlap it is the earlier", "[dsl]") {
  // Clocks go from 02:00 to 03:00 on 29 March 2026: a day after 28 March 02:30 is 03:30.
  CHECK(add_duration(instant("2026-03-28 02:30 Europe/Rome"), {1, 0}, "Europe/Rome") ==
        instant("2026-03-29T03:30:00+02:00[Europe/Rome]"));
  // Clocks go from 03:00 back to 02:00 on 25 October 2026: a day after 24 October 02:30 is the
  // first 02:30, in summer time.
  CHECK(add_duration(instant("2026-10-24 02:30 Europe/Rome"), {1, 0}, "Europe/Rome") ==
        instant("2026-10-25T02:30:00+02:00[Europe/Rome]"));
  // Read from a person, such a time is refused instead (value_test); the zone reads it as above.
  const TimeZone* rome = TimeZone::find("Europe/Rome");
  const std::int64_t overlap = days_from_civil(2026, 10, 25) * kSecondsPerDay + 2 * 3600 + 1800;
  CHECK(rome->to_utc(overlap) * kMicrosPerSecond == instant("2026-10-25T02:30:00+02:00[Europe/Rome]"));
  const TimeZone::Reading twice = rome->read(overlap);
  CHECK(twice.instants == 2);
  CHECK(twice.later - twice.earlier == 3600);
  CHECK(rome->read(days_from_civil(2026, 3, 29) * kSecondsPerDay + 2 * 3600 + 1800).instants == 0);
}

TEST_CASE("a duration keeps its calendar and elapsed parts, as text and as a value", "[dsl]") {
  CHECK(format_duration({21, 0}) == "3weeks");
  CHECK(format_duration({1, 0}) == "1day");
  CHECK(format_duration({30, 0}) == "30days");
  CHECK(format_duration({0, 48 * kHour}) == "48h");  // elapsed: not "2days"
  CHECK(format_duration({0, 5400}) == "90min");
  CHECK(format_duration({1, 2 * kHour}) == "1day 2h");
  CHECK(format_duration({1, -kHour}) == "1day -1h");
  CHECK(format_duration({}) == "0s");
  for (const Duration d : {Duration{21, 0}, Duration{0, 48 * kHour}, Duration{1, 2 * kHour}, Duration{1, -kHour},
                           Duration{-3, 0}, Duration{0, 45}, Duration{}})
    CHECK(parse_duration(format_duration(d)) == d);
  CHECK_FALSE(parse_duration("1day  2h"));
  CHECK_FALSE(parse_duration("1day "));
  CHECK(duration_words({21, 0}) == "3 weeks");
  CHECK(duration_words({9, 0}) == "1 week 2 days");
  CHECK(duration_words({20, 22 * kHour + 1800}) == "2 weeks 6 days 22 hours 30 minutes");
  CHECK(duration_range_words({21, 0}, {28, 0}) == "3 to 4 weeks");
  CHECK(duration_range_words({10, 0}, {14, 0}) == "10 to 14 days");
  CHECK(duration_range_words({0, kHour}, {0, 2 * kHour}) == "1 to 2 hours");
  CHECK(duration_range_words({10, 0}, {0, 2 * kHour}) == "1 week 3 days to 2 hours");
  // Ordered by length, a day as 24h; of equal lengths, more calendar days is more.
  CHECK(compare(Value::duration({0, 25 * kHour}), Value::duration({1, 0})) > 0);
  CHECK(compare(Value::duration({0, 24 * kHour}), Value::duration({1, 0})) < 0);
  CHECK(Value::duration({20, 22 * kHour}).as_duration() == Duration{20, 22 * kHour});
  CHECK(Value::duration({-3, 5}).as_duration() == Duration{-3, 5});
}

TEST_CASE("date arithmetic in expressions counts days in the calendar", "[dsl]") {
  auto b = build(kWorkflow, R"(rules for w edition "e" { zone Europe/Rome })");
  const Value march8 = datetime("2026-03-08 18:00 Europe/Rome");
  const Value march29 = datetime("2026-03-29 18:00 Europe/Rome");
  CHECK(call(*b, "later", {march8, Value::duration(kThreeWeeks)}) == march29);
  CHECK(call(*b, "later", {march8, Value::duration({0, 503 * kHour})}) == march29);
  CHECK(call(*b, "earlier", {march29, Value::duration(kThreeWeeks)}) == march8);
  CHECK(call(*b, "gap", {march8, march29}).display() == "3weeks");
  CHECK(call(*b, "within", {march8, march29}) == Value::boolean(true));
  CHECK(call(*b, "within", {march8, datetime("2026-03-29 17:59 Europe/Rome")}) == Value::boolean(false));
  // A deadline: 30 days after 7 October 12:30 (summer time) is 6 November 12:30 (winter time).
  CHECK(call(*b, "results", {}).display() == "2021-11-06 12:30 Europe/Rome");
  // A date-time given in UTC still counts days in the edition's zone.
  CHECK(call(*b, "later", {datetime("2026-03-08T17:00:00Z"), Value::duration(kThreeWeeks)}) ==
        datetime("2026-03-29T16:00:00Z"));
  const Value d = call(*b, "days_later", {Value::date(0), Value::duration({0, 48 * kHour})});
  CHECK(d.display() == "1970-01-03");
}

TEST_CASE("a cadence gap is within its range when previous + min <= this <= previous + max", "[dsl]") {
  const Value march8 = datetime("2026-03-08 18:00 Europe/Rome");
  CHECK(cadence_within(march8, datetime("2026-03-29 18:00 Europe/Rome"), {21, 0}, {28, 0}, "Europe/Rome"));
  CHECK(cadence_within(march8, datetime("2026-04-05 18:00 Europe/Rome"), {21, 0}, {28, 0}, "Europe/Rome"));
  CHECK_FALSE(cadence_within(march8, datetime("2026-03-29 17:59 Europe/Rome"), {21, 0}, {28, 0}, "Europe/Rome"));
  CHECK_FALSE(cadence_within(march8, datetime("2026-04-05 18:01 Europe/Rome"), {21, 0}, {28, 0}, "Europe/Rome"));
  const auto gap = cadence_gap(march8, datetime("2026-04-19 18:00 Europe/Rome"), "");
  REQUIRE(gap);
  CHECK(cadence_flag_text("held_on", *gap, nullptr) == "held_on came 6 weeks after the previous one");
}

TEST_CASE("a duration past its limit is an error, not a wrong value", "[dsl]") {
  CHECK_FALSE(fits(Duration{2'000'000, 0}));  // about 5,500 years of calendar days
  CHECK_FALSE(add(Duration{1'500'000, 0}, Duration{100'000, 0}));
  CHECK_FALSE(parse_duration("300000weeks"));
  CHECK(fits(Duration{1'500'000, 0}));
  auto b = build(kWorkflow, R"(rules for w edition "e" { zone Europe/Rome })");
  const auto span = b->def().find_rule("span");
  REQUIRE(span);
  const Evaluation e = call_rule(b->def().program(), *span, {Value::date(days_from_civil(1, 1, 1)),
                                                               Value::date(days_from_civil(9999, 12, 31))}, EvalEnv{}, false);
  REQUIRE(e.error);
  CHECK(e.error->message == "duration too large");
  CHECK(call(*b, "span", {Value::date(0), Value::date(21)}).display() == "3weeks");
}
