// A command that opens several linked cases, after a fan-out has already added writes: every
// event lands on the stream it belongs to (the command's own events are not lost or misplaced
// when the list of writes grows).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::run_cli;
using mentorflow::testing::TempDir;

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

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("a command opening several linked cases after a fan-out writes each event to its stream", "[engine][cli]") {
  TempDir dir;
  const std::string store = (dir / "store").string();
  std::ofstream(dir / "pairs.flow") << kFlow;
  std::ofstream(dir / "pairs.rules") << "rules for pairs edition \"1\" {\n}\n";
  const auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--store", store});
    if (args[0] == "exec" || args[0] == "publish") args.insert(args.end(), {"--now", "2025-01-10 10:00 Europe/Rome"});
    return run_cli(args);
  };
  auto published = cli({"publish", (dir / "pairs.flow").string(), "--rules", (dir / "pairs.rules").string(),
                        "--edition", "p"});
  INFO(published.out << published.err);
  REQUIRE(published.exit_code == 0);
  for (const std::string who : {"anna", "bruno", "carla", "dario", "elena"})
    REQUIRE(cli({"exec", "--as", "member:" + who, "p/member_file/" + who, "join"}).exit_code == 0);

  auto finished = cli({"exec", "--as", "staff:sara", "p/round", "finish"});
  INFO(finished.out << finished.err);
  REQUIRE(finished.exit_code == 0);

  auto round = cli({"history", "p/round"});
  INFO(round.out);
  CHECK(contains(round.out, "finish, open -> done"));
  CHECK(contains(round.out, "created p/note/round\n"));
  CHECK(contains(round.out, "created p/note/round-2\n"));
  CHECK(contains(round.out, "created p/note/round-3\n"));
  auto notes = cli({"cases", "p", "--type", "note"});
  INFO(notes.out);
  CHECK(std::count(notes.out.begin(), notes.out.end(), '\n') == 3);
  auto files = cli({"cases", "p", "--type", "member_file", "--state", "paired"});
  CHECK(std::count(files.out.begin(), files.out.end(), '\n') == 5);
  CHECK(run_cli({"verify", "--store", store}).exit_code == 0);
}
