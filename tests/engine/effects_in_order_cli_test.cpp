// Issue 14, item 6, "effects in order": a cohort command's clauses reach other cases in the order
// they are written, and each sees the cases as the earlier ones left them. A `for each` after a
// `match` picks the cases the match did not place (it was refused: it picked them before the
// match and checked them after), and one after a `create` sees the case created.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliStore;
using mentorflow::testing::contains;

namespace {

constexpr const char* kFlow = R"(workflow pairing "A pairing round" {
  participants mentee, mentor
  staff staff
  case mentee_file {
    party mentee: mentee
    field preferences: list of ref mentor_file
    field mentor: optional ref mentor_file
    state ranked initial, proposed, not_matched final, matched final
    command join by mentee
      fills preferences
    command propose_match by system from ranked to proposed
      input match: ref mentor_file
      set mentor = match
    command leave_out by system from ranked to not_matched
    command confirm by staff from proposed to matched
  }
  case mentor_file {
    party mentor: mentor
    state open initial, closed final
    command join by mentor
    command close by staff from open to closed
  }
  case notice {
    field text: text
    state posted initial, read final
    command acknowledge by system from posted to read
    command discard by staff from posted to read
  }
  cohort round {
    state open initial, matched final
    command run by staff from open to matched
      match mentee_file in ranked with mentor_file in open ranking preferences propose propose_match
      for each mentee_file in ranked do leave_out
      create notice with text = "the round is matched"
      for each notice in posted do acknowledge
  }
}
)";

}  // namespace

TEST_CASE("a for each after a match sees the cases as the match left them", "[engine][cli]") {
  CliStore r("2025-01-10 10:00 Europe/Rome");
  r.publish("pairing", kFlow, "rules for pairing edition \"1\" {\n}\n", "p");
  CliStore::ok(r.exec("mentor:marco", "p/mentor_file/marco", "join"));
  CliStore::ok(r.exec("mentee:anna", "p/mentee_file/anna", "join", {{"preferences", {"p/mentor_file/marco"}}}));
  CliStore::ok(r.exec("mentee:bruno", "p/mentee_file/bruno", "join", {{"preferences", nlohmann::json::array()}}));

  CliStore::ok(r.exec("staff:sara", "p/round", "run"));

  CHECK(r.state("p/mentee_file/anna")["state"] == "proposed");  // placed by the match: not left out
  CHECK(r.state("p/mentee_file/bruno")["state"] == "not_matched");
  auto notices = r.cli({"cases", "p", "--type", "notice", "--state", "read"});
  INFO(notices.out);
  CHECK(contains(notices.out, "p/notice/round"));  // created, then acknowledged, in one command
  auto verified = r.cli({"verify"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
}

TEST_CASE("a match reads the cases as the command found them: a for each before it that moves them refuses",
          "[engine][cli]") {
  std::string flow = kFlow;
  const std::string match =
      "      match mentee_file in ranked with mentor_file in open ranking preferences propose propose_match\n";
  const std::string fan = "      for each mentee_file in ranked do leave_out\n";
  flow.replace(flow.find(match), match.size() + fan.size(), fan + match);
  CliStore r("2025-01-10 10:00 Europe/Rome");
  r.publish("pairing", flow, "rules for pairing edition \"1\" {\n}\n", "p");
  CliStore::ok(r.exec("mentor:marco", "p/mentor_file/marco", "join"));
  CliStore::ok(r.exec("mentee:anna", "p/mentee_file/anna", "join", {{"preferences", {"p/mentor_file/marco"}}}));

  auto run = r.exec("staff:sara", "p/round", "run");
  INFO(run.out << run.err);
  CHECK(run.exit_code == 1);
  CHECK(contains(run.err, "run refused: propose_match on p/mentee_file/anna would be refused: p/mentee_file/anna is "
                          "'not_matched'"));
  CHECK(r.state("p/mentee_file/anna")["state"] == "ranked");  // nothing written
}
