// A duration is shown as the designer wrote it (issue 14, item 14), through the real CLI on a real
// store: a rules file that sets a parameter to `14days` gets "14days" in a message, "14 days" in a
// cadence flag, `120min` in a refusal's explanation; `2weeks` written in the workflow stays
// `2weeks`; a computed gap is said in the unit its range was written in (docs/LANGUAGE.md, "How
// durations are shown").
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliStore;
using mentorflow::testing::contains;

namespace {

constexpr const char* kFlow = R"(workflow mentoring "Meetings two to four weeks apart" {
  participants mentee
  staff office
  param gap_min: duration = 2weeks
  param gap_max: duration = 4weeks
  param first_call: duration = 2weeks
  param longest: duration = 2h
  case mentorship {
    party mentee: mentee
    counter meetings
    state active initial, closed final
    command join by mentee
    command log_meeting by mentee from active
      input held_on: date
      count meetings
      cadence held_on gap_min..gap_max flag
      flag "meetings come {gap_min} to {gap_max} apart; the first call is due within {first_call}" when meetings == 1
    command log_call by mentee from active
      input length: duration
      requires length <= longest
    command close by office from active to closed
  }
}
)";

constexpr const char* kRules = R"(rules for mentoring edition "1" {
  zone Europe/Rome
  set gap_min = 14days
  set gap_max = 28d
  set longest = 120min
}
)";

// An edition whose rules file sets the durations in days and minutes, and Anna's mentorship.
struct Mentoring : CliStore {
  explicit Mentoring(const std::string& rules = kRules) : CliStore("2025-02-10 10:00 Europe/Rome") {
    publish("m", kFlow, rules, "m");
    ok(exec("mentee:anna", kAnna, "join"));
  }
  static constexpr const char* kAnna = "m/mentorship/anna";
  void meeting(const std::string& on) const { ok(exec("mentee:anna", kAnna, "log_meeting", {{"held_on", on}})); }
  std::string flags() const { return ok(cli({"flags", "m"})).out; }
};

}  // namespace

TEST_CASE("a duration set in the rules file is shown as written, in messages, flags and explanations",
          "[engine][cli]") {
  Mentoring m;
  m.meeting("2025-03-01");
  m.meeting("2025-04-05");  // 35 days later: outside 14days..28d, flagged

  const std::string listed = m.flags();
  INFO(listed);
  // Not "2weeks to 4weeks apart" nor "came 5 weeks after ...; expected 2 to 4 weeks".
  CHECK(contains(listed, "meetings come 14days to 28d apart; the first call is due within 2weeks"));
  CHECK(contains(listed, "held_on came 35 days after the previous one; expected 14 to 28 days"));
  const std::string history = CliStore::ok(m.cli({"history", Mentoring::kAnna})).out;
  INFO(history);
  CHECK(contains(history, "held_on came 35 days after the previous one; expected 14 to 28 days"));

  // A refusal without a message explains itself with the values it read: `120min`, not `2h`.
  auto too_long = m.exec("mentee:anna", Mentoring::kAnna, "log_call", {{"length", "3h"}});
  INFO(too_long.err);
  CHECK(too_long.exit_code == 1);
  CHECK(contains(too_long.err, "length = 3h, longest = 120min"));
}

TEST_CASE("durations the workflow writes in weeks keep weeks, and a computed gap is said in them", "[engine][cli]") {
  Mentoring m("rules for mentoring edition \"1\" {\n  zone Europe/Rome\n}\n");
  m.meeting("2025-03-01");
  m.meeting("2025-04-06");
  const std::string listed = m.flags();
  INFO(listed);
  CHECK(contains(listed, "meetings come 2weeks to 4weeks apart; the first call is due within 2weeks"));
  CHECK(contains(listed, "held_on came 5 weeks 1 day after the previous one; expected 2 to 4 weeks"));
}
