// `minimum` in match clauses through the real CLI: learners an earlier clause placed in a group
// count towards its minimum in the next, and a minimum that is negative refuses the run.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::source_dir;
using nlohmann::json;
using mentorflow::testing::contains;

namespace {

const std::string kNow = "2025-01-10 10:00 Europe/Rome";

struct Groups : CliStore {
  Groups() : CliStore(kNow) {
    std::ofstream(dir / "groups.rules") << "rules for groups edition \"1\" {\n}\n";
    ok(cli({"publish", (source_dir() / "tests/matching/groups-inputs.flow").string(), "--rules",
            (dir / "groups.rules").string(), "--edition", "g", "--now", kNow}));
  }
  void group(const std::string& id, int size, int least) {
    ok(exec("trainer:tina", "g/group/" + id, "open", {{"size", size}, {"least", least}}));
  }
  void learner(const std::string& who, bool priority, const std::vector<std::string>& choices) {
    json list = json::array();
    for (const auto& c : choices) list.push_back("g/group/" + c);
    ok(exec("learner:" + who, "g/enrolment/" + who, "enrol", {{"priority", priority}, {"choices", list}}));
  }
};

}  // namespace

TEST_CASE("learners placed by an earlier clause count towards a group's minimum in the next", "[matching][cli]") {
  Groups g;
  g.group("g1", 4, 2);
  g.learner("ana", true, {"g1"});
  g.learner("ben", true, {"g1"});
  g.learner("cleo", false, {"g1"});  // alone in the second clause, but g1 has two already
  const CliResult run = g.ok(g.exec("staff:sara", "g/round", "form_groups"));
  INFO(run.out);
  CHECK_FALSE(contains(run.out, "was not formed"));
  for (const char* who : {"ana", "ben", "cleo"}) {
    const json state = json::parse(g.ok(g.cli({"state", std::string("g/enrolment/") + who})).out);
    CHECK(state.at("state") == "placed");
  }
  CHECK(g.ok(g.cli({"verify"})).exit_code == 0);
}

TEST_CASE("a group a first clause could not form may form in the next, with more learners", "[matching][cli]") {
  Groups g;
  g.group("g1", 3, 2);
  g.group("g2", 3, 2);
  g.learner("ana", true, {"g2", "g1"});  // the only one with priority: g2 and g1 take her alone
  g.learner("ben", false, {"g1"});
  const CliResult run = g.ok(g.exec("staff:sara", "g/round", "form_groups"));
  INFO(run.out);
  // First clause: ana alone, in neither; second: ana and ben in g1.
  CHECK(contains(run.out, "flagged: g2 was not formed: 1 would have joined, it takes no fewer than 2"));
  for (const char* who : {"ana", "ben"}) {
    const json state = json::parse(g.ok(g.cli({"state", std::string("g/enrolment/") + who})).out);
    CHECK(state.at("fields").at("placed_in") == "g/group/g1");
  }
  CHECK(g.ok(g.cli({"verify"})).exit_code == 0);
}

TEST_CASE("a negative minimum refuses the run, naming the group, and writes nothing", "[matching][cli]") {
  Groups g;
  g.group("g1", 3, -1);
  g.learner("ana", true, {"g1"});
  const std::string before = g.ok(g.cli({"export"})).out;
  const CliResult run = g.exec("staff:sara", "g/round", "form_groups");
  CHECK(run.exit_code == 1);
  CHECK(contains(run.err, "the minimum of g/group/g1 is -1"));
  CHECK(g.ok(g.cli({"export"})).out == before);
}
