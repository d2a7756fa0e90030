// End to end through the real CLI, on a temporary store, with the shipped MIE workflow and its
// 2021 rules: publish, apply, decide eligibility with explanations, refusals, matching into a
// mentorship, meetings and their limits, time travel and timers.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/mie_project.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::MieProject;
using mentorflow::testing::contains;
using mentorflow::testing::source_dir;

namespace {

const std::string kBefore = "2021-09-20 10:00 Europe/Rome";  // applications open
const std::string kAfter = "2021-10-08 09:00 Europe/Rome";   // past the 7 Oct 12:30 deadline

struct Mie : MieProject {
  Mie() : MieProject(kBefore) {}

  void apply(const std::string& who, const std::string& degree, int year, const std::string& level) {
    ok(exec_text("student:" + who, "mie-2021/application/" + who, "start_application",
            R"({"project": "mie-2021/project/lyon"})"));
    last = exec_text("student:" + who, "mie-2021/application/" + who, "submit",
                R"({"degree": ")" + degree + R"(", "year": )" + std::to_string(year) +
                    R"(, "certificate_language": "french", "certified_level": ")" + level +
                    R"(", "cv": {"it": "cv-it.pdf", "foreign": "cv-fr.pdf"},
                        "letter": {"it": "l-it.pdf", "foreign": "l-fr.pdf"}, "certificate": "delf.pdf"})");
  }
  void apply_submit_only(const std::string& who) {
    ok(exec_text("student:" + who, "mie-2021/application/" + who, "submit",
            R"({"degree": "bachelor", "year": 2, "certificate_language": "french", "certified_level": "B2",
                "cv": {"it": "cv-it.pdf", "foreign": "cv-fr.pdf"}, "letter": {"it": "l-it.pdf", "foreign": "l-fr.pdf"},
                "certificate": "delf.pdf"})"));
  }
  CliResult last;
};

}  // namespace

TEST_CASE("publishing an edition is idempotent and editions are immutable", "[engine][cli]") {
  Mie mie;
  auto again = mie.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
                        (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021"});
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "already published"));

  auto other = mie.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
                        (source_dir() / "rules/mie-2022.rules").string(), "--edition", "mie-2021"});
  CHECK(other.exit_code == 1);
  CHECK(contains(other.err, "edition 'mie-2021' is already published with other texts"));
}

TEST_CASE("eligibility is decided on submission and explained", "[engine][cli]") {
  Mie mie;
  SECTION("a second-year bachelor with B1 is eligible") {
    mie.apply("bruno", "bachelor", 2, "B1");
    mie.ok(mie.last);
    CHECK(contains(mie.last.out, "now 'submitted'"));
  }
  SECTION("a master with B1 is not: the explanation names B2") {
    mie.apply("anna", "master", 1, "B1");
    mie.ok(mie.last);
    CHECK(contains(mie.last.out, "now 'ineligible'"));
    CHECK(contains(mie.last.out, "B2"));
    auto state = mie.cli({"state", "mie-2021/application/anna"});
    CHECK(contains(state.out, R"("state": "ineligible")"));
  }
  SECTION("a first-year bachelor is not") {
    mie.apply("carlo", "bachelor", 1, "C1");
    mie.ok(mie.last);
    CHECK(contains(mie.last.out, "now 'ineligible'"));
  }
}

TEST_CASE("refusals write nothing and say why", "[engine][cli]") {
  Mie mie;
  mie.apply("bruno", "bachelor", 2, "B2");
  mie.ok(mie.last);
  const auto before = mie.cli({"export"}).out;

  SECTION("a late application") {
    auto r = mie.exec_text("student:dario", "mie-2021/application/dario", "start_application",
                      R"({"project": "mie-2021/project/lyon"})", kAfter);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "applications for this edition closed on 2021-10-07 12:30 Europe/Rome"));
  }
  SECTION("a role the command does not allow") {
    auto r = mie.exec("mentor:marco", "mie-2021/application/bruno", "confirm_match");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "role mentor may not confirm_match on application: only staff may"));
  }
  SECTION("a participant acting on someone else's case") {
    auto r = mie.exec_text("student:anna", "mie-2021/application/bruno", "submit", "{}");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "anna is not a party of mie-2021/application/bruno"));
  }
  SECTION("a command in the wrong state") {
    auto r = mie.exec_text("student:bruno", "mie-2021/application/bruno", "submit", "{}");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "is 'submitted': submit is allowed only from 'draft'"));
  }
  SECTION("an auditor") {
    auto r = mie.exec("auditor:ivo", "mie-2021/application/bruno", "confirm_match");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "auditors read everything and write nothing"));
  }
  SECTION("an unknown case") {
    auto r = mie.exec("staff:carla", "mie-2021/application/nobody", "confirm_match");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "there is no case 'mie-2021/application/nobody'"));
  }
  SECTION("malformed inputs") {
    auto r = mie.exec_text("staff:carla", "mie-2021/application/bruno", "not_select", "{\"reason\": 7}");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "reason"));
  }
  SECTION("a reason of blanks") {
    auto r = mie.exec_text("staff:carla", "mie-2021/application/bruno", "not_select", R"({"reason": "  \n"})");
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, "give the reason the application is not selected: it is recorded"));
  }
  CHECK(mie.cli({"export"}).out == before);
}

