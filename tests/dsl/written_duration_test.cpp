// Durations shown as the designer wrote them (docs/LANGUAGE.md, "How durations are shown"): a
// literal keeps its unit, in its text and in words; a parameter or constant that holds one
// unchanged shows it; a computed value shows its largest whole units.
#include <catch2/catch.hpp>

#include "dsl/eval/shown_value.hpp"
#include "dsl/time/written_duration.hpp"
#include "tests/dsl/dsl_fixture.hpp"

namespace {

using namespace mentorflow::dsl;
using namespace mentorflow::dsl::testing;

constexpr Duration kDays(std::int64_t n) { return {n, 0}; }

// The index of parameter `name`.
Index param(const Definition& d, const std::string& name) {
  for (Index i = 0; i < d.params().size(); ++i)
    if (d.params()[i].name == name) return i;
  FAIL("no parameter " << name);
  return 0;
}

}  // namespace

TEST_CASE("a duration literal is read back in its own unit, in words", "[dsl]") {
  CHECK(written_words("14days") == "14 days");
  CHECK(written_words("1w") == "1 week");
  CHECK(written_words("28d") == "28 days");
  CHECK(written_words("90min") == "90 minutes");
  CHECK(written_words("1h") == "1 hour");
  CHECK(written_words("1day 2h").empty());  // no single literal
  CHECK(written_words("-14days").empty());
  CHECK(written_as("14days", kDays(14)));
  CHECK_FALSE(written_as("14days", kDays(15)));
  CHECK(written_as("2weeks", kDays(14)));
}

TEST_CASE("a range is said in the units its ends were written in", "[dsl]") {
  CHECK(range_words(kDays(14), kDays(28), "14days", "28d") == "14 to 28 days");
  CHECK(range_words(kDays(14), kDays(28), "14days", "4weeks") == "14 days to 4 weeks");
  CHECK(range_words(kDays(14), kDays(28), "14days", "") == "14 days to 4 weeks");
  CHECK(range_words(kDays(21), kDays(28), "", "") == "3 to 4 weeks");
  CHECK(range_words(kDays(21), kDays(28), "3weeks", "4weeks") == "3 to 4 weeks");
  // A text that is not the value's is not used.
  CHECK(range_words(kDays(14), kDays(28), "15days", "28d") == "2 weeks to 28 days");

  CHECK(words_like_range(kDays(35), "14days", "28d") == "35 days");
  CHECK(words_like_range(kDays(35), "2weeks", "4weeks") == "5 weeks");
  CHECK(words_like_range(kDays(36), "2weeks", "4weeks") == "5 weeks 1 day");
  CHECK(words_like_range(kDays(36), "", "") == "5 weeks 1 day");
  CHECK(words_like_range({1, 3600}, "14days", "28d") == "1 day 1 hour");
}

TEST_CASE("parameters and constants keep the text they were written as", "[dsl]") {
  auto b = build(R"(workflow w "W" {
  participants student
  param gap: duration = 2weeks
  param same: duration = gap
  param later: duration = gap + 0days
  param words: duration = 2weeks
  param meetings: int = 3
  case c { party student: student state s initial, t final command go by student from s to t }
}
)",
                 R"(rules for w edition "1" {
  set gap = 14days
  let grace = 90min
}
)");
  const Definition& d = b->def();
  const Program& p = d.program();
  CHECK(shown_param(p, param(d, "gap")) == "14days");
  CHECK(shown_param(p, param(d, "same")) == "14days");  // the parameter unchanged
  CHECK(shown_param(p, param(d, "later")) == "2weeks");   // computed: its largest whole unit
  CHECK(shown_param(p, param(d, "words")) == "2weeks");
  CHECK(shown_param(p, param(d, "meetings")) == "3");
  REQUIRE(p.lets.size() == 1);
  CHECK(p.lets[0].written == "90min");
}
