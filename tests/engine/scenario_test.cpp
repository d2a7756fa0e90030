// Scenarios (engine/imports/scenario.hpp): parsing with line numbers, expected refusals and their reasons,
// stopping or going on, timers on the simulated clock; and `mentorflow run` on top of them.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "dsl/time/time_text.hpp"
#include "engine/imports/scenario.hpp"
#include "store/event_store.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;
using mentorflow::testing::CliStore;
using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;
using mentorflow::testing::TempDir;
using mentorflow::testing::contains;

namespace {

// The first lines of every scenario below: MIE 2021 published, one project open in French.
const std::string kPrelude = R"(# MIE 2021, one project
{"publish": {"workflow": "workflows/mie.flow", "rules": "rules/mie-2021.rules", "edition": "mie-2021"}, "now": "2021-09-01 09:00 Europe/Rome"}
{"now": "2021-09-02 09:00 Europe/Rome", "as": "mentor:marco", "case": "mie-2021/project/lyon", "command": "offer_project", "inputs": {"host": "Institut Lumiere", "country": "France", "sector": "film", "language": "french"}}

{"now": "2021-09-02 10:00 Europe/Rome", "as": "staff:carla", "case": "mie-2021/project/lyon", "command": "publish_project"}
)";  // 5 lines

std::string start(const std::string& who, const std::string& now = "2021-09-20 10:00 Europe/Rome",
                  const std::string& expect = "") {
  return R"({"now": ")" + now + R"(", "as": "student:)" + who + R"(", "case": "mie-2021/application/)" + who +
         R"(", "command": "start_application", "inputs": {"project": "mie-2021/project/lyon"})" + expect + "}\n";
}

std::string submit(const std::string& who, const std::string& degree, int year, const std::string& level) {
  return R"({"now": "2021-09-21 10:00 Europe/Rome", "as": "student:)" + who + R"(", "case": "mie-2021/application/)" +
         who + R"(", "command": "submit", "inputs": {"degree": ")" + degree + R"(", "year": )" + std::to_string(year) +
         R"(, "certificate_language": "french", "certified_level": ")" + level +
         R"(", "cv": {"it": "a.pdf", "foreign": "b.pdf"}, "letter": {"it": "c.pdf", "foreign": "d.pdf"}, "certificate": "e.pdf"}})"
         "\n";
}

struct Run {
  TempDir dir;
  ManualClock clock{0};
  std::unique_ptr<store::EventStore> store;
  std::unique_ptr<Engine> engine;
  std::vector<imports::LineReport> reports;
  std::vector<std::string> whats;

  Run() {
    auto opened = store::EventStore::open(dir / "store", {.clock = &clock});
    REQUIRE(opened.is_ok());
    store = std::move(*opened);
    engine = std::make_unique<Engine>(*store, clock);
  }

  imports::ScenarioSummary run(const std::string& text, bool keep_going = false) {
    const imports::Scenario scenario = imports::parse_scenario(text);
    imports::ScenarioOptions options;
    options.base_dir = source_dir();
    options.keep_going = keep_going;
    options.on_line = [&](const imports::LineReport& r) {
      reports.push_back(r);
      whats.push_back(r.what);
    };
    auto summary = imports::run_scenario(*engine, clock, scenario, options);
    REQUIRE(summary.is_ok());
    return *summary;
  }

  std::uint64_t head() const { return store->head().position; }
  std::string state(const std::string& c) {
    auto s = engine->load(c);
    return s.is_ok() ? s->state : "(none)";
  }
};

}  // namespace

TEST_CASE("a scenario is parsed line by line, comments and blank lines kept out but counted", "[engine][scenario]") {
  const imports::Scenario s = imports::parse_scenario(kPrelude + start("anna") + R"(  {"tick": true, "now": "2021-10-08 09:00 Europe/Rome"})");
  CHECK(s.malformed.empty());
  CHECK(s.physical_lines == 7);
  REQUIRE(s.lines.size() == 5);
  CHECK(s.lines[0].number == 2);
  CHECK(s.lines[0].step == imports::ScenarioStep::kPublish);
  CHECK(s.lines[0].workflow == "workflows/mie.flow");
  CHECK(s.lines[0].edition == "mie-2021");
  CHECK(s.lines[0].now == dsl::parse_datetime("2021-09-01T07:00:00Z")->utc_micros);
  CHECK(s.lines[1].number == 3);
  CHECK(s.lines[1].request.actor == store::Actor{"marco", "mentor"});
  CHECK(s.lines[1].request.inputs.at("country") == "France");
  CHECK_FALSE(s.lines[1].expect_refused);
  CHECK(s.lines[2].number == 5);
  CHECK(s.lines[2].request.inputs == nlohmann::json::object());
  CHECK(s.lines[4].step == imports::ScenarioStep::kTick);
  CHECK(s.lines[4].number == 7);
}

