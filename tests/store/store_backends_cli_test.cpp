// The shipped examples through the real CLI on both backends: the same scenario run on a RocksDB
// folder and on a PostgreSQL schema says the same and leaves the same log (export, head hash).
#include <catch2/catch.hpp>

#include "tests/store/backend_fixture.hpp"
#include "tests/support/run_cli.hpp"

using namespace mentorflow::store::testing;
using mentorflow::testing::CliResult;
using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;

namespace {

CliResult ok(const CliResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

}  // namespace

TEST_CASE("each example runs on PostgreSQL with the same outcome and log as on RocksDB", "[store][cli][slow]") {
  const std::string example = GENERATE("mie-2021", "mileage-pilot", "online-mentor-pilot", "unimi-2025");
  INFO("example " << example);
  auto rocks = StoreUnderTest::make(Backend::kRocks);
  auto postgres = StoreUnderTest::make(Backend::kPostgres);
  if (!postgres) return;
  const std::string scenario = (source_dir() / "examples" / example / "scenario.jsonl").string();
  const CliResult on_rocks = ok(run_cli({"run", "--store", rocks->location().string(), scenario}));
  const CliResult on_postgres = ok(run_cli({"run", "--store", postgres->location().string(), scenario}));
  CHECK(on_postgres.out == on_rocks.out);
  const std::string exported = ok(run_cli({"export", "--store", rocks->location().string()})).out;
  CHECK(ok(run_cli({"export", "--store", postgres->location().string()})).out == exported);
  const CliResult verified = ok(run_cli({"verify", "--store", postgres->location().string()}));
  CHECK(verified.out == ok(run_cli({"verify", "--store", rocks->location().string()})).out);
}

namespace {

// The output of `mentorflow replay` without its line of timings, which differ from run to run.
std::string replay_counts(const std::string& out) { return out.substr(out.find('\n') + 1); }

}  // namespace

TEST_CASE("replay, history, what-if and verify say the same on PostgreSQL as on RocksDB", "[store][cli][slow]") {
  auto rocks = StoreUnderTest::make(Backend::kRocks);
  auto postgres = StoreUnderTest::make(Backend::kPostgres);
  if (!postgres) return;
  const std::string scenario = (source_dir() / "examples/mie-2021/scenario.jsonl").string();
  const std::string on_rocks = rocks->location().string(), on_postgres = postgres->location().string();
  ok(run_cli({"run", "--store", on_rocks, scenario}));
  ok(run_cli({"run", "--store", on_postgres, scenario}));
  const auto same = [&](std::vector<std::string> args) {
    std::vector<std::string> at_rocks = args, at_postgres = args;
    at_rocks.insert(at_rocks.begin() + 1, {"--store", on_rocks});
    at_postgres.insert(at_postgres.begin() + 1, {"--store", on_postgres});
    const CliResult r = run_cli(at_rocks), p = run_cli(at_postgres);
    INFO(args.front() << "\nRocksDB:\n" << r.out << r.err << "PostgreSQL:\n" << p.out << p.err);
    CHECK(p.exit_code == r.exit_code);
    CHECK(p.err == r.err);
    return std::pair{r.out, p.out};
  };
  {
    const auto [r, p] = same({"replay"});
    CHECK(replay_counts(p) == replay_counts(r));
    CHECK(p.starts_with("replayed "));
  }
  for (const std::string case_name : {"mie-2021/application/alessandra.russo", "mie-2021/project/lyon-film", "mie-2021/call"}) {
    const auto [r, p] = same({"history", case_name});
    CHECK(p == r);
    CHECK(!p.empty());
  }
  const auto [r_json, p_json] = same({"history", "mie-2021/application/alessandra.russo", "--json"});
  CHECK(p_json == r_json);
  const auto [r_what_if, p_what_if] = same({"what-if", "--edition", "mie-2021", "--rules", (source_dir() / "rules/mie-2022.rules").string()});
  CHECK(p_what_if == r_what_if);
  CHECK(!p_what_if.empty());
  const auto [r_verify, p_verify] = same({"verify"});
  CHECK(p_verify == r_verify);
  const auto [r_cases, p_cases] = same({"cases", "mie-2021"});  // the read models replay rebuilt
  CHECK(p_cases == r_cases);
}
