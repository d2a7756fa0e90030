// Snapshots: saved and loaded at a version; unusable ones are ignored, never misread.
#include <catch2/catch.hpp>

#include "store/event_store.hpp"
#include "store/keys.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

namespace {
constexpr std::uint32_t kFormat = 3;
}

TEST_CASE("a snapshot loads back as saved, and a newer one replaces it", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 4);
  CHECK(!store->load_snapshot("s", kFormat)->has_value());

  const Snapshot at_two{"s", 2, kFormat, std::string("state\0with bytes", 16)};
  REQUIRE(store->save_snapshot(at_two).is_ok());
  CHECK(store->load_snapshot("s", kFormat)->value() == at_two);

  const Snapshot at_four{"s", 4, kFormat, "later"};
  REQUIRE(store->save_snapshot(at_four).is_ok());
  CHECK(store->load_snapshot("s", kFormat)->value() == at_four);
  CHECK(!store->load_snapshot("other", kFormat)->has_value());
}

TEST_CASE("a snapshot of another state format is ignored", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 2);
  REQUIRE(store->save_snapshot({"s", 2, kFormat - 1, "old fold"}).is_ok());
  auto loaded = store->load_snapshot("s", kFormat);
  REQUIRE(loaded.is_ok());
  CHECK(!loaded->has_value());
}

TEST_CASE("a snapshot beyond its stream cannot be saved, and one found on disk is ignored", "[store]") {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    append_many(*store, "s", 2);
    auto refused = store->save_snapshot({"s", 3, kFormat, "future"});
    REQUIRE(refused.is_invalid_argument());
    CHECK(refused.message() == "a snapshot of stream 's' at version 3 is impossible: the stream is at version 2");
    CHECK(store->save_snapshot({"s", 0, kFormat, "nothing"}).is_invalid_argument());
    CHECK(store->save_snapshot({"none", 1, kFormat, "nothing"}).is_invalid_argument());
    REQUIRE(store->save_snapshot({"s", 2, kFormat, "now"}).is_ok());
  }
  // Such a snapshot can only come from outside (an older copy of the store, a bug): write one
  // as docs/STORE.md lays it out, version 9, and see it ignored.
  auto value = raw_get(dir.path(), "snapshots", "s");
  REQUIRE(value.has_value());
  (*value)[5] = 9;
  raw_put(dir.path(), "snapshots", "s", *value);
  // It names a version past the log's end: a writer refuses the store (store_cut_end_test.cpp);
  // a reader ignores the snapshot and folds from the log.
  CHECK(EventStore::open(dir.path()).status().is_corruption());
  auto store = open_store(dir.path(), {.read_only = true});
  auto loaded = store->load_snapshot("s", kFormat);
  REQUIRE(loaded.is_ok());
  CHECK(!loaded->has_value());
}

TEST_CASE("a damaged snapshot is ignored", "[store]") {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    append_many(*store, "s", 1);
  }
  raw_put(dir.path(), "snapshots", "s", "\x07junk");
  auto store = open_store(dir.path());
  auto loaded = store->load_snapshot("s", kFormat);
  REQUIRE(loaded.is_ok());
  CHECK(!loaded->has_value());
}
