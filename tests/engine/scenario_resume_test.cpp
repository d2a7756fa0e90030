// Resuming a scenario (issue 13, "Retries are safe"): every line has a key, a command's recorded
// with it and every line's marking what it writes, so a run stopped after any line and resumed
// ends with exactly the log of an uninterrupted run; run again without --resume it applies
// nothing twice; a line dated before the store's last event is refused with both times.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "engine/idempotency.hpp"
#include "engine/imports/scenario.hpp"
#include "store/event_store.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;
using mentorflow::testing::contains;
using mentorflow::testing::source_dir;
using mentorflow::testing::TempDir;

namespace {

const std::string kSubmit =
    R"("inputs": {"degree": "bachelor", "year": 2, "certificate_language": "french", "certified_level": "B2", "cv": {"it": "a.pdf", "foreign": "b.pdf"}, "letter": {"it": "c.pdf", "foreign": "d.pdf"}, "certificate": "e.pdf"})";

// MIE 2021 from publishing to a tick after two meetings: commands accepted and refused, lines
// at the same time, ticks that fire timers, an explicit key.
const std::string kScenario =
    R"(# resumable
{"publish": {"workflow": "workflows/mie.flow", "rules": "rules/mie-2021.rules", "edition": "mie-2021"}, "now": "2021-09-01 09:00 Europe/Rome"}
{"now": "2021-09-02 09:00 Europe/Rome", "as": "mentor:marco", "case": "mie-2021/project/lyon", "command": "offer_project", "inputs": {"host": "Institut Lumiere", "country": "France", "sector": "film", "language": "french"}}
{"now": "2021-09-02 10:00 Europe/Rome", "as": "staff:carla", "case": "mie-2021/project/lyon", "command": "publish_project"}
{"now": "2021-09-20 10:00 Europe/Rome", "as": "student:anna", "case": "mie-2021/application/anna", "command": "start_application", "inputs": {"project": "mie-2021/project/lyon"}}
{"now": "2021-09-20 10:00 Europe/Rome", "as": "student:bruno", "case": "mie-2021/application/bruno", "command": "start_application", "inputs": {"project": "mie-2021/project/lyon"}}

{"now": "2021-09-21 10:00 Europe/Rome", "as": "student:anna", "case": "mie-2021/application/anna", "command": "submit", )" +
    kSubmit + R"(}
{"now": "2021-09-21 10:00 Europe/Rome", "as": "student:anna", "case": "mie-2021/application/anna", "command": "submit", )" +
    kSubmit + R"(, "expect": "refused"}
{"tick": true, "now": "2021-10-08 09:00 Europe/Rome"}
{"now": "2021-10-08 09:00 Europe/Rome", "as": "student:bruno", "case": "mie-2021/application/bruno", "command": "submit", )" +
    kSubmit + R"(, "expect": "refused"}
{"now": "2021-10-09 10:00 Europe/Rome", "as": "staff:carla", "case": "mie-2021/application/anna", "command": "confirm_match"}
{"now": "2021-10-10 10:00 Europe/Rome", "as": "student:anna", "case": "mie-2021/mentorship/anna", "command": "sign_agreement_as_mentee"}
{"now": "2021-10-10 11:00 Europe/Rome", "as": "mentor:marco", "case": "mie-2021/mentorship/anna", "command": "sign_agreement_as_mentor"}
{"now": "2021-10-11 10:00 Europe/Rome", "as": "student:anna", "case": "mie-2021/mentorship/anna", "command": "send_agreement", "inputs": {"topics": "film", "agreement": "agreement.pdf"}}
{"now": "2021-11-02 19:00 Europe/Rome", "as": "mentor:marco", "case": "mie-2021/mentorship/anna", "command": "log_meeting", "inputs": {"held_on": "2021-11-02T18:00:00+01:00", "length": "90min"}}
{"now": "2021-11-30 19:00 Europe/Rome", "as": "mentor:marco", "case": "mie-2021/mentorship/anna", "command": "log_meeting", "inputs": {"held_on": "2021-11-30T18:00:00+01:00", "length": "90min"}, "key": "second meeting"}
{"tick": true, "now": "2022-03-01 09:00 Europe/Rome"}
)";

// The first `count` lines of `text`.
std::string first_lines(const std::string& text, int count) {
  std::size_t end = 0;
  for (int i = 0; i < count && end != std::string::npos; ++i) {
    end = text.find('\n', end);
    if (end != std::string::npos) ++end;
  }
  return end == std::string::npos ? text : text.substr(0, end);
}

