// Timers fire exactly once across nodes: two `mentorflow serve` nodes on one PostgreSQL database,
// both with a clock loop, find the same due timers and race to fire them. Every occurrence is
// recorded once, the log holds the same firings as one process ticking alone (RocksDB), and the
// node that lost a race says nothing about it in its log.
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "tests/nodes/nodes_fixture.hpp"
#include "tests/support/cli_store.hpp"

using namespace mentorflow::testing;

namespace {

// UniMi 2025-26 up to the start of the mentoring (the shipped scenario's lines up to
// start_mentoring): sixteen pairs, each with a repeating reminder every four weeks.
std::string unimi_until_mentoring(const TempDir& dir) {
  const std::string whole = read_file(source_dir() / "examples/unimi-2025/scenario.jsonl");
  const auto end = whole.find('\n', whole.find("\"command\": \"start_mentoring\""));
  REQUIRE(end != std::string::npos);
  // The publish line names its files relative to the example's folder.
  const std::string prefix =
      std::regex_replace(whole.substr(0, end + 1), std::regex("\\.\\./\\.\\./"), (source_dir() / "").string());
  const auto path = dir / "unimi-until-mentoring.jsonl";
  std::ofstream(path) << prefix;
  return path.string();
}

// The keys of the TimerFired events of an export, with how often each was recorded.
std::map<std::string, int> fired_keys(const std::string& exported) {
  std::map<std::string, int> keys;
  std::istringstream lines(exported);
  for (std::string line; std::getline(lines, line);) {
    const auto e = nlohmann::json::parse(line);
    if (e["type"] == "TimerFired") ++keys[e["stream"].get<std::string>() + " " + e["payload"]["key"].get<std::string>()];
  }
  return keys;
}

// Four months into the meetings: each pair's reminder is due four times over.
const std::string kLater = "2026-03-01 09:00 Europe/Rome";

}  // namespace

TEST_CASE("timers due while two nodes run fire once each, as one process alone fires them", "[nodes][slow]") {
  Nodes nodes;
  if (!nodes) return;
  const std::string scenario = unimi_until_mentoring(nodes.dir());

  // One process alone: the same scenario on RocksDB, ticked at kLater until nothing is due.
  CliStore alone;
  alone.ok(alone.cli({"run", scenario}));
  for (int i = 0; i < 20 && alone.ok(alone.cli({"tick", "--now", kLater})).out != "0 timers fired\n"; ++i) {
  }
  const std::map<std::string, int> expected = fired_keys(alone.ok(alone.cli({"export"})).out);
  REQUIRE(expected.size() >= 32);

  nodes.ok({"run", scenario});
  nodes.token("ada", "auditor", "*");
  REQUIRE(fired_keys(nodes.ok({"export"}).out).empty());
  {
    // Both clocks loop every 5 ms: they find the same timers due and race for each.
    auto a = nodes.start("a", {"--now", kLater, "--tick-every", "5"});
    auto b = nodes.start("b", {"--now", kLater, "--tick-every", "5"});
    std::map<std::string, int> fired;
    for (int i = 0; i < 600 && fired.size() < expected.size(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      fired = fired_keys(nodes.ok({"export"}).out);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // more ticks, which must find nothing
    a->signal(SIGTERM);
    b->signal(SIGTERM);
    CHECK(a->wait() == 0);
    CHECK(b->wait() == 0);
  }
  CHECK(fired_keys(nodes.ok({"export"}).out) == expected);
  for (const std::string node : {"a", "b"}) {
    const std::string log = read_file(nodes.log(node));
    INFO("node " << node << ":\n" << log);
    CHECK_FALSE(contains(log, "not fired"));
    CHECK_FALSE(contains(log, "timers:"));  // a failing tick
  }
  // The read models both nodes kept while racing are those a rebuild from the log makes.
  const std::string kept = nodes.ok({"cases", "unimi-2025", "--long"}).out;
  nodes.ok({"replay"});
  CHECK(nodes.ok({"cases", "unimi-2025", "--long"}).out == kept);
  CHECK(nodes.cli({"verify"}).exit_code == 0);
}