TEST_CASE("malformed lines are named with their number and why", "[engine][scenario]") {
  const std::string t = "2021-09-20 10:00 Europe/Rome";
  struct Bad {
    std::string line, message;
  };
  const std::vector<Bad> bad = {
      {"{not json", "not JSON"},
      {"[1, 2]", "a line is one JSON object"},
      {R"({"tick": true})", "\"now\" is missing"},
      {R"({"tick": true, "now": "yesterday"})", "\"now\": \"yesterday\" is not a date-time"},
      {R"({"tick": false, "now": ")" + t + R"("})", "\"tick\" must be true"},
      {R"({"tick": true, "now": ")" + t + R"(", "as": "staff:carla"})", "unknown key \"as\": a tick line takes"},
      {R"({"now": ")" + t + R"(", "as": "carla", "case": "mie-2021/call", "command": "x"})", "\"as\" must be ROLE:USER"},
      {R"({"now": ")" + t + R"(", "as": "staff:carla", "command": "x"})", "\"case\" is missing"},
      {R"({"now": ")" + t + R"(", "as": "staff:carla", "case": "c", "command": "x", "inputs": [1]})",
       "\"inputs\" must be an object"},
      {R"({"now": ")" + t + R"(", "as": "staff:carla", "case": "c", "command": "x", "expect": "maybe"})",
       "\"expect\" is \"accepted\" or \"refused\""},
      {R"({"now": ")" + t + R"(", "as": "staff:carla", "case": "c", "command": "x", "reason": "late"})",
       "\"reason\" goes with \"expect\": \"refused\""},
      {R"({"now": ")" + t + R"(", "as": "staff:carla", "case": "c", "command": "x", "expcet": "refused"})",
       "unknown key \"expcet\""},
      {R"({"now": ")" + t + R"(", "publish": {"workflow": "w.flow", "edition": "e"}})", "\"rules\" is missing"},
      {R"({"now": ")" + t + R"(", "tick": true, "command": "x"})", "a line either publishes"},
      {R"({"now": ")" + t + R"(", "import": {"csv": "a.csv", "into": "mie-2021", "command": "x"}})",
       "\"into\" must be EDITION/TYPE"},
      {R"({"now": ")" + t + R"(", "import": {"csv": "a.csv", "into": "e/t"}})", "\"command\" is missing"},
      {R"({"now": ")" + t + R"(", "import": {"csv": "a.csv", "into": "e/t", "command": "x", "role": "r"}})",
       "unknown key \"role\""},
      {R"({"now": ")" + t + R"("})", "a line either publishes"},
  };
  for (const Bad& b : bad) {
    INFO(b.line);
    const imports::Scenario s = imports::parse_scenario("# first\n" + b.line + "\n");
    REQUIRE(s.malformed.size() == 1);
    CHECK(s.malformed[0].number == 2);
    CHECK(contains(s.malformed[0].message, b.message));
    CHECK(s.lines.empty());
  }
}

TEST_CASE("the clock never goes back", "[engine][scenario]") {
  const imports::Scenario s = imports::parse_scenario(start("anna", "2021-09-20 10:00 Europe/Rome") +
                                    start("bruno", "2021-09-19 10:00 Europe/Rome") +
                                    start("carlo", "2021-09-20 10:00 Europe/Rome"));
  REQUIRE(s.malformed.size() == 1);
  CHECK(s.malformed[0].number == 2);
  CHECK(contains(s.malformed[0].message, "goes back in time: line 1 is at \"2021-09-20 10:00 Europe/Rome\""));
  CHECK(s.lines.size() == 2);
}

TEST_CASE("a malformed line stops the run before anything is written", "[engine][scenario]") {
  Run r;
  const std::string text = kPrelude + start("anna") + "{\"tick\": true}\n" + start("bruno");
  SECTION("without keep_going, nothing runs") {
    const imports::ScenarioSummary s = r.run(text);
    CHECK(r.head() == 0);
    CHECK(s.lines_run == 0);
    CHECK(s.lines == 6);
    CHECK(s.unexpected == 1);
    CHECK(s.stopped_at == 7);
    CHECK_FALSE(s.all_as_expected());
  }
  SECTION("with keep_going, every other line runs") {
    const imports::ScenarioSummary s = r.run(text, true);
    CHECK(s.lines_run == 5);
    CHECK(s.unexpected == 1);
    CHECK_FALSE(s.stopped_at);
    CHECK(r.state("mie-2021/application/anna") == "draft");
    CHECK(r.state("mie-2021/application/bruno") == "draft");
  }
}