int line_count(const std::string& text) { return static_cast<int>(std::count(text.begin(), text.end(), '\n')); }

// A store of its own; each run() opens it afresh, as a new `mentorflow run` process would.
struct Store {
  TempDir dir;
  ManualClock clock{0};

  imports::ScenarioSummary run(const std::string& text, bool resume, std::vector<imports::LineReport>* reports = nullptr,
                               bool keep_going = false) {
    auto opened = store::EventStore::open(dir / "store", {.clock = &clock});
    REQUIRE(opened.is_ok());
    Engine engine(**opened, clock);
    imports::ScenarioOptions options;
    options.base_dir = source_dir();
    options.name = "resumable.jsonl";
    options.resume = resume;
    options.keep_going = keep_going;
    if (reports) options.on_line = [&](const imports::LineReport& r) { reports->push_back(r); };
    const imports::Scenario scenario = imports::parse_scenario(text);
    REQUIRE(scenario.malformed.empty());
    auto summary = imports::run_scenario(engine, clock, scenario, options);
    REQUIRE(summary.is_ok());
    return *summary;
  }

  std::vector<store::Event> log() {
    auto opened = store::EventStore::open(dir / "store", {.read_only = true, .clock = &clock});
    REQUIRE(opened.is_ok());
    auto events = (*opened)->read_all(1, 100000);
    REQUIRE(events.is_ok());
    return *events;
  }
};

}  // namespace

TEST_CASE("a scenario stopped after any line and resumed ends with the log of an uninterrupted run",
          "[engine][scenario]") {
  Store whole;
  const auto summary = whole.run(kScenario, false);
  REQUIRE(summary.all_as_expected());
  REQUIRE(summary.timers_fired > 0);
  const std::vector<store::Event> expected = whole.log();

  for (int stop = 0; stop <= line_count(kScenario); ++stop) {
    INFO("stopped after line " << stop);
    Store s;
    s.run(first_lines(kScenario, stop), false);
    std::vector<imports::LineReport> reports;
    const auto resumed = s.run(kScenario, true, &reports);
    CHECK(resumed.all_as_expected());
    const std::vector<store::Event> log = s.log();
    REQUIRE(log.size() == expected.size());
    CHECK(log == expected);
    // ... and resuming a finished run changes nothing.
    const auto again = s.run(kScenario, true);
    CHECK(again.all_as_expected());
    CHECK(s.log() == expected);
  }
}

TEST_CASE("resuming reports the lines it skips", "[engine][scenario]") {
  Store s;
  s.run(first_lines(kScenario, 8), false);  // up to anna's submit
  std::vector<imports::LineReport> reports;
  const auto resumed = s.run(kScenario, true, &reports);
  CHECK(resumed.resumed_after == 8);
  CHECK(resumed.skipped == 6);  // lines 2 to 8 (line 1 is a comment, line 7 blank)
  REQUIRE(reports.size() >= 7);
  CHECK(reports[0].skipped);
  CHECK(reports[0].what == "skipped: already run (the log ends with line 8's events)");
  CHECK(reports[5].skipped);
  CHECK_FALSE(reports[6].skipped);
  CHECK(reports[6].line->number == 9);
}

TEST_CASE("every line's key is recorded: commands with it, the correlation id of all a line writes",
          "[engine][scenario]") {
  Store s;
  s.run(kScenario, false);
  bool explicit_key = false, tick_marked = false;
  for (const store::Event& e : s.log()) {
    const std::string& c = e.metadata.correlation_id;
    CHECK((c.starts_with("run:resumable.jsonl:") || c.starts_with("second meeting")));
    if (e.type == "CommandAccepted" && e.actor.role != "system") {
      auto p = e.payload_json();
      REQUIRE(p.is_ok());
      CHECK(p->at("key") == c);
      explicit_key = explicit_key || c == "second meeting";
    }
    if (e.type == "TimerFired") tick_marked = tick_marked || c.starts_with("run:resumable.jsonl:10 timer:");
  }
  CHECK(explicit_key);
  CHECK(tick_marked);
}

