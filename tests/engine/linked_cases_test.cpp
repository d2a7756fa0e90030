// A command that opens several linked cases, after a fan-out has already added writes: every
// event lands on the stream it belongs to (the command's own events are not lost or misplaced
// when the list of writes grows).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliStore;
using mentorflow::testing::contains;

namespace {

constexpr const char* kFlow = R"(workflow pairs "Linked cases" {
  participants member
  staff staff
  auditors auditor
  case member_file {
    party member: member
    state active initial, paired final
    command join by member
    command pair by system from active to paired
  }
  case note {
    party member: member
    field topic: text
    state open initial, closed final
    command close by staff from open to closed
  }
  cohort round {
    state open initial, done final
    command finish by staff from open to done
      for each member_file in active do pair
      create note with member = "anna", topic = "first"
      create note with member = "bruno", topic = "second"
      create note with member = "carla", topic = "third"
  }
}
)";

}  // namespace

TEST_CASE("a command opening several linked cases after a fan-out writes each event to its stream", "[engine][cli]") {
  CliStore s("2025-01-10 10:00 Europe/Rome");
  std::ofstream(s.dir / "pairs.flow") << kFlow;
  std::ofstream(s.dir / "pairs.rules") << "rules for pairs edition \"1\" {\n}\n";
  s.ok(s.cli({"publish", (s.dir / "pairs.flow").string(), "--rules", (s.dir / "pairs.rules").string(), "--edition",
              "p", "--now", s.now}));
  for (const std::string who : {"anna", "bruno", "carla", "dario", "elena"})
    REQUIRE(s.exec("member:" + who, "p/member_file/" + who, "join").exit_code == 0);

  s.ok(s.exec("staff:sara", "p/round", "finish"));

  auto round = s.cli({"history", "p/round"});
  INFO(round.out);
  CHECK(contains(round.out, "finish, open -> done"));
  CHECK(contains(round.out, "created p/note/round\n"));
  CHECK(contains(round.out, "created p/note/round-2\n"));
  CHECK(contains(round.out, "created p/note/round-3\n"));
  auto notes = s.cli({"cases", "p", "--type", "note"});
  INFO(notes.out);
  CHECK(std::count(notes.out.begin(), notes.out.end(), '\n') == 3);
  auto files = s.cli({"cases", "p", "--type", "member_file", "--state", "paired"});
  CHECK(std::count(files.out.begin(), files.out.end(), '\n') == 5);
  CHECK(s.cli({"verify"}).exit_code == 0);
}