TEST_CASE("expected refusals are counted, their reasons checked, and they write nothing", "[engine][scenario]") {
  Run r;
  REQUIRE(r.run(kPrelude + start("anna") + submit("anna", "bachelor", 2, "B2")).all_as_expected());
  const auto before = r.head();

  SECTION("a refusal with a matching reason") {
    const imports::ScenarioSummary s = r.run(
        R"({"now": "2021-09-22 10:00 Europe/Rome", "as": "mentor:marco", "case": "mie-2021/application/anna", "command": "confirm_match", "expect": "refused", "reason": "only staff may"})");
    CHECK(s.all_as_expected());
    CHECK(s.refused_as_expected == 1);
    CHECK(s.accepted == 0);
    CHECK(r.head() == before);
    CHECK(contains(r.whats.back(), "confirm_match on mie-2021/application/anna as mentor:marco refused as expected: role "
                                   "mentor may not confirm_match"));
  }
  SECTION("a refusal for another reason is unexpected") {
    const imports::ScenarioSummary s = r.run(
        R"({"now": "2021-09-22 10:00 Europe/Rome", "as": "student:bruno", "case": "mie-2021/application/anna", "command": "submit", "expect": "refused", "reason": "closed on"})");
    CHECK(s.unexpected == 1);
    CHECK(s.refused_as_expected == 0);
    CHECK(s.stopped_at == 1);
    CHECK(r.head() == before);
    CHECK(contains(r.whats.back(), "refused, but not for the expected reason \"closed on\": bruno is not a party of "
                                   "mie-2021/application/anna"));
  }
  SECTION("an unexpected refusal says why and writes nothing") {
    const imports::ScenarioSummary s = r.run(
        R"({"now": "2021-09-22 10:00 Europe/Rome", "as": "student:anna", "case": "mie-2021/application/anna", "command": "submit", "inputs": {}})");
    CHECK(s.unexpected == 1);
    CHECK(r.head() == before);
    CHECK(contains(r.whats.back(), "submit on mie-2021/application/anna as student:anna was refused: "));
    CHECK(contains(r.whats.back(), "submit is allowed only from 'draft'"));
  }
  SECTION("unknown cases and malformed inputs are refusals too") {
    const imports::ScenarioSummary s = r.run(
        R"({"now": "2021-09-22 10:00 Europe/Rome", "as": "staff:carla", "case": "mie-2021/application/nobody", "command": "confirm_match", "expect": "refused", "reason": "there is no case"}
{"now": "2021-09-22 10:00 Europe/Rome", "as": "staff:carla", "case": "mie-2021/application/anna", "command": "not_select", "inputs": {"reason": 7}, "expect": "refused", "reason": "reason"})");
    CHECK(s.all_as_expected());
    CHECK(s.refused_as_expected == 2);
    CHECK(r.head() == before);
  }
}

TEST_CASE("the run stops at the first unexpected outcome unless told to go on", "[engine][scenario]") {
  Run r;
  // Line 6 is a late application expected to be accepted, line 7 a normal one.
  const std::string text = kPrelude + start("anna", "2021-10-08 09:00 Europe/Rome") + start("bruno", "2021-10-08 09:00 Europe/Rome", R"(, "expect": "refused")");
  SECTION("stop") {
    const imports::ScenarioSummary s = r.run(text);
    CHECK(s.stopped_at == 6);
    CHECK(s.lines_run == 4);
    CHECK(s.unexpected == 1);
    CHECK(contains(r.whats.back(), "was refused: start_application refused on mie-2021/application/anna: "
                                   "applications for this edition closed on 2021-10-07 12:30 Europe/Rome"));
  }
  SECTION("go on") {
    const imports::ScenarioSummary s = r.run(text, true);
    CHECK_FALSE(s.stopped_at);
    CHECK(s.lines_run == 5);
    CHECK(s.unexpected == 1);
    CHECK(s.refused_as_expected == 1);
  }
  SECTION("an acceptance where a refusal was expected is unexpected too") {
    const imports::ScenarioSummary s = r.run(start("carla", "2021-09-20 10:00 Europe/Rome", R"(, "expect": "refused")") + start("dino"));
    // the edition is not published yet: carla's start is refused (as expected), dino's is not
    CHECK(s.refused_as_expected == 1);
    CHECK(s.unexpected == 1);
    CHECK(s.stopped_at == 2);
    const imports::ScenarioSummary t = r.run(kPrelude + start("ezio", "2021-09-20 10:00 Europe/Rome", R"(, "expect": "refused")"));
    CHECK(t.stopped_at == 6);
    CHECK(contains(r.whats.back(), "was expected to be refused, but it was accepted: now 'draft'"));
  }
}

