// `mentorflow history` through the real CLI: the timeline of a case, text and JSON, with each
// decision in plain words naming the rule and its file:line, all from the log.
#include <nlohmann/json.hpp>

#include "tests/engine/audit_fixture.hpp"

using mentorflow::testing::AuditStore;
using mentorflow::testing::contains;
using mentorflow::testing::run_cli;

namespace {

std::string rule_at(const std::string& rules, int line) {
  return "(rule eligible, " + AuditStore::rules_path(rules) + ":" + std::to_string(line) + ")";
}

}  // namespace

TEST_CASE("history explains why a master with B1 is ineligible", "[engine][cli][audit]") {
  AuditStore s;
  s.apply("anna", "master", 1, "B1");
  auto r = s.cli({"history", "mie-2021/application/anna"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "mie-2021/application/anna (student anna): 2 entries\n"
        "[12-15] 2021-09-20 10:00 Europe/Rome, anna (student): start_application, opened in draft\n"
        "    inputs: project mie-2021/project/lyon\n"
        "    opened for student anna\n"
        "[16-20] 2021-09-20 10:00 Europe/Rome, anna (student): submit, draft -> ineligible\n"
        "    inputs: degree master, year 1, certificate_language french, certified_level B1, cv cv-fr.pdf + cv-it.pdf, "
        "letter l-fr.pdf + l-it.pdf, certificate delf.pdf\n"
        "    decided ineligible: master requires B2, certified level is B1 " + rule_at("mie-2021", 29) + "\n");
}

TEST_CASE("history words the other outcomes of the eligibility rule", "[engine][cli][audit]") {
  AuditStore s;
  s.apply("bruno", "bachelor", 2, "B1");
  s.apply("carlo", "bachelor", 1, "C1");
  CHECK(contains(s.cli({"history", "mie-2021/application/bruno"}).out,
                 "    decided submitted: certificate language french matches project language, bachelor, year 2 "
                 "(at least 2), certified level B1 (at least B1) " + rule_at("mie-2021", 29) + "\n"));
  CHECK(contains(s.cli({"history", "mie-2021/application/carlo"}).out,
                 "    decided ineligible: bachelor requires year at least 2, year is 1 " + rule_at("mie-2021", 29) +
                     "\n"));
}

TEST_CASE("history of a cohort shows its timers in the edition's zone", "[engine][cli][audit]") {
  AuditStore s;
  auto r = s.cli({"history", "mie-2021/call"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "mie-2021/call: 1 entry\n"
        "[2-5] 2021-09-01 09:00 Europe/Rome, system (system): no command, opened in applications_open\n"
        "    opened\n"
        "    timer close due 2021-10-07 12:30 Europe/Rome\n"
        // `deadline + 30days`: the deadline's local time, across the change of 31 October
        "    timer results_due due 2021-11-06 12:30 Europe/Rome\n");
}

TEST_CASE("history --json gives every entry with the decisions' full traces", "[engine][cli][audit]") {
  AuditStore s;
  s.apply("anna", "master", 1, "B1");
  auto r = s.cli({"history", "mie-2021/application/anna", "--json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0].at("command") == "start_application");
  CHECK(j[0].at("state") == nlohmann::json({{"from", ""}, {"to", "draft"}}));
  CHECK(j[0].at("decisions").empty());
  const auto& entry = j[1];
  CHECK(entry.at("positions") == nlohmann::json({{"first", 16}, {"last", 20}}));
  CHECK(entry.at("actor") == nlohmann::json({{"user", "anna"}, {"role", "student"}}));
  CHECK(entry.at("time") == "2021-09-20 10:00 Europe/Rome");
  CHECK(entry.at("recorded_at") == "2021-09-20T10:00:00+02:00[Europe/Rome]");
  CHECK(entry.at("inputs").at("certified_level") == "B1");
  REQUIRE(entry.at("decisions").size() == 1);
  const auto& d = entry.at("decisions")[0];
  CHECK(d.at("outcome") == false);
  CHECK(d.at("state") == "ineligible");
  CHECK(d.at("rule") == "eligible");
  CHECK(d.at("at") == AuditStore::rules_path("mie-2021") + ":29");
  CHECK(d.at("reason") == "master requires B2, certified level is B1 " + rule_at("mie-2021", 29));
  CHECK(d.at("trace").at("text") == "eligible(this)");
  CHECK(d.at("trace").at("steps")[0].at("rule") == "eligible");
  CHECK(contains(d.at("explanation").get<std::string>(), "master_min = B2"));
}

TEST_CASE("history refuses unknown cases and misuse", "[engine][cli][audit]") {
  AuditStore s;
  auto unknown = s.cli({"history", "mie-2021/application/nobody"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err == "mentorflow: there is no case 'mie-2021/application/nobody'\n");
  CHECK(s.cli({"history"}).exit_code == 2);
  CHECK(s.cli({"history", "a/b/c", "d/e/f"}).exit_code == 2);
  CHECK(s.cli({"history", "mie-2021/call", "--color"}).exit_code == 2);
  CHECK(run_cli({"history", "mie-2021/call"}).exit_code == 2);
}

TEST_CASE("history names a linked case's creator and shows date-times in the edition's zone", "[engine][cli][audit]") {
  AuditStore s;
  s.apply("bruno", "bachelor", 2, "B2");
  AuditStore::ok(s.exec("staff:carla", "mie-2021/application/bruno", "confirm_match"));
  AuditStore::ok(s.exec("student:bruno", "mie-2021/mentorship/bruno", "sign_agreement_as_mentee"));
  auto r = s.cli({"history", "mie-2021/mentorship/bruno"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out ==
        "mie-2021/mentorship/bruno (mentee bruno, mentor marco): 2 entries\n"
        "[24-26] 2021-09-20 10:00 Europe/Rome, carla (staff): no command, opened in signing\n"
        "    opened for mentee bruno, mentor marco, created by mie-2021/application/bruno\n"
        "    set application mie-2021/application/bruno\n"
        "[27-28] 2021-09-20 10:00 Europe/Rome, bruno (student): sign_agreement_as_mentee\n"
        "    set mentee_signed 2021-09-20 10:00 Europe/Rome\n");
  CHECK(contains(s.cli({"history", "mie-2021/application/bruno"}).out,
                 "carla (staff): confirm_match, submitted -> matched\n    created mie-2021/mentorship/bruno\n"));
}

TEST_CASE("history words a decision taken on a table's score (UniMi)", "[engine][cli][audit]") {
  mentorflow::testing::CliStore s("2025-07-10 09:00 Europe/Rome");
  const std::string rules = (mentorflow::testing::source_dir() / "rules/unimi-2025.rules").string();
  s.ok(s.cli({"publish", (mentorflow::testing::source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules",
              rules, "--edition", "unimi-2025", "--now", s.now}));
  const std::string c = "unimi-2025/mentee_application/gia";
  s.ok(s.exec_text("mentee:gia", c, "apply_as_mentee",
                   R"({"status": "final_year_student", "degree_course": "Economics", "self_assessment": 55,
                       "cv": "cv.pdf", "self_assessment_test": "test.pdf"})"));
  s.ok(s.exec_text("career_service:cs", c, "select_mentee", R"({"academic_background": 6, "motivation": 4})"));
  auto r = s.cli({"history", c});
  REQUIRE(r.exit_code == 0);
  CHECK(contains(r.out, "    decided not_selected: mentee score must be at least 60, it is 45 (rows 2, 5, 9 of table "
                        "mentee_score, " + rules + ":65) (rule mentee_selected, " + rules + ":93)\n"));
}
