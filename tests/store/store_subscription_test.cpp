// Catch-up subscriptions: history first, then events as they are appended, in order, no gaps.
#include <catch2/catch.hpp>
#include <latch>
#include <thread>

#include "store/event_store.hpp"
#include "store/subscription.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;
using namespace std::chrono_literals;

namespace {
// A bound on waiting so that a broken subscription fails the test instead of hanging it; never
// reached when things work, and nothing is asserted about how long anything took.
constexpr auto kPatience = 20s;
}  // namespace

TEST_CASE("a subscription delivers history in batches from its position", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "s", 5);

  Subscription from_start(*store, 0, 2);
  CHECK(from_start.next(0ms)->size() == 2);
  CHECK(from_start.next(0ms)->size() == 2);
  auto last = from_start.next(0ms);
  REQUIRE(last->size() == 1);
  CHECK(last->front().position == 5);
  CHECK(from_start.position() == 5);
  CHECK(from_start.next(0ms)->empty());

  Subscription from_three(*store, 3);
  auto rest = from_three.next(0ms);
  REQUIRE(rest->size() == 2);
  CHECK(rest->front().position == 4);
}

TEST_CASE("a subscription waits for the next append", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  Subscription sub(*store, 0);
  std::thread writer([&] { append_many(*store, "s", 1); });
  auto events = sub.next(kPatience);
  writer.join();
  REQUIRE(events.is_ok());
  REQUIRE(events->size() == 1);
  CHECK(events->front().position == 1);
}

TEST_CASE("a subscription catches every event appended while it reads", "[store][slow]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "before", 50);

  constexpr int kLater = 300;
  std::latch reading(1);
  std::thread writer([&] {
    reading.wait();  // start appending only once the subscriber is part-way through history
    for (int i = 0; i < kLater; ++i)
      store->append("during/" + std::to_string(i % 4), ExpectedVersion::any(), {make_event("Live", i)});
  });

  Subscription sub(*store, 0, 16);
  std::vector<std::uint64_t> seen;
  while (seen.size() < 50 + kLater) {
    auto events = sub.next(kPatience);
    REQUIRE(events.is_ok());
    REQUIRE(!events->empty());
    for (const Event& e : *events) seen.push_back(e.position);
    if (seen.size() == 16) reading.count_down();
  }
  writer.join();
  for (std::size_t i = 0; i < seen.size(); ++i) REQUIRE(seen[i] == i + 1);
  CHECK(sub.next(0ms)->empty());
}
