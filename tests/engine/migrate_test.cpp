// Migration through the real CLI: running MIE 2021 cases move to a corrected definition published
// as another edition; what cannot move is named and nothing is written; later decisions follow
// the new rules and verify still passes.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
using mentorflow::testing::source_dir;

namespace {

const std::string kNow = "2021-09-20 10:00 Europe/Rome";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct Store : CliStore {
  void publish(const std::filesystem::path& workflow, const std::filesystem::path& rules, const std::string& edition) {
    // at the time of the commands: a second edition published after them may not be dated earlier
    ok(cli({"publish", workflow.string(), "--rules", rules.string(), "--edition", edition, "--now", kNow}));
  }
  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir / name;
    std::ofstream(path) << text;
    return path;
  }
  std::string exported() { return cli({"export"}).out; }

  void apply(const std::string& who) {
    ok(exec_text("student:" + who, "mie-2021/application/" + who, "start_application",
            R"({"project": "mie-2021/project/lyon"})"));
  }
  CliResult submit(const std::string& who, const std::string& level) {
    return exec_text("student:" + who, "mie-2021/application/" + who, "submit",
                R"({"degree": "bachelor", "year": 2, "certificate_language": "french", "certified_level": ")" +
                    level + R"(", "cv": {"it": "cv-it.pdf", "foreign": "cv-fr.pdf"},
                    "letter": {"it": "l-it.pdf", "foreign": "l-fr.pdf"}, "certificate": "delf.pdf"})");
  }

  Store() : CliStore(kNow) {
    const auto flow = source_dir() / "workflows/mie.flow";
    const auto rules = mentorflow::testing::read_file(source_dir() / "rules/mie-2021.rules");
    publish(flow, source_dir() / "rules/mie-2021.rules", "mie-2021");
    // The corrected edition: bachelors now need B2.
    publish(flow, write("mie-2021b.rules", replaced(rules, "let bachelor_min = B1", "let bachelor_min = B2")),
            "mie-2021b");
    ok(exec_text("mentor:marco", "mie-2021/project/lyon", "offer_project",
            R"({"host": "Institut Lumière", "country": "France", "sector": "film", "language": "french"})"));
    ok(exec("staff:carla", "mie-2021/project/lyon", "publish_project"));
  }
};

}  // namespace

