// The Online MENTOR grouping run end to end through the real CLI with the shipped workflow and its
// pilot rules: "peer coaching between two or more learners", so a group only one learner would
// join is not formed (`minimum peer_group_min`), that learner goes to their next choice, and the
// run says so; verify runs the grouping again from the log.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/matching/forge_matching_run.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::source_dir;
using mentorflow::testing::contains;

namespace {

const std::string kEdition = "online-mentor-pilot";
const std::string kNow = "2018-11-20 10:00 Europe/Bucharest";
const std::string kTrainer = "trainer:cristina.munteanu";

std::string learner(const std::string& id) { return kEdition + "/enrolment/" + id; }
std::string group(const std::string& id) { return kEdition + "/peer_group/" + id; }

struct Course : CliStore {
  nlohmann::json fields(const std::string& c) { return nlohmann::json::parse(ok(cli({"state", c})).out).at("fields"); }

  Course() : CliStore(kNow) {
    ok(cli({"publish", (source_dir() / "workflows/online-mentor.flow").string(), "--rules",
            (source_dir() / "rules/online-mentor-pilot.rules").string(), "--edition", kEdition, "--now", kNow}));
  }
  void open_group(const std::string& id, int size) {
    ok(exec(kTrainer, group(id), "open_peer_group", {{"topic", "giving constructive criticism"}, {"country", "romania"}, {"size", size}}));
  }
  void enrol(const std::string& id, const std::vector<std::string>& choices) {
    ok(exec("learner:" + id, learner(id), "enrol",
            {{"full_name", id}, {"profile", "teacher"}, {"country", "romania"}, {"age", 30}}));
    ok(exec(kTrainer, learner(id), "admit"));
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : choices) list.push_back(group(c));
    ok(exec("learner:" + id, learner(id), "choose_peer_groups", {{"groups", list}}));
  }
};

}  // namespace

TEST_CASE("Online MENTOR: a peer group only one learner would join is not formed", "[matching][cli]") {
  Course c;
  c.open_group("ro-1", 3);
  c.open_group("ro-2", 3);
  c.enrol("ana", {"ro-1"});
  c.enrol("bogdan", {"ro-1"});
  c.enrol("carmen", {"ro-2", "ro-1"});  // alone in ro-2, which takes no fewer than two

  const CliResult run = c.ok(c.exec(kTrainer, kEdition + "/course", "group_learners"));
  INFO(run.out);
  CHECK(contains(run.out, "flagged: ro-2 was not formed: 1 would have joined, it takes no fewer than 2"));
  CHECK(contains(run.out, "3 of 3 matched"));
  for (const char* who : {"ana", "bogdan", "carmen"}) CHECK(c.fields(learner(who)).at("peer_group") == group("ro-1"));

  const std::string history = c.ok(c.cli({"history", learner("carmen")})).out;
  CHECK(contains(history, "proposed ro-1 (2nd choice): 1st choice ro-2 was not formed: 1 would have joined, it takes "
                          "no fewer than 2"));
  const CliResult verified = c.cli({"verify"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);

  // A forger who gives ro-2 its places back and erases its closing: the run again closes it.
  const auto forged = mentorflow::testing::forge_matching_run(c.ok(c.cli({"export"})).out, [](nlohmann::json& p) {
    p["capacity"][1] = 3;
    p["closed"] = nlohmann::json::array();
  });
  const std::string tampered = (c.dir / "tampered").string();
  c.ok(c.cli({"import"}, tampered, forged.jsonl));
  const CliResult caught = c.cli({"verify"}, tampered);
  CHECK(caught.exit_code == 1);
  CHECK(contains(caught.err, "at position " + std::to_string(forged.position) +
                                 " (online-mentor-pilot/course) does not hold: matching run: recorded as not formed for "
                                 "their minimum: none; run again the stable method closes: " + group("ro-2")));
}

TEST_CASE("Online MENTOR: a learner whose only group is not formed is left unmatched, and told why", "[matching][cli]") {
  Course c;
  c.open_group("ro-1", 2);
  c.open_group("ro-2", 2);
  c.enrol("ana", {"ro-1"});
  c.enrol("bogdan", {"ro-1"});
  c.enrol("carmen", {"ro-2"});

  const CliResult run = c.ok(c.exec(kTrainer, kEdition + "/course", "group_learners"));
  INFO(run.out);
  CHECK(contains(run.out, "2 of 3 matched"));
  CHECK(contains(run.out, "not matched: carmen"));
  CHECK_FALSE(c.fields(learner("carmen")).contains("peer_group"));
  CHECK(contains(c.ok(c.cli({"history", learner("carmen")})).out,
                 "not matched: 1st choice ro-2 was not formed: 1 would have joined, it takes no fewer than 2"));
}