TEST_CASE("lines set the simulated clock, ticks fire the timers due by then", "[engine][scenario]") {
  Run r;
  const imports::ScenarioSummary s = r.run(kPrelude + start("anna") + start("bruno") + submit("bruno", "master", 1, "B1") +
                                  R"({"tick": true, "now": "2021-10-07 12:29 Europe/Rome"}
{"tick": true, "now": "2021-10-07 12:31 Europe/Rome"}
{"tick": true, "now": "2021-10-08 12:31 Europe/Rome"})");
  CHECK(s.all_as_expected());
  CHECK(s.ticks == 3);
  CHECK(s.timers_fired == 1);
  CHECK(s.decisions == 1);  // bruno's eligibility
  CHECK(s.accepted == 5);
  CHECK(r.state("mie-2021/application/anna") == "expired");
  CHECK(r.state("mie-2021/application/bruno") == "ineligible");
  CHECK(r.state("mie-2021/call") == "evaluation");
  REQUIRE(r.whats.size() == 9);
  CHECK(r.whats[6] == "tick: 0 timers fired");
  CHECK(r.whats[7] == "tick: 1 timer fired");
  CHECK(r.whats[8] == "tick: 0 timers fired");
  REQUIRE(r.reports[7].notes.size() == 1);
  CHECK(r.reports[7].notes[0] ==
        "mie-2021/call close (due 2021-10-07 12:30 Europe/Rome): close_applications -> evaluation");
  REQUIRE(r.reports[5].notes.size() == 1);
  CHECK(contains(r.reports[5].notes[0], "master_min = B2"));

  // Every event carries the time of the line that wrote it.
  auto anna = r.store->read_stream_forward("mie-2021/application/anna", 1, 100);
  REQUIRE(anna.is_ok());
  CHECK(anna->front().recorded_at == dsl::parse_datetime("2021-09-20 10:00 Europe/Rome")->utc_micros);
  CHECK(anna->back().recorded_at == dsl::parse_datetime("2021-10-07 12:31 Europe/Rome")->utc_micros);
}

TEST_CASE("publish lines read their files relative to the scenario and may repeat", "[engine][scenario]") {
  Run r;
  const imports::ScenarioSummary s = r.run(kPrelude + R"(# again, the same texts
{"publish": {"workflow": "workflows/mie.flow", "rules": "rules/mie-2021.rules", "edition": "mie-2021"}, "now": "2021-09-03 09:00 Europe/Rome"}
{"publish": {"workflow": "workflows/mie.flow", "rules": "rules/nope.rules", "edition": "mie-2021"}, "now": "2021-09-03 09:00 Europe/Rome"})",
                                  true);
  CHECK(s.published == 3);
  CHECK(s.unexpected == 1);
  CHECK(contains(r.whats[0], "published edition mie-2021 (definition "));
  CHECK(r.whats[3] == "edition mie-2021 is already published with these texts");
  CHECK(contains(r.whats[4], "publishing edition mie-2021 failed: "));
  CHECK(contains(r.whats[4], "nope.rules"));
}