TEST_CASE("a migrated draft is decided under the target's rules, and verify still passes", "[engine][cli][migrate]") {
  Store s;
  s.apply("anna");
  s.apply("bruno");

  auto dry = s.cli({"migrate", "--as", "staff:carla", "--to", "mie-2021b", "--dry-run", "--now", kNow,
                    "mie-2021/application/anna"});
  INFO(dry.out << dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK(contains(dry.out, "would move 1 case to edition mie-2021b"));
  CHECK(contains(dry.out, "mie-2021/application/anna in 'draft'"));

  const std::string before = s.exported();
  auto moved = s.cli({"migrate", "--as", "staff:carla", "--to", "mie-2021b", "--reason",
                      "bachelors need B2 from this call on", "--now", kNow, "mie-2021/application/anna"});
  INFO(moved.out << moved.err);
  REQUIRE(moved.exit_code == 0);
  CHECK(contains(moved.out, "moved 1 case to edition mie-2021b"));
  CHECK(s.exported().size() > before.size());

  // Same answers, different rules: B1 is enough for bruno (2021) but not for anna (2021b).
  auto anna = s.submit("anna", "B1");
  INFO(anna.out << anna.err);
  REQUIRE(anna.exit_code == 0);
  CHECK(contains(anna.out, "now 'ineligible'"));
  auto bruno = s.submit("bruno", "B1");
  REQUIRE(bruno.exit_code == 0);
  CHECK(contains(bruno.out, "now 'submitted'"));

  auto state = s.cli({"state", "mie-2021/application/anna"});
  REQUIRE(state.exit_code == 0);
  auto j = nlohmann::json::parse(state.out);
  CHECK(j.at("definition_edition") == "mie-2021b");
  CHECK(j.at("state") == "ineligible");

  auto history = s.cli({"history", "mie-2021/application/anna"});
  INFO(history.out);
  CHECK(contains(history.out, "carla (staff): migrate"));
  CHECK(contains(history.out, "migrated in state draft"));
  CHECK(contains(history.out, "(edition mie-2021b): bachelors need B2 from this call on"));
  CHECK(contains(history.out, "B2"));

  auto verify = s.cli({"verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);

  // Anna again: she already runs under the target. Carlo, ineligible under 2021, is over.
  s.apply("carlo");
  REQUIRE(s.submit("carlo", "A2").exit_code == 0);
  auto again = s.cli({"migrate", "--as", "staff:carla", "--to", "mie-2021b", "--now", kNow,
                      "mie-2021/application/anna", "mie-2021/application/carlo"});
  CHECK(again.exit_code == 1);
  CHECK(contains(again.err, "mie-2021/application/anna: it already runs under definition"));
  CHECK(contains(again.err, "mie-2021/application/carlo: it is over (final state 'ineligible')"));
}

TEST_CASE("a migration that cannot move every case names them and writes nothing", "[engine][cli][migrate]") {
  Store s;
  s.apply("anna");
  // A target whose projects have no 'offered' state: an offered project cannot go there.
  const auto flow = mentorflow::testing::read_file(source_dir() / "workflows/mie.flow");
  auto renamed = replaced(replaced(flow, "state offered initial", "state proposed initial"),
                          "from offered to open", "from proposed to open");
  s.publish(s.write("mie-renamed.flow", renamed), source_dir() / "rules/mie-2021.rules", "mie-renamed");
  s.ok(s.exec_text("mentor:lena", "mie-2021/project/berlin", "offer_project",
              R"({"host": "Berlinale", "country": "Germany", "sector": "film", "language": "german"})"));

  const std::string before = s.exported();
  auto r = s.cli({"migrate", "--as", "staff:carla", "--to", "mie-renamed", "--now", kNow,
                  "mie-2021/application/anna", "mie-2021/project/berlin", "mie-2021/project/nowhere"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "2 of 3 cases cannot move to edition mie-renamed; nothing was written"));
  CHECK(contains(r.err, "mie-2021/project/berlin: its state 'offered' does not exist in edition mie-renamed"));
  CHECK(contains(r.err, "mie-2021/project/nowhere: there is no such case"));
  CHECK_FALSE(contains(r.err, "application/anna"));
  CHECK(s.exported() == before);

  SECTION("participants and auditors may not migrate") {
    auto student = s.cli({"migrate", "--as", "student:anna", "--to", "mie-2021b", "mie-2021/application/anna"});
    CHECK(student.exit_code == 1);
    CHECK(contains(student.err, "only staff of edition mie-2021b migrate cases"));
    auto auditor = s.cli({"migrate", "--as", "auditor:ines", "--to", "mie-2021b", "mie-2021/application/anna"});
    CHECK(auditor.exit_code == 1);
    CHECK(s.exported() == before);
  }
  SECTION("an unknown target edition") {
    auto unknown = s.cli({"migrate", "--as", "staff:carla", "--to", "mie-2099", "mie-2021/application/anna"});
    CHECK(unknown.exit_code == 1);
    CHECK(contains(unknown.err, "edition 'mie-2099' is not published"));
  }
  SECTION("usage") {
    CHECK(s.cli({"migrate", "--as", "staff:carla", "--to", "mie-2021b"}).exit_code == 2);
    CHECK(s.cli({"migrate", "--as", "staff:carla", "mie-2021/application/anna"}).exit_code == 2);
  }
}

TEST_CASE("migrating with --running moves every running case and cohort of an edition", "[engine][cli][migrate]") {
  Store s;
  s.apply("anna");
  s.apply("bruno");
  REQUIRE(s.submit("bruno", "A2").exit_code == 0);  // ineligible: final, stays behind
  auto r = s.cli({"migrate", "--as", "staff:carla", "--to", "mie-2021b", "--running", "mie-2021", "--now", kNow});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "mie-2021/application/anna in 'draft'"));
  CHECK(contains(r.out, "mie-2021/project/lyon in 'open'"));
  CHECK(contains(r.out, "mie-2021/call in"));
  CHECK_FALSE(contains(r.out, "bruno"));
  // The cohort's deadline timer is declared in the target too: it stays and fires under it.
  auto tick = s.cli({"tick", "--now", "2021-10-07 12:31 Europe/Rome"});
  INFO(tick.out << tick.err);
  REQUIRE(tick.exit_code == 0);
  auto cases = s.cli({"cases", "mie-2021", "--state", "expired"});
  CHECK(contains(cases.out, "mie-2021/application/anna"));
}

TEST_CASE("a case created by a migrated case runs under the target definition too", "[engine][cli][migrate]") {
  Store s;
  // The target allows meetings of 3 hours where 2021 allows 2.
  s.publish(source_dir() / "workflows/mie.flow",
            s.write("mie-2021c.rules", replaced(mentorflow::testing::read_file(source_dir() / "rules/mie-2021.rules"), "set meeting_max = 2h",
                                                "set meeting_max = 3h")),
            "mie-2021c");
  s.apply("bruno");
  REQUIRE(s.submit("bruno", "B2").exit_code == 0);
  s.ok(s.cli({"migrate", "--as", "staff:carla", "--to", "mie-2021c", "--now", kNow, "mie-2021/application/bruno"}));

  auto confirmed = s.exec("staff:carla", "mie-2021/application/bruno", "confirm_match");
  s.ok(confirmed);
  const std::string m = "mie-2021/mentorship/bruno";
  CHECK(contains(confirmed.out, "also changed " + m));
  s.ok(s.exec("student:bruno", m, "sign_agreement_as_mentee"));
  s.ok(s.exec("mentor:marco", m, "sign_agreement_as_mentor"));
  s.ok(s.exec_text("student:bruno", m, "send_agreement", R"({"topics": "film", "agreement": "agreement.pdf"})"));
  auto meeting = s.exec_text("mentor:marco", m, "log_meeting", R"({"held_on": "2021-11-02T18:00:00+01:00", "length": "3h"})");
  INFO(meeting.out << meeting.err);
  CHECK(meeting.exit_code == 0);

  auto state = nlohmann::json::parse(s.cli({"state", m}).out);
  CHECK(state.at("definition_edition") == "mie-2021c");
  auto verify = s.cli({"verify"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK(s.cli({"history", m}).exit_code == 0);
  CHECK(s.cli({"tick", "--now", "2022-06-30 12:00 Europe/Rome"}).exit_code == 0);
}
