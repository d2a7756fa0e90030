// Days and weeks are calendar durations in the edition's zone (docs/LANGUAGE.md, "Calendar
// durations"), through the real CLI on the shipped programmes: UniMi's "every 3 to 4 weeks"
// across the spring clock change, its reminder timer across the autumn one, MIE's results
// deadline a month after the application deadline, and a flag an older engine recorded in hours.
#include <catch2/catch.hpp>

#include <string>

#include "engine/audit/history.hpp"
#include "engine/events.hpp"
#include "tests/engine/command_path_fixture.hpp"
#include "tests/engine/outputs_fixture.hpp"

using namespace mentorflow::testing;
namespace engine = mentorflow::engine;
namespace events = mentorflow::engine::events;

namespace {

// One UniMi 2025-26 pair, matched on 21 October 2025 (before clocks go back on the 26th), then
// the meetings given, at 18:00 Rome time on each day.
struct UnimiMeetings : CliStore {
  explicit UnimiMeetings(const std::vector<std::string>& days) {
    Scenario s("unimi-2025/", " Europe/Rome");
    unimi_pair_matched(s);
    for (const std::string& day : days)
      s.line(day + " 20:00", "mentee:anna", "mentorship/anna", "log_meeting",
             R"({"held_on": ")" + day + R"( 18:00 Europe/Rome", "length": "90min", "mode": "online"})");
    s.run(*this);
  }
};

const std::string kMentorship = "unimi-2025/mentorship/anna";

}  // namespace

TEST_CASE("a meeting exactly 3 weeks after the previous one across the spring change is not flagged",
          "[engine][cli]") {
  // 8 March 18:00 CET to 29 March 18:00 CEST: 21 days on the calendar, 503 hours on the clock.
  UnimiMeetings pair({"2026-03-08", "2026-03-29"});
  const auto state = pair.state(kMentorship);
  CHECK(state.at("flags").empty());
  CHECK(state.at("counters").at("meetings") == 2);
  const std::string history = CliStore::ok(pair.cli({"history", kMentorship})).out;
  CHECK_FALSE(contains(history, "flagged"));
  CHECK_FALSE(contains(history, "503h"));
}

TEST_CASE("a flag says the gap and the expected range in calendar words", "[engine][cli]") {
  // 29 March to 5 April: a week, across nothing; 8 March to 19 April: six weeks across the change.
  UnimiMeetings pair({"2026-03-08", "2026-03-29", "2026-04-05"});
  const std::string history = CliStore::ok(pair.cli({"history", kMentorship})).out;
  INFO(history);
  CHECK(contains(history, "flagged: held_on came 1 week after the previous one; expected 3 to 4 weeks"));
  UnimiMeetings late({"2026-03-08", "2026-04-19"});
  const std::string late_history = CliStore::ok(late.cli({"history", kMentorship})).out;
  INFO(late_history);
  CHECK(contains(late_history, "flagged: held_on came 6 weeks after the previous one; expected 3 to 4 weeks"));
  CHECK(late.state(kMentorship).at("flags").size() == 1);
}

TEST_CASE("a timer after 4 weeks across the autumn change is due at the same local time", "[engine][cli]") {
  // Matched on Tuesday 21 October 2025 at 10:00 CEST; clocks go back on the 26th. The reminder
  // `after cadence_max` (4weeks) is due on 18 November at 10:00 CET, not 09:00.
  UnimiMeetings pair({});
  const auto timers = pair.state(kMentorship).at("timers");
  INFO(timers.dump());
  REQUIRE(timers.size() == 1);
  const std::int64_t due = timers.begin().value().get<std::int64_t>();
  CHECK(due == at("2025-11-18 10:00 Europe/Rome"));
  // It fires then, and comes back 4 weeks later at the same local time, across no change.
  CliStore::ok(pair.cli({"tick", "--now", "2025-11-18 10:00 Europe/Rome"}));
  const auto again = pair.state(kMentorship).at("timers");
  INFO(again.dump());
  REQUIRE(again.size() == 1);
  CHECK(again.begin().value().get<std::int64_t>() == at("2025-12-16 10:00 Europe/Rome"));
}

TEST_CASE("MIE's results are due 30 days after the deadline at the deadline's local time", "[engine][cli]") {
  // rules/mie-2021.rules: deadline 7 October 2021 12:30 CEST; `results_due at deadline +
  // results_after` (30days) is 6 November 12:30 CET, across the change of 31 October.
  CliStore store;
  Scenario s("mie-2021/", " Europe/Rome");
  s.publish("workflows/mie.flow", "rules/mie-2021.rules", "mie-2021", "2021-09-01 09:00 Europe/Rome");
  s.run(store);
  const auto timers = store.state("mie-2021/call").at("timers");
  INFO(timers.dump());
  bool found = false;
  for (const auto& [key, due] : timers.items())
    if (key.rfind("results_due@", 0) == 0) {
      found = true;
      CHECK(due.get<std::int64_t>() == at("2021-11-06 12:30 Europe/Rome"));
    }
  CHECK(found);
}

TEST_CASE("a flag recorded when gaps were counted in hours stays, and says why", "[engine]") {
  // As an engine before calendar durations wrote it: 503 hours is not 3 to 4 weeks, so flagged.
  CommandPath unimi("workflows/unimi-mentoring.flow", "rules/unimi-2025.rules", "unimi-2025", "2025-07-01 09:00 Europe/Rome");
  unimi.given_events(
      kMentorship,
      {{events::kCaseOpened, events::case_opened("mentorship", "unimi-2025", {{"mentee", "anna"}, {"mentor", "marco"}})},
       {events::kCadenceRecorded,
        events::cadence_recorded("held_on", "2026-03-08T18:00:00+01:00[Europe/Rome]", std::nullopt, true)},
       {events::kCadenceRecorded,
        events::cadence_recorded("held_on", "2026-03-29T18:00:00+02:00[Europe/Rome]", 503 * 3600, false)}});
  CHECK(unimi.state(kMentorship).flags.size() == 1);  // the log is the truth
  auto history = engine::audit::case_history(unimi.engine(), kMentorship);
  REQUIRE(history.is_ok());
  std::string notes;
  for (const auto& entry : history->entries)
    for (const std::string& note : entry.notes) notes += note + "\n";
  INFO(notes);
  CHECK(contains(notes, "flagged: held_on came 3 weeks after the previous one; expected 3 to 4 weeks (503h on the "
                        "clock: flagged when gaps were counted in elapsed hours)\n"));
}
