// The cases an engine remembers (engine/case_cache.hpp): a case it loaded before, changed since
// by another engine on the same store, loads as changed; what it remembers is always what folding
// the log gives; and a command decided through it sees the latest state.
#include <catch2/catch.hpp>

#include "engine/case_state.hpp"
#include "engine/privacy/erasure_epoch.hpp"
#include "tests/engine/read_model_fixture.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;
using mentorflow::testing::MieEngine;

namespace {

std::string loaded_by(Engine& engine, const std::string& name) {
  auto state = engine.load(name);
  REQUIRE(state.is_ok());
  return to_json(*state).dump();
}

Status command(Engine& engine, const std::string& user, const std::string& role, const std::string& case_name,
               const std::string& name, const nlohmann::json& inputs = nlohmann::json::object()) {
  auto accepted = engine.handle({case_name, name, {user, role}, inputs, ""});
  return accepted.is_ok() ? Status::ok() : accepted.status();
}

}  // namespace

TEST_CASE("a case another engine changed loads as changed", "[engine]") {
  MieEngine mie;
  const std::string project = "mie-2021/project/lyon";
  Engine other(*mie.store, mie.clock);
  REQUIRE(mie.engine->load(project)->state == "open");  // now remembered by the first engine

  REQUIRE(command(other, "carla", "staff", project, "close_project").is_ok());
  auto again = mie.engine->load(project);
  REQUIRE(again.is_ok());
  CHECK(again->state == "closed");
  CHECK(again->version == *mie.store->stream_version(project));
  CHECK(loaded_by(*mie.engine, project) == folded_from_start(mie, project));
}

TEST_CASE("a case remembered along a whole mentorship is what the log folds to", "[engine]") {
  MieEngine mie;
  Engine other(*mie.store, mie.clock);
  const std::string m = mie.mentorship("bruno", 3);
  // Both engines load it after every further command, one of them issuing the commands.
  for (int meeting = 0; meeting < 3; ++meeting) {
    Engine& by = meeting % 2 == 0 ? other : *mie.engine;
    REQUIRE(command(by, "marco", "mentor", m, "log_meeting", {{"held_on", "2021-12-02T18:00:00+01:00"}, {"length", "60min"}})
                .is_ok());
    CHECK(loaded_by(*mie.engine, m) == folded_from_start(mie, m));
    CHECK(loaded_by(other, m) == folded_from_start(mie, m));
  }
}

TEST_CASE("a command on a case another engine moved is decided on the case as it is", "[engine]") {
  MieEngine mie;
  mie.apply("anna");
  const std::string a = "mie-2021/application/anna";
  Engine other(*mie.store, mie.clock);
  REQUIRE(other.load(a)->state == "submitted");  // remembered as submitted

  REQUIRE(command(*mie.engine, "carla", "staff", a, "confirm_match").is_ok());
  // The other engine's memory is out of date: the command is refused for the state the case is
  // in now, not accepted on the state it remembers.
  const Status again = command(other, "carla", "staff", a, "confirm_match");
  CHECK(again.is_refused());
  CHECK_THAT(again.message(), Catch::Contains("is 'matched'"));
  CHECK(*mie.store->stream_version(a) == mie.engine->load(a)->version);
}

// After an erasure in this process (engine/privacy/erasure_epoch.hpp) an engine folds again what it
// remembered: a case it holds may hold the erased person's values. Seen here by a snapshot that
// says something else than the log (only a snapshot is read by a load that remembers nothing).
TEST_CASE("an engine forgets the cases it remembers once an erasure has run in its process", "[engine]") {
  MieEngine mie;
  const std::string project = "mie-2021/project/lyon";
  auto remembered = mie.engine->load(project);
  REQUIRE(remembered.is_ok());
  CaseState other = *remembered;
  other.fields["host"] = "what a snapshot says";
  REQUIRE(mie.store->save_snapshot({project, other.version, kCaseStateFormat, snapshot_json(other).dump()}).is_ok());
  CHECK(mie.engine->load(project)->fields["host"] == "Institut Lumière");  // remembered

  count_erasure_in_process();
  CHECK(mie.engine->load(project)->fields["host"] == "what a snapshot says");  // forgotten, read again
}