TEST_CASE("a confirmed match opens a mentorship with its meeting limits", "[engine][cli]") {
  Mie mie;
  mie.apply("bruno", "bachelor", 2, "B2");
  mie.ok(mie.last);
  auto confirmed = mie.exec("staff:carla", "mie-2021/application/bruno", "confirm_match");
  mie.ok(confirmed);
  CHECK(contains(confirmed.out, "also changed mie-2021/mentorship/bruno"));

  const std::string m = "mie-2021/mentorship/bruno";
  mie.ok(mie.exec("student:bruno", m, "sign_agreement_as_mentee"));
  mie.ok(mie.exec("mentor:marco", m, "sign_agreement_as_mentor"));
  mie.ok(mie.exec_text("student:bruno", m, "send_agreement", R"({"topics": "film production", "agreement": "agreement.pdf"})"));

  auto too_long = mie.exec_text("mentor:marco", m, "log_meeting", R"({"held_on": "2021-11-02T18:00:00+01:00", "length": "3h"})");
  CHECK(too_long.exit_code == 1);
  CHECK(contains(too_long.err, "a meeting lasts at most 2h; this one lasted 3h"));

  for (int i = 1; i <= 6; ++i) {
    INFO("meeting " << i);
    mie.ok(mie.exec_text("mentor:marco", m, "log_meeting", R"({"held_on": "2021-11-02T18:00:00+01:00", "length": "90min"})"));
  }
  auto seventh = mie.exec_text("mentor:marco", m, "log_meeting", R"({"held_on": "2021-12-02T18:00:00+01:00", "length": "1h"})");
  CHECK(seventh.exit_code == 1);
  CHECK(contains(seventh.err, "the path includes 6 meetings, all already logged"));
  CHECK(contains(mie.cli({"state", m}).out, R"("meetings": 6)"));
}

TEST_CASE("state --at shows a case as it was", "[engine][cli]") {
  Mie mie;
  mie.ok(mie.exec_text("student:bruno", "mie-2021/application/bruno", "start_application",
                  R"({"project": "mie-2021/project/lyon"})"));
  const auto draft = nlohmann::json::parse(mie.cli({"state", "mie-2021/application/bruno"}).out);
  REQUIRE(draft.at("state") == "draft");
  mie.apply_submit_only("bruno");
  CHECK(nlohmann::json::parse(mie.cli({"state", "mie-2021/application/bruno"}).out).at("state") == "submitted");

  const auto at = mie.cli({"state", "mie-2021/application/bruno", "--at", std::to_string(draft.at("position").get<int>())});
  REQUIRE(at.exit_code == 0);
  CHECK(nlohmann::json::parse(at.out) == draft);
  const auto by_time = mie.cli({"state", "mie-2021/application/bruno", "--at", "2021-09-20 10:00 Europe/Rome"});
  REQUIRE(by_time.exit_code == 0);
  CHECK(nlohmann::json::parse(by_time.out).at("state") == "submitted");
  const auto before_it = mie.cli({"state", "mie-2021/application/bruno", "--at", "2021-09-01 09:00 Europe/Rome"});
  CHECK(before_it.exit_code == 1);
}

TEST_CASE("the deadline timer closes applications exactly once", "[engine][cli]") {
  Mie mie;
  mie.ok(mie.exec_text("student:dario", "mie-2021/application/dario", "start_application",
                  R"({"project": "mie-2021/project/lyon"})"));
  auto early = mie.cli({"tick", "--now", kBefore});
  mie.ok(early);
  CHECK(contains(early.out, "0 timers fired"));

  auto fired = mie.cli({"tick", "--now", kAfter});
  mie.ok(fired);
  CHECK(contains(fired.out, "mie-2021/call close"));
  CHECK(nlohmann::json::parse(mie.cli({"state", "mie-2021/application/dario"}).out).at("state") == "expired");
  CHECK(nlohmann::json::parse(mie.cli({"state", "mie-2021/call"}).out).at("state") == "evaluation");

  auto again = mie.cli({"tick", "--now", kAfter});
  mie.ok(again);
  CHECK_FALSE(contains(again.out, "mie-2021/call close"));
}

TEST_CASE("a store path with missing parent folders is created whole", "[engine][cli]") {
  CliStore s;
  const std::string store = (s.dir / "not/yet/there/store").string();
  auto r = s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
                  (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021"},
                 store);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(s.cli({"verify"}, store).exit_code == 0);
}

TEST_CASE("a reference input must name an existing case of its type", "[engine][cli]") {
  Mie mie;
  const auto before = mie.cli({"export"}).out;
  auto missing = mie.exec_text("student:dario", "mie-2021/application/dario", "start_application",
                          R"({"project": "mie-2021/project/nope"})");
  CHECK(missing.exit_code == 1);
  CHECK(contains(missing.err,
                 "start_application on mie-2021/application/dario: input project names 'mie-2021/project/nope', "
                 "which is not a project of this edition"));
  mie.ok(mie.exec_text("student:bruno", "mie-2021/application/bruno", "start_application",
                  R"({"project": "mie-2021/project/lyon"})"));
  auto wrong_type = mie.exec_text("student:dario", "mie-2021/application/dario", "start_application",
                             R"({"project": "mie-2021/application/bruno"})");
  CHECK(wrong_type.exit_code == 1);
  CHECK(contains(wrong_type.err, "which is not a project of this edition"));
  CHECK(mie.cli({"export"}).out.size() > before.size());  // only bruno's application was written
}
