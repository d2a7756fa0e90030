// Timers fire exactly once even when `tick` is killed part way: firing a timer and recording its
// effects are one atomic write, so a kill before it leaves the timer due and a kill after it
// leaves it fired. Kills land at varied moments of real `mentorflow tick` processes.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/cli_store.hpp"
#include "tests/support/kill_cli.hpp"

using mentorflow::testing::CliStore;
using mentorflow::testing::run_cli_killed_after;
using mentorflow::testing::source_dir;

namespace {

const std::string kBefore = "2021-09-20 10:00 Europe/Rome";
const std::string kAfter = "2021-11-20 09:00 Europe/Rome";  // past the deadline and the results reminder

// Starts `mentorflow tick` and kills it with SIGKILL after `delay` (it may have finished by then).
void tick_and_kill(const std::string& store, std::chrono::microseconds delay) {
  run_cli_killed_after({"tick", "--store", store, "--now", kAfter}, delay);
}

}  // namespace

TEST_CASE("a timer fires exactly once across tick processes killed part way", "[engine][slow]") {
  CliStore s(kBefore);
  s.ok(s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
              (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now", kBefore}));
  s.ok(s.exec("mentor:marco", "mie-2021/project/lyon", "offer_project",
              {{"host", "IL"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}));
  s.ok(s.exec("staff:carla", "mie-2021/project/lyon", "publish_project"));
  constexpr int kDrafts = 12;
  for (int i = 0; i < kDrafts; ++i)
    s.ok(s.exec("student:s" + std::to_string(i), "mie-2021/application/s" + std::to_string(i), "start_application",
                {{"project", "mie-2021/project/lyon"}}));

  for (int micros : {0, 300, 1000, 2500, 5000, 10000, 20000, 40000})
    tick_and_kill(s.store, std::chrono::microseconds(micros));
  s.ok(s.cli({"tick", "--now", kAfter}));  // whatever is still due fires now
  const auto last = s.ok(s.cli({"tick", "--now", kAfter}));
  CHECK(last.out.find("0 timers fired") != std::string::npos);

  std::map<std::string, int> fired, expired;
  std::istringstream lines(s.ok(s.cli({"export"})).out);
  for (std::string line; std::getline(lines, line);) {
    const auto e = nlohmann::json::parse(line);
    if (e.at("type") == "TimerFired") ++fired[e.at("payload").at("key").get<std::string>()];
    if (e.at("type") == "StateChanged" && e.at("payload").at("to") == "expired") ++expired[e.at("stream")];
  }
  CHECK(fired.size() == 2);  // the deadline closing applications, and the results reminder
  for (const auto& [key, n] : fired) {
    INFO(key);
    CHECK(n == 1);
  }
  CHECK(expired.size() == kDrafts);
  for (const auto& [stream, n] : expired) {
    INFO(stream);
    CHECK(n == 1);
  }
  CHECK(s.cli({"verify"}).exit_code == 0);
}
