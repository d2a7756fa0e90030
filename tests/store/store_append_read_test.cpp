// Appending and reading back: round trips, expected versions, atomic batches, reopening.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <algorithm>

#include "store/event_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

namespace {
std::vector<std::uint64_t> versions_of(const std::vector<Event>& events) {
  std::vector<std::uint64_t> v;
  for (const auto& e : events) v.push_back(e.version);
  return v;
}
}  // namespace

TEST_CASE("an appended event reads back with the envelope the store assigned", "[store]") {
  STORE_UNDER_TEST(at);
  ManualClock clock(1'700'000'000'123'456);
  auto store = open_store(at.location(), {.clock = &clock});

  NewEvent submitted = make_event("ApplicationSubmitted", 7);
  submitted.explanation = {{"rule", "eligible"}, {"result", true}};
  auto r = store->append("mie/2021/alice", ExpectedVersion::no_stream(), {submitted, make_event("Noted", 8)});
  REQUIRE(r.is_ok());
  CHECK(r->first_position == 1);
  CHECK(r->last_position == 2);
  CHECK(r->stream_version == 2);

  auto first = store->read_event(1);
  REQUIRE(first.is_ok());
  CHECK(first->position == 1);
  CHECK(first->stream == "mie/2021/alice");
  CHECK(first->version == 1);
  CHECK(first->type == "ApplicationSubmitted");
  CHECK(first->recorded_at == 1'700'000'000'123'456);
  CHECK(first->actor == Actor{"alice", "student"});
  CHECK(first->definition_id == "mie@2021");
  CHECK(first->payload == R"({"n":7,"note":"héllo"})");
  CHECK(*first->payload_json() == submitted.payload);
  CHECK(*first->explanation_json() == submitted.explanation);
  CHECK(first->metadata == Metadata{"corr-1", "cause-1"});
  CHECK(first->previous_hash == kGenesisHash);
  CHECK(first->hash == event_hash(*first));

  auto second = store->read_event(2);
  REQUIRE(second.is_ok());
  CHECK(second->explanation == "null");
  CHECK(second->previous_hash == first->hash);
  CHECK(r->last_hash == second->hash);
  CHECK(store->head() == ChainHead{2, second->hash});
}

TEST_CASE("streams read forward and backward from a version, with a limit", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "a", 3);
  append_many(*store, "b", 2);
  append_many(*store, "a", 2);  // a: versions 1..5 at positions 1,2,3,6,7

  auto forward = store->read_stream_forward("a", 2, 3);
  REQUIRE(forward.is_ok());
  CHECK(versions_of(*forward) == std::vector<std::uint64_t>{2, 3, 4});
  CHECK(forward->back().position == 6);

  auto backward = store->read_stream_backward("a", kLatestVersion, 2);
  REQUIRE(backward.is_ok());
  CHECK(versions_of(*backward) == std::vector<std::uint64_t>{5, 4});

  auto from_three = store->read_stream_backward("a", 3, 10);
  REQUIRE(from_three.is_ok());
  CHECK(versions_of(*from_three) == std::vector<std::uint64_t>{3, 2, 1});

  CHECK(store->read_stream_forward("a", 6, 10)->empty());
  CHECK(store->read_stream_forward("nobody", 1, 10)->empty());
  CHECK(*store->stream_version("a") == 5);
  CHECK(*store->stream_version("b") == 2);
  CHECK(*store->stream_version("nobody") == 0);
  CHECK(*store->position_of("b", 2) == 5);
  CHECK(store->position_of("b", 3).status().is_not_found());
}

TEST_CASE("streams read from inside multi-event appends, both ways", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  auto batch = [](int n) { return std::vector<NewEvent>(static_cast<std::size_t>(n), make_event("Step")); };
  REQUIRE(store->append("s", ExpectedVersion::no_stream(), batch(3)).is_ok());  // versions 1-3, positions 1-3
  append_many(*store, "other", 2);
  REQUIRE(store->append("s", ExpectedVersion::exact(3), batch(2)).is_ok());  // 4-5 at 6-7
  REQUIRE(store->append("s", ExpectedVersion::exact(5), batch(1)).is_ok());  // 6 at 8

  CHECK(versions_of(*store->read_stream_forward("s", 2, 3)) == std::vector<std::uint64_t>{2, 3, 4});
  CHECK(versions_of(*store->read_stream_forward("s", 5, 10)) == std::vector<std::uint64_t>{5, 6});
  CHECK(versions_of(*store->read_stream_backward("s", 5, 3)) == std::vector<std::uint64_t>{5, 4, 3});
  CHECK(versions_of(*store->read_stream_backward("s", 2, 10)) == std::vector<std::uint64_t>{2, 1});
  CHECK(versions_of(*store->read_stream_backward("s", kLatestVersion, 4)) == std::vector<std::uint64_t>{6, 5, 4, 3});
  CHECK(versions_of(*store->read_stream_forward("s", 0, SIZE_MAX)) == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6});
  const std::vector<std::uint64_t> positions{1, 2, 3, 6, 7, 8};
  for (std::uint64_t v = 1; v <= 6; ++v) CHECK(*store->position_of("s", v) == positions[v - 1]);
  CHECK(store->position_of("s", 0).status().is_not_found());
  CHECK(store->position_of("s", 7).status().is_not_found());
  CHECK(*store->stream_version("s") == 6);
}