TEST_CASE("import lines open applications from a CSV export, all or nothing", "[engine][scenario]") {
  Run r;
  TempDir files;
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(files / name) << text;
    return (files / name).string();
  };
  const std::string good = write("good.csv",
                                 "user,project,full_name\n"
                                 "anna,mie-2021/project/lyon,Anna Rossi\n"
                                 "bruno,mie-2021/project/lyon,Bruno Verdi\n");
  const std::string bad = write("bad.csv",
                                "user,project\n"
                                "carlo,mie-2021/project/lyon\n"
                                "dario,mie-2021/project/nowhere\n");
  const auto line = [](const std::string& csv, const std::string& now) {
    return R"({"import": {"csv": ")" + csv + R"(", "into": "mie-2021/application", "command": "start_application"}, )"
           R"("now": ")" + now + "\"}\n";
  };
  const imports::ScenarioSummary s = r.run(kPrelude + line(good, "2021-09-20 10:00 Europe/Rome") +
                                      line(bad, "2021-09-21 10:00 Europe/Rome") +
                                      line(files.path().string() + "/missing.csv", "2021-09-22 10:00 Europe/Rome"),
                                  true);
  CHECK(s.imported == 2);
  CHECK(s.unexpected == 2);
  CHECK(r.state("mie-2021/application/anna") == "draft");
  CHECK(r.state("mie-2021/application/bruno") == "draft");
  CHECK(r.state("mie-2021/application/carlo") == "(none)");  // a bad row: nothing of the file
  REQUIRE(r.reports.size() == 6);
  CHECK(r.whats[3] == "imported 2 rows of " + good + " into mie-2021/application");
  CHECK(r.reports[3].notes.at(0) == "mie-2021/application/anna now 'draft'");
  CHECK_FALSE(r.reports[4].as_expected);
  CHECK(r.whats[4] == "importing " + bad + ": 1 row refused, nothing imported");
  CHECK(contains(r.reports[4].notes.at(0), "line 3: "));
  CHECK(contains(r.reports[4].notes.at(0), "nowhere"));
  CHECK(contains(r.whats[5], "importing " + files.path().string() + "/missing.csv failed: "));
}

TEST_CASE("mentorflow run: summary, line numbers, exit codes", "[engine][scenario][cli]") {
  CliStore cli;
  const auto file = cli.dir / "s.jsonl";
  int stores = 0;
  const auto store = [&] { return (cli.dir / ("store" + std::to_string(++stores))).string(); };
  const std::string workflows = (source_dir() / "workflows/mie.flow").string();
  const std::string rules = (source_dir() / "rules/mie-2021.rules").string();
  std::string prelude = kPrelude;
  prelude.replace(prelude.find("workflows/mie.flow"), 18, workflows);
  prelude.replace(prelude.find("rules/mie-2021.rules"), 20, rules);
  const auto write = [&](const std::string& text) { std::ofstream(file) << text; };

  write(prelude + start("anna") + start("bruno", "2021-10-08 09:00 Europe/Rome", R"(, "expect": "refused", "reason": "closed")"));
  auto ok = cli.cli({"run", file.string()}, store());
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(contains(ok.out, "5 of 5 lines run"));
  CHECK(contains(ok.out, "commands accepted         3"));
  CHECK(contains(ok.out, "refused as expected       1"));
  CHECK(contains(ok.out, "unexpected                0"));
  CHECK(contains(ok.out, "everything went as expected"));
  CHECK_FALSE(contains(ok.out, "offer_project"));  // one line per command only with --verbose

  write(prelude + start("carlo") + start("carlo") + start("dario"));
  auto stopped = cli.cli({"run", file.string(), "--verbose"}, store());
  CHECK(stopped.exit_code == 1);
  CHECK(contains(stopped.err, file.string() + ":7: unexpected: start_application on mie-2021/application/carlo as "
                                              "student:carlo was refused: mie-2021/application/carlo already exists"));
  CHECK(contains(stopped.out, file.string() + ":6: start_application on mie-2021/application/carlo"));
  CHECK(contains(stopped.out, "stopped at line 7"));
  CHECK_FALSE(contains(stopped.out, "application/dario"));

  auto went_on = cli.cli({"run", file.string(), "--continue"}, store());
  CHECK(went_on.exit_code == 1);
  CHECK(contains(went_on.err, file.string() + ":7: unexpected: "));
  CHECK(contains(went_on.out, "6 of 6 lines run"));
  CHECK(contains(went_on.out, "commands accepted         4"));
  CHECK(contains(went_on.out, "unexpected                1"));
  CHECK_FALSE(contains(went_on.out, "stopped at line"));
  CHECK(contains(went_on.out, "1 line did not go as expected (listed above)"));

  write("{\"tick\": true, \"now\": \"2021-10-08 09:00 Europe/Rome\"}\n\n{\"tick\": 1}\n");
  auto malformed = cli.cli({"run", file.string()}, store());
  CHECK(malformed.exit_code == 1);
  CHECK(contains(malformed.err, file.string() + ":3: malformed: "));
  CHECK(contains(malformed.out, "nothing was run"));

  CHECK(run_cli({"run", file.string()}).exit_code == 2);
  CHECK(cli.cli({"run"}, store()).exit_code == 2);
  CHECK(cli.cli({"run", (cli.dir / "missing.jsonl").string()}, store()).exit_code == 1);
}
