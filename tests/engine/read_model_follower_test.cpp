// The read-model follower (engine/read_models/read_model_follower.hpp): engines that leave the read models to
// it write commands only; it brings the views level with the log behind them, to exactly what a
// rebuild from the log gives; it is level when it stops; a damaged log is reported, not waited on.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <atomic>
#include <thread>
#include <vector>

#include "engine/read_models/read_model.hpp"
#include "engine/read_models/read_model_follower.hpp"
#include "tests/engine/read_model_fixture.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;
using mentorflow::testing::MieEngine;

namespace {

Status start(Engine& engine, const std::string& who) {
  auto r = engine.handle({"mie-2021/application/" + who, "start_application", {who, "student"},
                          {{"project", "mie-2021/project/lyon"}}, ""});
  return r.is_ok() ? Status::ok() : r.status();
}

}  // namespace

TEST_CASE("engines leave the read models to the follower, which keeps them as a rebuild would", "[engine]") {
  MieEngine mie;
  const std::uint64_t before = *mie.store->views_checkpoint();
  constexpr int kThreads = 4, kApplicants = 5;
  {
    read_models::ReadModelFollower follower(*mie.store);
    Engine alone(*mie.store, mie.clock, ReadModelUpkeep::kByFollower);
    REQUIRE(start(alone, "first").is_ok());
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t)
      threads.emplace_back([&, t] {
        Engine own(*mie.store, mie.clock, ReadModelUpkeep::kByFollower);
        for (int i = 0; i < kApplicants; ++i)
          if (!start(own, fmt::format("s{}-{}", t, i)).is_ok()) ++failures;
      });
    for (auto& th : threads) th.join();
    REQUIRE(failures == 0);
    REQUIRE(follower.wait_until(mie.store->head().position).is_ok());
    CHECK(*mie.store->views_checkpoint() == mie.store->head().position);
    CHECK(read_models::cases_in_state(*mie.store, "mie-2021", "application", "draft")->size() == kThreads * kApplicants + 1);

    // One more command, and the follower is stopped at once: it stops level with the log.
    REQUIRE(start(alone, "last").is_ok());
  }
  CHECK(*mie.store->views_checkpoint() == mie.store->head().position);
  CHECK(*mie.store->views_checkpoint() > before);
  const auto followed = mie.all_views();
  REQUIRE(read_models::rebuild_read_models(*mie.store).is_ok());
  CHECK(mie.all_views() == followed);
}

TEST_CASE("an engine left to a follower writes no read models itself", "[engine]") {
  MieEngine mie;
  const std::uint64_t before = *mie.store->views_checkpoint();
  Engine engine(*mie.store, mie.clock, ReadModelUpkeep::kByFollower);
  REQUIRE(start(engine, "anna").is_ok());
  CHECK(*mie.store->views_checkpoint() == before);
  CHECK(read_models::cases_in_state(*mie.store, "mie-2021", "application", "draft")->empty());
}

TEST_CASE("a follower that meets an event it cannot project says so to those waiting", "[engine]") {
  MieEngine mie;
  store::NewEvent odd;
  odd.type = "SomethingNew";
  REQUIRE(mie.store->append("mie-2021/application/zed", store::ExpectedVersion::no_stream(), {odd}).is_ok());
  read_models::ReadModelFollower follower(*mie.store);
  const Status waited = follower.wait_until(mie.store->head().position);
  REQUIRE(waited.is_corruption());
  CHECK_THAT(waited.message(), Catch::Contains("SomethingNew"));
}