TEST_CASE("a stream whose name extends another's does not leak into it", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "case/1", 2);
  append_many(*store, "case/10", 3);
  append_many(*store, "case/1-x", 1);
  CHECK(*store->stream_version("case/1") == 2);
  CHECK(store->read_stream_forward("case/1", 1, 100)->size() == 2);
  CHECK(store->read_stream_backward("case/1", kLatestVersion, 100)->size() == 2);
}

TEST_CASE("read all returns the global order from a position", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "x", 4);
  append_many(*store, "y", 3);
  auto page = store->read_all(3, 3);
  REQUIRE(page.is_ok());
  REQUIRE(page->size() == 3);
  CHECK(page->at(0).position == 3);
  CHECK(page->at(2).position == 5);
  CHECK(page->at(2).stream == "y");
  CHECK(store->read_all(8, 10)->empty());
  CHECK(store->read_all(0, 100)->size() == 7);
  CHECK(store->read_event(8).status().is_not_found());
}

TEST_CASE("a scan longer than a page reads every event once, in order, and may stop anywhere", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  // 2,500 events: PostgreSQL reads them in pages of 1,000, each asked for before the one before
  // it is visited.
  for (int i = 0; i < 5; ++i) {
    std::vector<NewEvent> batch;
    for (int n = 0; n < 500; ++n) batch.push_back(make_event("Noted", n));
    REQUIRE(store->append(fmt::format("s/{}", i), ExpectedVersion::no_stream(), batch).is_ok());
  }
  std::vector<std::uint64_t> positions;
  auto scanned = store->scan_events(2, 2'345, [&](const Event& e) {
    positions.push_back(e.position);
    return true;
  });
  REQUIRE(scanned.is_ok());
  CHECK(*scanned == 2'345);
  REQUIRE(positions.size() == 2'345);
  CHECK(positions.front() == 2);
  CHECK(positions.back() == 2'346);
  CHECK(std::adjacent_find(positions.begin(), positions.end(), [](auto a, auto b) { return b != a + 1; }) == positions.end());

  // Stopped inside the first page, while the next is on its way: the store reads on as before.
  std::size_t seen = 0;
  auto stopped = store->scan_events(1, 10'000, [&](const Event&) { return ++seen < 700; });
  REQUIRE(stopped.is_ok());
  CHECK(*stopped == 700);
  for (int round = 0; round < 3; ++round) {
    auto all = store->scan_events(1, 10'000, [](const Event&) { return true; });
    REQUIRE(all.is_ok());
    CHECK(*all == 2'500);
    CHECK(store->read_event(2'500)->stream == "s/4");
  }
  CHECK(store->scan_events(2'501, 10, [](const Event&) { return true; }).value() == 0);
}

TEST_CASE("an event recorded before 1970 reads back its time", "[store]") {
  STORE_UNDER_TEST(at);
  ManualClock clock(-86'400'000'001);  // 1969-12-30, a microsecond before midnight
  auto store = open_store(at.location(), {.clock = &clock});
  REQUIRE(store->append("old", ExpectedVersion::no_stream(), {make_event("Noted")}).is_ok());
  CHECK(store->read_event(1)->recorded_at == -86'400'000'001);
  CHECK(all_events(*store).at(0).recorded_at == -86'400'000'001);
}

TEST_CASE("streams are listed by prefix with their versions", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "mie/2021/bob", 1);
  append_many(*store, "mie/2021/alice", 2);
  append_many(*store, "mie/2022/carol", 3);
  append_many(*store, "mileage/2021/dan", 1);

  auto edition = store->list_streams("mie/2021/");
  REQUIRE(edition.is_ok());
  CHECK(*edition == std::vector<StreamInfo>{{"mie/2021/alice", 2}, {"mie/2021/bob", 1}});
  CHECK(store->list_streams("mi")->size() == 4);
  CHECK(store->list_streams("")->size() == 4);
  CHECK(store->list_streams("", 2)->size() == 2);
  CHECK(store->list_streams("zzz")->empty());
}

TEST_CASE("each expected version is honoured, and a conflict names the actual version", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  const auto event = make_event("Happened");

  SECTION("no_stream") {
    CHECK(store->append("s", ExpectedVersion::no_stream(), {event}).is_ok());
    auto again = store->append("s", ExpectedVersion::no_stream(), {event});
    REQUIRE(again.status().is_conflict());
    CHECK(again.status().message() == "stream 's' is at version 1, but the append expected no stream");
  }
  SECTION("stream_exists") {
    auto missing = store->append("s", ExpectedVersion::stream_exists(), {event});
    REQUIRE(missing.status().is_conflict());
    CHECK(missing.status().message() == "stream 's' is at version 0, but the append expected an existing stream");
    CHECK(store->append("s", ExpectedVersion::any(), {event}).is_ok());
    CHECK(store->append("s", ExpectedVersion::stream_exists(), {event}).is_ok());
  }
  SECTION("exact") {
    CHECK(store->append("s", ExpectedVersion::exact(0), {event}).is_ok());
    CHECK(store->append("s", ExpectedVersion::exact(1), {event}).is_ok());
    auto stale = store->append("s", ExpectedVersion::exact(1), {event});
    REQUIRE(stale.status().is_conflict());
    CHECK(stale.status().message() == "stream 's' is at version 2, but the append expected version 1");
    auto ahead = store->append("s", ExpectedVersion::exact(5), {event});
    CHECK(ahead.status().is_conflict());
    CHECK(*store->stream_version("s") == 2);
  }
  SECTION("any") {
    CHECK(store->append("s", ExpectedVersion::any(), {event}).is_ok());
    CHECK(store->append("s", ExpectedVersion::any(), {event}).is_ok());
    CHECK(*store->stream_version("s") == 2);
  }
  // Whatever was refused left no trace: positions stay gapless.
  const auto events = all_events(*store);
  for (std::size_t i = 0; i < events.size(); ++i) CHECK(events[i].position == i + 1);
}

TEST_CASE("a refused append writes none of its events", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 1);
  const ChainHead before = store->head();

  SECTION("a version conflict") {
    CHECK(store->append("s", ExpectedVersion::no_stream(), {make_event("A"), make_event("B"), make_event("C")}).status().is_conflict());
  }
  SECTION("one bad event among good ones") {
    NewEvent bad = make_event("Bad");
    bad.payload = nlohmann::json::array({1, 2});
    auto r = store->append("s", ExpectedVersion::any(), {make_event("A"), bad});
    CHECK(r.status().is_invalid_argument());
    CHECK(r.status().message() == "the payload of a Bad event must be a JSON object");
  }
  SECTION("text that is not UTF-8") {
    NewEvent bad = make_event("Bad");
    bad.payload = {{"name", "\xff\xfe"}};
    CHECK(store->append("s", ExpectedVersion::any(), {make_event("A"), bad}).status().is_invalid_argument());
    bad = make_event("Bad");
    bad.actor.user = "\xc3";
    CHECK(store->append("s", ExpectedVersion::any(), {bad}).status().is_invalid_argument());
  }
  SECTION("a bad stream name or no events") {
    CHECK(store->append("", ExpectedVersion::any(), {make_event("A")}).status().is_invalid_argument());
    CHECK(store->append("a@b", ExpectedVersion::any(), {make_event("A")}).status().is_invalid_argument());
    CHECK(store->append("a b", ExpectedVersion::any(), {make_event("A")}).status().is_invalid_argument());
    CHECK(store->append("s", ExpectedVersion::any(), {}).status().is_invalid_argument());
  }
  CHECK(store->head() == before);
  CHECK(all_events(*store).size() == 1);
  CHECK(*store->stream_version("s") == 1);
}

TEST_CASE("a reopened store keeps its events and continues positions and chain", "[store]") {
  STORE_UNDER_TEST(at);
  ChainHead head;
  {
    auto store = open_store(at.location());
    append_many(*store, "s", 3);
    head = store->head();
  }
  auto store = open_store(at.location());
  CHECK(store->head() == head);
  CHECK(*store->stream_version("s") == 3);
  CHECK(store->append("s", ExpectedVersion::exact(2), {make_event("Late")}).status().is_conflict());
  auto r = store->append("s", ExpectedVersion::exact(3), {make_event("Next")});
  REQUIRE(r.is_ok());
  CHECK(r->first_position == 4);
  CHECK(store->read_event(4)->previous_hash == head.hash);
}

TEST_CASE("a read-only store reads but refuses to write", "[store]") {
  STORE_UNDER_TEST(at);
  {
    auto store = open_store(at.location());
    append_many(*store, "s", 2);
  }
  auto store = open_store(at.location(), {.read_only = true});
  CHECK(store->head().position == 2);
  CHECK(all_events(*store).size() == 2);
  CHECK(store->append("s", ExpectedVersion::any(), {make_event("A")}).status().is_refused());

  TempDir empty;
  auto missing = EventStore::open(empty / "nothing-here", {.read_only = true});
  REQUIRE(missing.status().is_not_found());
  CHECK(missing.status().message() == "store " + (empty / "nothing-here").string() + " does not exist");
  CHECK(!std::filesystem::exists(empty / "nothing-here"));
}

TEST_CASE("appends without sync are readable at once and durable after sync()", "[store]") {
  STORE_UNDER_TEST(at);
  {
    auto store = open_store(at.location(), {.sync = false});
    append_many(*store, "bulk", 50);
    CHECK(store->read_all(0, 100)->size() == 50);
    CHECK(store->sync().is_ok());
  }
  CHECK(all_events(*open_store(at.location())).size() == 50);
}
