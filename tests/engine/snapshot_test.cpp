// Snapshots: loading a case from its snapshot gives, byte for byte, what folding it from the
// start gives; unusable snapshots are ignored; time travel never starts from one. Each load is
// by an engine that has not seen the case, so it reads the store's snapshot.
#include <catch2/catch.hpp>

#include "engine/case_state.hpp"
#include "tests/engine/read_model_fixture.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;
using mentorflow::testing::MieEngine;

namespace {

// The case loaded as a newly started engine loads it: from the store's snapshot, not from what
// an engine that loaded it before remembers (engine/case_cache.hpp).
Result<CaseState> load_afresh(MieEngine& mie, const std::string& name) {
  Engine fresh(*mie.store, mie.clock);
  return fresh.load(name);
}

std::string loaded(MieEngine& mie, const std::string& name) {
  auto state = load_afresh(mie, name);
  REQUIRE(state.is_ok());
  return to_json(*state).dump();
}

std::optional<store::Snapshot> snapshot_of(MieEngine& mie, const std::string& name) {
  auto snapshot = mie.store->load_snapshot(name, kCaseStateFormat);
  REQUIRE(snapshot.is_ok());
  return *snapshot;
}

}  // namespace

TEST_CASE("a long case is snapshotted and loads the same with or without its snapshot", "[engine]") {
  MieEngine mie;
  const std::string m = mie.mentorship("bruno", 6);
  const std::uint64_t version = *mie.store->stream_version(m);
  REQUIRE(version > kSnapshotEvery);

  // Every command loaded the case; the one that found more than kSnapshotEvery events unsnapshotted saved one.
  auto saved = snapshot_of(mie, m);
  REQUIRE(saved.has_value());
  CHECK(saved->version > kSnapshotEvery);
  CHECK(saved->version <= version);

  const std::string from_start = folded_from_start(mie, m);
  CHECK(loaded(mie, m) == from_start);

  // A damaged snapshot is ignored: the case is folded from its first event, and since that is
  // more than kSnapshotEvery events, a good snapshot of its last version replaces the damaged one.
  REQUIRE(mie.store->save_snapshot({m, 1, kCaseStateFormat, "not a state"}).is_ok());
  CHECK(loaded(mie, m) == from_start);
  CHECK(snapshot_of(mie, m)->version == version);
  CHECK(loaded(mie, m) == from_start);  // now from that snapshot, with nothing to fold after it

  SECTION("and with events after the snapshot") {
    mie.ok("student:bruno", m, "finish_meetings");
    CHECK(loaded(mie, m) == folded_from_start(mie, m));
    CHECK(snapshot_of(mie, m)->version == version);  // too few new events for a new snapshot
  }
  SECTION("from a store reopened read-only, which saves none") {
    mie.open(true);
    CHECK(loaded(mie, m) == from_start);
  }
}

TEST_CASE("a snapshot of an older state format is ignored", "[engine]") {
  MieEngine mie;
  const std::string m = mie.mentorship("bruno", 1);
  const std::string from_start = folded_from_start(mie, m);
  const std::uint64_t version = *mie.store->stream_version(m);
  // What an older fold might have saved: another layout altogether.
  REQUIRE(mie.store->save_snapshot({m, version, kCaseStateFormat - 1, R"({"layout":"old"})"}).is_ok());
  CHECK(loaded(mie, m) == from_start);
}

TEST_CASE("time travel folds from the first event, never from a snapshot", "[engine]") {
  MieEngine mie;
  const std::string m = mie.mentorship("bruno", 1);
  const std::uint64_t version = *mie.store->stream_version(m);
  const std::string from_start = folded_from_start(mie, m);

  // A snapshot in the current format that says something the events do not: loading now trusts
  // it (that is what a snapshot is for); loading as of a position must not.
  auto state = mie.engine->load(m);
  REQUIRE(state.is_ok());
  CaseState marked = *state;
  marked.state = "marked-by-test";
  REQUIRE(mie.store->save_snapshot({m, version, kCaseStateFormat, to_json(marked).dump()}).is_ok());
  CHECK(load_afresh(mie, m)->state == "marked-by-test");
  CHECK(folded_from_start(mie, m) == from_start);
  auto by_time = mie.engine->load(m, Until{.position = std::nullopt, .time = mie.clock.now()});
  REQUIRE(by_time.is_ok());
  CHECK(to_json(*by_time).dump() == from_start);
}
