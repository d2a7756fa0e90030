// The MIE 2021 edition (examples/mie-2021) through the real CLI on a temporary store: the
// scenario runs as expected, the cohort ends where the story says, the log verifies; and
// examples/mie-2021/run.sh prints its summary.
#include <algorithm>

#include "tests/examples/edition.hpp"

using namespace mentorflow::testing::examples;
using mentorflow::testing::CliResult;
using mentorflow::testing::source_dir;
using mentorflow::testing::TempDir;

namespace {
const std::string kEdition = "mie-2021";
}  // namespace

TEST_CASE("the MIE 2021 edition runs as its scenario expects", "[examples][cli]") {
  static const Edition e("mie-2021/scenario.jsonl");
  check_run(e.run, {.lines = 445, .accepted = 425, .refused = 14, .timers = 4, .ticks = 4, .decisions = 27});

  SECTION("applications end in the states the story gives them") {
    const auto applications = e.cases(kEdition, {"--type", "application"});
    CHECK(applications.size() == 27);
    CHECK(count_states(applications) ==
          std::map<std::string, int>{{"matched", 18}, {"not_selected", 3}, {"ineligible", 4}, {"expired", 2}});
    const auto state_of = state_by_id(applications);
    CHECK(state_of.at("sofia.marchetti") == "ineligible");  // 1st-year bachelor
    CHECK(state_of.at("luca.rizzo") == "ineligible");       // master with B1
    CHECK(state_of.at("martina.fontana") == "expired");     // her late submit refused, then the deadline timer
    CHECK(state_of.at("giorgio.mancini") == "not_selected");
    CHECK(state_of.at("federico.barbieri") == "not_selected");  // still submitted at the results
    CHECK_FALSE(state_of.contains("davide.costa"));              // applied after the deadline: refused
  }
  SECTION("mentorships hold six meetings each; credits for those who asked") {
    const auto mentorships = e.cases(kEdition, {"--type", "mentorship"});
    CHECK(mentorships.size() == 18);
    CHECK(count_states(mentorships) == std::map<std::string, int>{{"completed", 17}, {"reporting", 1}});
    int credited = 0;
    for (const Listed& m : mentorships) {
      INFO(m.name);
      CHECK(m.words.at("meetings") == "6");
      CHECK(m.words.at("diaries") == (m.state == "completed" ? "6" : "4"));
      CHECK(m.words.contains("mentee"));
      CHECK(m.words.contains("mentor"));
      if (m.words.contains("credits")) {
        CHECK(m.words.at("credits") == "3");
        ++credited;
      }
    }
    CHECK(credited == 11);
  }
  SECTION("the ECTS credit records as PDFs, made out to the name on the application") {
    const Certificates pdfs(e, kEdition);
    CHECK(pdfs.files.size() == 11);
    pdfs.check("mie-2021-mentorship-tommaso.esposito-credits-tommaso.esposito.pdf",
               {"Tommaso Esposito", "ECTS credit recognition: 3"});
  }
  SECTION("the call published its results and the projects are closed") {
    const auto call = e.cases(kEdition, {"--type", "call"});
    REQUIRE(call.size() == 1);
    CHECK(call[0].state == "results_published");
    CHECK(count_states(e.cases(kEdition, {"--type", "project"})) == std::map<std::string, int>{{"closed", 7}});
  }
  SECTION("two students not selected in 2021 apply again in 2022, under the 2022 rules") {
    const auto again = state_by_id(e.cases("mie-2022", {"--type", "application"}));
    CHECK(again == std::map<std::string, std::string>{{"federico.barbieri", "matched"}, {"giorgio.mancini", "ineligible"}});
    const auto before = state_by_id(e.cases(kEdition, {"--type", "application"}));
    CHECK(before.at("federico.barbieri") == "not_selected");  // the 2021 case is untouched
    CHECK(before.at("giorgio.mancini") == "not_selected");
    const CliResult why = e.cli({"history", "mie-2022/application/giorgio.mancini"});
    CHECK(contains(why.out, "decided ineligible: bachelor requires B2, certified level is B1 (rule eligible, "));
    CHECK(contains(why.out, "mie-2022.rules"));
    const auto mentorships = e.cases("mie-2022", {"--type", "mentorship"});
    REQUIRE(mentorships.size() == 1);
    CHECK(mentorships[0].words.at("mentee") == "federico.barbieri");
    CHECK(mentorships[0].words.at("mentor") == "lorenzo.ricci");
    CHECK(e.cases("mie-2022", {"--type", "call"}).at(0).state == "results_published");
  }
  SECTION("cases --state lists one state") {
    const CliResult r = e.cli({"cases", kEdition, "--state", "expired"});
    CHECK(r.out ==
          "mie-2021/application/martina.fontana  expired\n"
          "mie-2021/application/simone.caruso    expired\n");
  }
  SECTION("the log verifies: hash chain and every decision") { check_verified(e, 27); }
  SECTION("running the scenario again on the same store stops at its first line: the log's time never goes back") {
    const std::string before = e.ok(e.cli({"export"})).out;
    const CliResult again = e.cli({"run", e.scenario});
    CHECK(again.exit_code == 1);
    CHECK(contains(again.err, "scenario.jsonl:3: unexpected: \"now\": \"2021-09-01 09:00 Europe/Rome\" "
                              "(2021-09-01T07:00:00.000000Z) is before the time of the store's last event ("));
    CHECK(contains(again.out, "stopped at line 3"));
    CHECK(e.ok(e.cli({"export"})).out == before);
  }
  SECTION("resuming the finished scenario skips every line that ran and writes nothing") {
    const std::string before = e.ok(e.cli({"export"})).out;
    const CliResult resumed = e.cli({"run", e.scenario, "--resume"});
    INFO(resumed.out << resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(contains(resumed.out, "  resumed after line "));
    CHECK(contains(resumed.out, "everything went as expected"));
    CHECK(e.ok(e.cli({"export"})).out == before);
  }
}

TEST_CASE("cases: errors", "[examples][cli]") {
  mentorflow::testing::CliStore s;
  REQUIRE(s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
                 (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021"})
              .exit_code == 0);
  CHECK(s.cli({"cases", "mie-2021"}).out == "mie-2021/call  applications_open\n");
  CHECK(s.cli({"cases", "mie-2021", "--state", "draft"}).out.empty());
  const CliResult unknown_edition = s.cli({"cases", "mie-2099"});
  CHECK(unknown_edition.exit_code == 1);
  CHECK(contains(unknown_edition.err, "edition 'mie-2099' is not published in this store"));
  const CliResult unknown_type = s.cli({"cases", "mie-2021", "--type", "mentor"});
  CHECK(unknown_type.exit_code == 1);
  CHECK(contains(unknown_type.err, "edition 'mie-2021' has no case type or cohort 'mentor'"));
  CHECK(s.cli({"cases"}).exit_code == 2);
}

TEST_CASE("examples/mie-2021/run.sh prints the cohort and an audit in under 60 lines", "[examples][cli]") {
  TempDir dir;
  const ScriptRun job = run_script("mie-2021/run.sh", dir / "job");
  const std::string& text = job.out;
  INFO(text << job.err);
  REQUIRE(job.status == 0);
  CHECK(contains(text, "store: " + (dir / "job/store").string()));
  CHECK(contains(text, "27 applications"));
  CHECK(contains(text, "  ineligible     4  elena.bruno, luca.rizzo, noemi.ferri, sofia.marchetti"));
  CHECK(contains(text, "  luca.rizzo       master requires B2, certified level is B1\n"));
  CHECK(contains(text, "18 mentorships, 108 meetings held: 17 completed, 1 reporting"));
  CHECK(contains(text, "credits issued to 11 mentees, 33 ECTS in all"));
  CHECK(contains(text, "re-evaluated 27 decisions"));
  CHECK(std::count(text.begin(), text.end(), '\n') < 60);
}

TEST_CASE("the committed scenario is what generate.py writes", "[examples]") { check_generated("mie-2021"); }
