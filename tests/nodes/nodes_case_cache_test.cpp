// What a node's engine remembers of the cases it wrote (engine/case_cache.hpp), on PostgreSQL:
// loading such a case again asks the database for the stream's version only, not for the events
// the engine itself just appended. (Each read is a round trip to the database, which several
// nodes share.)
#include <catch2/catch.hpp>

#include "dsl/time/time_text.hpp"
#include "engine/engine.hpp"
#include "store/event_store.hpp"
#include "tests/nodes/nodes_fixture.hpp"
#include "tests/store/backend_fixture.hpp"

using namespace mentorflow;

TEST_CASE("a case an engine wrote loads again from its memory, without reading its events back", "[nodes]") {
  testing::Nodes nodes;
  if (!nodes) return;
  nodes.publish_mie();
  ManualClock clock(dsl::parse_datetime(testing::kMieNow)->utc_micros);
  auto store = store::EventStore::open(nodes.url(), {.read_only = false, .create_if_missing = false, .clock = &clock});
  REQUIRE(store.is_ok());
  engine::Engine engine(**store, clock);
  const std::string project = "mie-2021/project/lyon";
  auto offered = engine.handle({project, "offer_project", {"marco", "mentor"},
                                {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}, ""});
  INFO(offered.status().to_string());
  REQUIRE(offered.is_ok());

  // With the events out of reach, only what the engine remembers can answer.
  store::testing::run_sql(nodes.url(), "ALTER TABLE events RENAME TO events_away");
  auto loaded = engine.load(project);
  store::testing::run_sql(nodes.url(), "ALTER TABLE events_away RENAME TO events");
  INFO(loaded.status().to_string());
  REQUIRE(loaded.is_ok());
  CHECK(loaded->version == *(*store)->stream_version(project));
  CHECK(loaded->state == engine::Engine(**store, clock).load(project)->state);  // as folding the log gives it
}

TEST_CASE("the versions a command reads ahead serve that command only: after it, another node's writes are seen", "[nodes]") {
  testing::Nodes nodes;
  if (!nodes) return;
  nodes.publish_mie();
  ManualClock clock(dsl::parse_datetime(testing::kMieNow)->utc_micros);
  auto open = [&] { return store::EventStore::open(nodes.url(), {.read_only = false, .create_if_missing = false, .clock = &clock}); };
  auto mine = open(), theirs = open();
  REQUIRE(mine.is_ok());
  REQUIRE(theirs.is_ok());
  engine::Engine here(**mine, clock), there(**theirs, clock);
  const std::string project = "mie-2021/project/lyon";
  auto must = [](Result<engine::Accepted> r) {
    INFO(r.status().to_string());
    REQUIRE(r.is_ok());
  };
  must(here.handle({project, "offer_project", {"marco", "mentor"},
                    {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}, ""}));
  must(here.handle({project, "publish_project", {"carla", "staff"}, nlohmann::json::object(), ""}));
  // This command names the project: its version is read ahead with the application's.
  must(here.handle({"mie-2021/application/elena", "start_application", {"elena", "student"},
                    {{"project", project}, {"full_name", "Elena Rossi"}}, ""}));
  must(there.handle({project, "close_project", {"carla", "staff"}, nlohmann::json::object(), ""}));
  auto seen = here.load(project);
  REQUIRE(seen.is_ok());
  CHECK(seen->state == "closed");
  CHECK(seen->version == *(*theirs)->stream_version(project));
  // And the next command reads it afresh: closing it again is refused for the state it is in.
  auto again = here.handle({project, "close_project", {"carla", "staff"}, nlohmann::json::object(), ""});
  REQUIRE(!again.is_ok());
  CHECK(again.status().message().find("closed") != std::string::npos);
}