TEST_CASE("run again without resuming, a scenario applies nothing twice", "[engine][scenario]") {
  Store s;
  s.run(kScenario, false);
  const std::vector<store::Event> once = s.log();
  std::vector<imports::LineReport> reports;
  const auto again = s.run(kScenario, false, &reports, /*keep_going=*/true);
  CHECK(s.log() == once);
  CHECK_FALSE(again.all_as_expected());
  CHECK(again.accepted == 0);
  // Lines dated before the store's last event are refused for that; the last tick is not.
  REQUIRE(!reports.empty());
  CHECK(contains(reports[0].what, "\"now\": \"2021-09-01 09:00 Europe/Rome\" (2021-09-01T07:00:00.000000Z) is before "
                                  "the time of the store's last event ("));
  CHECK(contains(reports[0].what, "the log's time never goes back; nothing of this line was written"));
}

TEST_CASE("a command line already recorded is unexpected without --resume, and writes nothing", "[engine][scenario]") {
  Store s;
  const std::string two = first_lines(kScenario, 4);  // publish, offer and publish the project
  s.run(two, false);
  const auto once = s.log();
  // The same lines again, at a later time: their keys are recorded.
  std::string later = two;
  for (std::size_t at = later.find("2021-09-0"); at != std::string::npos; at = later.find("2021-09-0", at))
    later.replace(at, 9, "2021-09-1");
  std::vector<imports::LineReport> reports;
  const auto again = s.run(later, false, &reports, true);
  CHECK(s.log() == once);
  CHECK(again.unexpected == 2);
  CHECK(contains(reports[1].what, "offer_project on mie-2021/project/lyon as mentor:marco was already recorded by an "
                                  "earlier run (key 'run:resumable.jsonl:3', positions "));
  CHECK(contains(reports[1].what, "nothing was written (--resume continues a run that was killed)"));
  // With --resume they are skipped as already in the log.
  reports.clear();
  const auto resumed = s.run(later, true, &reports);
  CHECK(resumed.all_as_expected());
  CHECK(s.log() == once);
}

TEST_CASE("a scenario line dated before the store's last event is refused, nothing of it written", "[engine][scenario]") {
  Store s;
  s.run(first_lines(kScenario, 5), false);  // the last event at 2021-09-20 10:00 Rome
  const auto before = s.log();
  const std::string late =
      R"({"now": "2021-09-19 10:00 Europe/Rome", "as": "student:carlo", "case": "mie-2021/application/carlo", "command": "start_application", "inputs": {"project": "mie-2021/project/lyon"}})"
      "\n";
  std::vector<imports::LineReport> reports;
  const auto summary = s.run(late, false, &reports);
  CHECK(summary.unexpected == 1);
  REQUIRE(reports.size() == 1);
  CHECK_FALSE(reports[0].as_expected);
  CHECK(reports[0].what ==
        "\"now\": \"2021-09-19 10:00 Europe/Rome\" (2021-09-19T08:00:00.000000Z) is before the time of the store's last "
        "event (2021-09-20T08:00:00.000000Z, at position " +
            std::to_string(before.size()) + "): the log's time never goes back; nothing of this line was written");
  CHECK(s.log() == before);
}

TEST_CASE("a scenario line's key is checked and must be its own", "[engine][scenario]") {
  const std::string t = R"("now": "2021-09-20 10:00 Europe/Rome")";
  auto s = imports::parse_scenario("{\"tick\": true, " + t + ", \"key\": \"\"}\n{\"tick\": true, " + t +
                                   ", \"key\": 7}\n{\"tick\": true, " + t + ", \"key\": \"a\"}\n{\"tick\": true, " + t +
                                   ", \"key\": \"a\"}\n");
  REQUIRE(s.malformed.size() == 3);
  CHECK(s.malformed[0].message == "\"key\": an idempotency key must not be empty");
  CHECK(s.malformed[1].message == "\"key\" must be a string, not 7");
  CHECK(s.malformed[2].number == 4);
  CHECK(s.malformed[2].message == "\"key\": \"a\" is line 3's key already: each line has its own");
  CHECK(imports::line_key(s.lines[0], "s.jsonl") == "a");
  imports::ScenarioLine plain;
  plain.number = 12;
  CHECK(imports::line_key(plain, "s.jsonl") == "run:s.jsonl:12");
  CHECK(imports::line_key(plain, "sc\xc3\xa9nario.jsonl").starts_with("run:"));
  CHECK(imports::line_key(plain, "sc\xc3\xa9nario.jsonl").ends_with(":12"));
  CHECK(engine::check_key(imports::line_key(plain, "sc\xc3\xa9nario.jsonl")).is_ok());
}
