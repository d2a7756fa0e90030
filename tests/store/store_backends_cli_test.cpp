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
