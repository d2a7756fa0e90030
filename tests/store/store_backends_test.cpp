// The two backends keep one log: the same appends give the same events and hash chain on RocksDB
// and on PostgreSQL, and a log exported from one imports into the other with the same head hash.
// Also what only several nodes on one PostgreSQL database can do: race each other.
#include <catch2/catch.hpp>

#include <fmt/core.h>

#include <atomic>
#include <map>
#include <thread>

#include "store/event_store.hpp"
#include "store/verify.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/store/backend_fixture.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using namespace mentorflow::store::testing;

namespace {

// The same appends, whatever the store: two streams, a multi-stream append, an explanation.
void write_history(EventStore& store) {
  NewEvent decided = make_event("Decided", 3);
  decided.explanation = {{"rule", "eligible"}, {"result", true}};
  REQUIRE(store.append("mie/2021/anna", ExpectedVersion::no_stream(), {make_event("Opened", 1), make_event("Noted", 2)}).is_ok());
  REQUIRE(store.append("mie/2021/ben", ExpectedVersion::no_stream(), {decided}).is_ok());
  REQUIRE(store.append_multi({{"mie/2021/anna", ExpectedVersion::exact(2), {make_event("Matched", 4)}},
                              {"mie/mentorship/anna", ExpectedVersion::no_stream(), {make_event("Opened", 5)}}})
              .is_ok());
}

// Both stores of a backend pair, or nothing when there is no PostgreSQL cluster here.
struct Pair {
  std::unique_ptr<StoreUnderTest> rocks = StoreUnderTest::make(Backend::kRocks);
  std::unique_ptr<StoreUnderTest> postgres = StoreUnderTest::make(Backend::kPostgres);
};

}  // namespace

