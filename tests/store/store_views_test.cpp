// Views: the read-model area beside the log. Batches land with their checkpoint atomically, a
// stale writer is refused, scans see prefixes in order, and a drop empties them for a replay.
#include <fmt/core.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <thread>
#include <vector>

#include "store/event_store.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

namespace {

std::map<std::string, std::string> scan(const EventStore& store, const std::string& prefix) {
  std::map<std::string, std::string> seen;
  auto s = store.scan_views(prefix, [&](std::string_view k, std::string_view v) {
    seen.emplace(k, v);
    return true;
  });
  INFO(s.to_string());
  REQUIRE(s.is_ok());
  return seen;
}

ViewBatch batch_of(std::initializer_list<std::pair<std::string, std::string>> puts) {
  ViewBatch b;
  for (const auto& [k, v] : puts) b.put(k, v);
  return b;
}

}  // namespace

TEST_CASE("a new store has no views and checkpoint 0", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  CHECK(*store->views_checkpoint() == 0);
  CHECK(!store->get_view("anything")->has_value());
  CHECK(scan(*store, "").empty());
}

TEST_CASE("a batch of puts and erases lands with its checkpoint", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 5);
  REQUIRE(store->write_views(batch_of({{"a/1", "one"}, {"a/2", "two"}, {"b/1", "bee"}}), 0, 3).is_ok());
  CHECK(*store->views_checkpoint() == 3);
  CHECK(store->get_view("a/2")->value() == "two");

  ViewBatch next;
  next.erase("a/1");
  next.put("a/3", "three");
  next.put("a/2", "deux");  // later ops win: they apply in order
  next.erase("a/3");
  next.put("a/3", std::string("with\0nul", 8));
  REQUIRE(store->write_views(next, 3, 5).is_ok());
  CHECK(*store->views_checkpoint() == 5);
  CHECK(scan(*store, "a/") == std::map<std::string, std::string>{{"a/2", "deux"}, {"a/3", std::string("with\0nul", 8)}});
  CHECK(scan(*store, "b/") == std::map<std::string, std::string>{{"b/1", "bee"}});
  CHECK(scan(*store, "").size() == 3);

  SECTION("an empty batch only moves the checkpoint") {
    REQUIRE(store->write_views({}, 5, 5).is_ok());
    CHECK(*store->views_checkpoint() == 5);
    CHECK(scan(*store, "").size() == 3);
  }
  SECTION("a scan stops when told to, in key order") {
    std::vector<std::string> keys;
    REQUIRE(store->scan_views("", [&](std::string_view k, std::string_view) {
                   keys.emplace_back(k);
                   return keys.size() < 2;
                 })
                .is_ok());
    CHECK(keys == std::vector<std::string>{"a/2", "a/3"});
  }
}

TEST_CASE("a batch of thousands of keys lands whole, with its last word on each key", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 2);
  // More keys than one statement of the PostgreSQL store takes, so the batch goes in parts; keys
  // erased and written again far apart in the batch, and binary keys.
  ViewBatch big;
  for (int i = 0; i < 12'000; ++i) big.put(fmt::format("k/{:05}", i), fmt::format("v{}", i));
  for (int i = 0; i < 12'000; i += 3) big.erase(fmt::format("k/{:05}", i));
  for (int i = 0; i < 12'000; i += 6) big.put(fmt::format("k/{:05}", i), "again");
  big.put(std::string("bin\0\xff\x01", 6), std::string("\0\0", 2));
  big.erase("never/written");
  REQUIRE(store->write_views(big, 0, 2).is_ok());
  const auto seen = scan(*store, "");
  CHECK(seen.size() == 12'000 - 4'000 + 2'000 + 1);
  CHECK(seen.at("k/00000") == "again");
  CHECK(!seen.contains("k/00003"));
  CHECK(seen.at("k/00004") == "v4");
  CHECK(seen.at("k/11994") == "again");
  CHECK(seen.at(std::string("bin\0\xff\x01", 6)) == std::string("\0\0", 2));
  CHECK(*store->views_checkpoint() == 2);
}

TEST_CASE("a writer with a stale checkpoint is refused and writes nothing", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 4);
  REQUIRE(store->write_views(batch_of({{"k", "first"}}), 0, 2).is_ok());

  auto stale = store->write_views(batch_of({{"k", "stale"}, {"other", "x"}}), 0, 4);
  REQUIRE(stale.is_conflict());
  CHECK(stale.message() == "the views are at position 2, but the write expected position 0");
  CHECK(store->get_view("k")->value() == "first");
  CHECK(!store->get_view("other")->has_value());
  CHECK(*store->views_checkpoint() == 2);
}

TEST_CASE("the checkpoint never moves back nor past the log", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 3);
  REQUIRE(store->write_views({}, 0, 2).is_ok());

  auto back = store->write_views(batch_of({{"k", "v"}}), 2, 1);
  REQUIRE(back.is_invalid_argument());
  CHECK(back.message() == "the views checkpoint cannot move back from 2 to 1");
  auto beyond = store->write_views(batch_of({{"k", "v"}}), 2, 4);
  REQUIRE(beyond.is_invalid_argument());
  CHECK(beyond.message() == "the views cannot reflect position 4: the log ends at position 3");
  CHECK(!store->get_view("k")->has_value());
  CHECK(*store->views_checkpoint() == 2);
}

TEST_CASE("racing writers from the same checkpoint: exactly one wins", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 2);
  constexpr int kWriters = 8;
  std::vector<mentorflow::Status> results(kWriters);  // Catch2 assertions stay on this thread
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriters; ++t)
    threads.emplace_back([&, t] { results[t] = store->write_views(batch_of({{"winner", std::to_string(t)}}), 0, 2); });
  for (auto& th : threads) th.join();
  CHECK(std::count_if(results.begin(), results.end(), [](const auto& s) { return s.is_ok(); }) == 1);
  CHECK(std::count_if(results.begin(), results.end(), [](const auto& s) { return s.is_conflict(); }) == kWriters - 1);
  CHECK(store->get_view("winner")->has_value());
}

