// `mentorflow run` applies no command twice (issue 13, "Retries are safe"): run again on the same
// store it writes nothing, and `run --resume` after `kill -9` at any moment, even of the resumed
// run, ends with exactly the log an uninterrupted run writes (the same export, hashes included).
#include <catch2/catch.hpp>

#include <chrono>

#include "tests/support/cli_store.hpp"
#include "tests/support/kill_cli.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
using mentorflow::testing::run_cli_killed_after;
using mentorflow::testing::source_dir;

TEST_CASE("run --continue again on the same store applies no command twice", "[engine][cli]") {
  CliStore s;
  const std::string scenario = (source_dir() / "examples/mie-2021/scenario.jsonl").string();
  CliStore::ok(s.cli({"run", scenario}));
  const std::string log = s.ok(s.cli({"export"})).out;
  const CliResult again = s.cli({"run", scenario, "--continue"});
  CHECK(again.exit_code == 1);
  CHECK(contains(again.out, "commands accepted         0"));
  CHECK(s.ok(s.cli({"export"})).out == log);
}

TEST_CASE("run killed with SIGKILL at any moment and resumed ends with the log of an uninterrupted run",
          "[engine][cli][slow]") {
  const std::string scenario = (source_dir() / "examples/mie-2021/scenario.jsonl").string();
  CliStore whole;
  const auto started = std::chrono::steady_clock::now();
  CliStore::ok(whole.cli({"run", scenario}));
  const auto took = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  const std::string expected = whole.ok(whole.cli({"export"})).out;

  constexpr int kKills = 6;
  for (int i = 0; i < kKills; ++i) {
    // Kills spread over the run (the first ones early, while publishing), a second kill during
    // the resumed run, then a resume left to finish.
    const auto first_kill = took * (2 * i + 1) / (2 * kKills);
    const auto second_kill = took / (i + 2);
    INFO("killed after " << first_kill.count() << " us, then " << second_kill.count() << " us into the resume");
    CliStore s;
    run_cli_killed_after({"run", "--store", s.store, scenario}, first_kill);
    run_cli_killed_after({"run", "--store", s.store, scenario, "--resume"}, second_kill);
    const CliResult finished = s.cli({"run", scenario, "--resume"});
    INFO(finished.out << finished.err);
    CHECK(finished.exit_code == 0);
    CHECK(s.ok(s.cli({"export"})).out == expected);
  }
}