TEST_CASE("the same appends give the same events and chain on RocksDB and PostgreSQL", "[store]") {
  Pair at;
  if (!at.postgres) return;
  ManualClock clock(1'700'000'000'000'000);
  auto rocks = open_store(at.rocks->location(), {.clock = &clock});
  auto postgres = open_store(at.postgres->location(), {.clock = &clock});
  write_history(*rocks);
  write_history(*postgres);
  CHECK(all_events(*postgres) == all_events(*rocks));
  CHECK(postgres->head() == rocks->head());
  CHECK(*postgres->list_streams("mie/2021/") == *rocks->list_streams("mie/2021/"));
}

TEST_CASE("a log exported from either backend imports into the other with the same head hash", "[store]") {
  Pair at;
  if (!at.postgres) return;
  ManualClock clock(1'700'000'000'000'000);
  const bool from_rocks = GENERATE(true, false);
  INFO((from_rocks ? "RocksDB to PostgreSQL" : "PostgreSQL to RocksDB"));
  auto source = open_store((from_rocks ? at.rocks : at.postgres)->location(), {.clock = &clock});
  auto target = open_store((from_rocks ? at.postgres : at.rocks)->location());
  write_history(*source);
  const std::vector<Event> events = all_events(*source);
  REQUIRE(target->append_recorded(events).is_ok());
  CHECK(target->head() == source->head());
  CHECK(all_events(*target) == events);
  CHECK(*target->stream_version("mie/2021/anna") == 3);
  auto report = verify_chain(*target);
  REQUIRE(report.is_ok());
  CHECK(report->intact());

  // An event that does not continue the chain is refused, and nothing of its call is written.
  Event forged = events.back();
  forged.position += 1;
  forged.version += 1;
  CHECK(target->append_recorded(std::vector<Event>{forged}).is_corruption());
  CHECK(target->head() == source->head());
}

TEST_CASE("two nodes on one PostgreSQL database racing on one stream: exactly one wins", "[store]") {
  auto at = StoreUnderTest::make(Backend::kPostgres);
  if (!at) return;
  auto first = open_store(at->location());
  auto second = open_store(at->location());
  REQUIRE(first->append("case/1", ExpectedVersion::no_stream(), {make_event("Opened")}).is_ok());
  constexpr int kRounds = 20;
  int conflicts = 0, wins = 0;
  for (int round = 0; round < kRounds; ++round) {
    const auto expected = ExpectedVersion::exact(static_cast<std::uint64_t>(round + 1));
    Result<AppendResult> a = Status::io_error("not run"), b = Status::io_error("not run");
    std::thread t1([&] { a = first->append("case/1", expected, {make_event("A", round)}); });
    std::thread t2([&] { b = second->append("case/1", expected, {make_event("B", round)}); });
    t1.join();
    t2.join();
    for (const auto* r : {&a, &b}) {
      if (r->is_ok()) ++wins;
      else if (r->status().is_conflict()) ++conflicts;
      else FAIL(r->status().to_string());
    }
  }
  CHECK(wins == kRounds);
  CHECK(conflicts == kRounds);
  CHECK(*second->stream_version("case/1") == kRounds + 1);
  CHECK(first->head() == second->head());
  auto report = verify_chain(*second);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
}

TEST_CASE("a node that appended alone writes after another node's appends, and still refuses a wrong expectation", "[store]") {
  auto at = StoreUnderTest::make(Backend::kPostgres);
  if (!at) return;
  auto first = open_store(at->location());
  auto second = open_store(at->location());
  // Appending alone, the first node writes its later appends on the head it left (one round trip,
  // the database checking that head); each time the second node appends meanwhile, that check
  // fails and the append goes the long way. Either way: one chain, gapless, versions in order.
  std::map<std::string, std::uint64_t> versions;
  auto append = [&](EventStore& node, const std::string& stream, int n) {
    const auto result = node.append(stream, ExpectedVersion::exact(versions[stream]), {make_event("E", n), make_event("F", n)});
    INFO(stream << ": " << (result.is_ok() ? std::string("ok") : result.status().to_string()));
    REQUIRE(result.is_ok());
    versions[stream] += 2;
    CHECK(result->stream_version == versions[stream]);
  };
  for (int round = 0; round < 12; ++round) {
    for (int i = 0; i < 3; ++i) append(*first, fmt::format("alone/{}", i), round);  // alone: the short way
    if (round % 3 != 2) append(*second, fmt::format("other/{}", round % 2), round);    // then a surprise
  }
  // Wrong expectations are refused whichever way the append goes, and write nothing: a version the
  // stream has passed, and one it has not reached (which must not leave a gap).
  append(*first, "alone/0", 99);
  const std::uint64_t head = first->head().position;
  for (const auto expected : {ExpectedVersion::exact(versions["alone/0"] - 1), ExpectedVersion::exact(versions["alone/0"] + 3),
                              ExpectedVersion::no_stream()}) {
    const auto refused = first->append("alone/0", expected, {make_event("G")});
    REQUIRE(!refused.is_ok());
    CHECK(refused.status().is_conflict());
    CHECK(first->head().position == head);
  }
  append(*second, "other/0", 100);
  append(*first, "alone/0", 101);  // after a refusal and another node's append
  CHECK(first->head() == second->head());
  for (const auto& [stream, version] : versions) CHECK(*second->stream_version(stream) == version);
  auto report = verify_chain(*second);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
  CHECK(report->events_checked == first->head().position);
}

TEST_CASE("two nodes appending at once, each with several writers: every append lands once, in one chain", "[store]") {
  auto at = StoreUnderTest::make(Backend::kPostgres);
  if (!at) return;
  std::vector<std::unique_ptr<EventStore>> nodes;
  for (int n = 0; n < 2; ++n) nodes.push_back(open_store(at->location()));
  // Each writer appends to its own stream at the version it knows, so no append may be refused:
  // whichever way a node's group goes (one round trip on what it assumed, checked under the head
  // lock while the other node holds it or has just moved it; or the long way), it lands.
  constexpr int kWriters = 4, kAppends = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int n = 0; n < 2; ++n)
    for (int w = 0; w < kWriters; ++w)
      threads.emplace_back([&, n, w] {
        const std::string stream = fmt::format("node{}/writer{}", n, w);
        for (int i = 0; i < kAppends; ++i)
          if (!nodes[n]->append(stream, ExpectedVersion::exact(2 * i), {make_event("A", i), make_event("B", i)}).is_ok()) ++failures;
      });
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  for (int n = 0; n < 2; ++n)
    for (int w = 0; w < kWriters; ++w) CHECK(*nodes[0]->stream_version(fmt::format("node{}/writer{}", n, w)) == 2 * kAppends);
  CHECK(nodes[0]->head().position == 2 * 2 * kWriters * kAppends);
  auto report = verify_chain(*nodes[1]);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
  CHECK(report->events_checked == 2 * 2 * kWriters * kAppends);
}

TEST_CASE("a PostgreSQL log cut at its end is refused for writing and still opens read-only", "[store]") {
  auto at = StoreUnderTest::make(Backend::kPostgres);
  if (!at) return;
  append_many(*open_store(at->location()), "s", 3);
  run_sql(at->location().string(), "DELETE FROM events WHERE position = 3");

  auto refused = EventStore::open(at->location());
  REQUIRE(refused.status().is_corruption());
  CHECK_THAT(refused.status().message(), Catch::Contains("was cut at its end: the head row names position 3 but the last event is at 2"));
  CHECK_THAT(refused.status().message(), Catch::Contains("stream 's'"));
  auto reader = open_store(at->location(), {.read_only = true});
  CHECK(all_events(*reader).size() == 2);
}