TEST_CASE("dropping the views empties them and resets the checkpoint, and the log stays", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 3);
  const auto events = all_events(*store);

  SECTION("with views") {
    ViewBatch b = batch_of({{"a", "1"}, {"m/x", "2"}});
    b.put(std::string("\xff\xff", 2), "highest bytes");  // keys are arbitrary bytes
    REQUIRE(store->write_views(b, 0, 3).is_ok());
    REQUIRE(store->drop_views().is_ok());
    CHECK(scan(*store, "").empty());
    CHECK(*store->views_checkpoint() == 0);
    // Rebuilding from 0 works as on a new store.
    REQUIRE(store->write_views(batch_of({{"a", "again"}}), 0, 3).is_ok());
    CHECK(scan(*store, "") == std::map<std::string, std::string>{{"a", "again"}});
  }
  SECTION("with none") {
    REQUIRE(store->drop_views().is_ok());
    CHECK(*store->views_checkpoint() == 0);
  }
  CHECK(all_events(*store) == events);
}

TEST_CASE("views outlive the process, and a read-only open reads them but cannot write", "[store]") {
  STORE_UNDER_TEST(at);
  {
    auto store = open_store(at.location());
    append_many(*store, "s", 2);
    REQUIRE(store->write_views(batch_of({{"k", "v"}}), 0, 2).is_ok());
  }
  auto reader = open_store(at.location(), {.read_only = true});
  CHECK(*reader->views_checkpoint() == 2);
  CHECK(reader->get_view("k")->value() == "v");
  CHECK(reader->write_views({}, 2, 2).is_refused());
  CHECK(reader->drop_views().is_refused());
}

TEST_CASE("a store made before views opens read-only with none, and read-write adds them", "[store]") {
  TempDir dir;
  {
    auto store = open_store(dir.path());
    append_many(*store, "s", 2);
  }
  raw_drop_family(dir.path(), "views");
  {
    auto reader = open_store(dir.path(), {.read_only = true});
    CHECK(*reader->views_checkpoint() == 0);
    CHECK(!reader->get_view("k")->has_value());
    CHECK(scan(*reader, "").empty());
    CHECK(all_events(*reader).size() == 2);
  }
  auto store = open_store(dir.path());
  REQUIRE(store->write_views(batch_of({{"k", "v"}}), 0, 2).is_ok());
  CHECK(store->get_view("k")->value() == "v");
}

TEST_CASE("scan_events hands a catch-up each event in order, up to a limit or until told to stop", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 3);
  store->append("t", ExpectedVersion::any(), {make_event("Other", 7)});
  const auto expected = all_events(*store);

  std::vector<Event> seen;
  auto all = store->scan_events(0, SIZE_MAX, [&](const Event& e) {
    seen.push_back(e);
    return true;
  });
  REQUIRE(all.is_ok());
  CHECK(*all == 4);
  CHECK(seen == expected);

  seen.clear();
  CHECK(*store->scan_events(2, 2, [&](const Event& e) { return seen.push_back(e), true; }) == 2);
  CHECK(seen == std::vector<Event>(expected.begin() + 1, expected.begin() + 3));

  seen.clear();
  CHECK(*store->scan_events(1, SIZE_MAX, [&](const Event& e) { return seen.push_back(e), e.position < 2; }) == 2);
  CHECK(seen.size() == 2);
  CHECK(*store->scan_events(5, SIZE_MAX, [](const Event&) { return true; }) == 0);
}
