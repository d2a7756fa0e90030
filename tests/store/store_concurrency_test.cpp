// Concurrent appenders: racing on one stream, group commit across many streams, and a subscriber
// reading while they append (on each backend).
#include <catch2/catch.hpp>
#include <barrier>
#include <mutex>
#include <thread>

#include "store/event_store.hpp"
#include "store/subscription.hpp"
#include "store/verify.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

TEST_CASE("two threads racing on one stream: exactly one wins, the other is told why", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  append_many(*store, "case/1", 1);

  // Many rounds, both threads released together each time, so that the race really happens
  // inside one leader's group as well as across groups.
  constexpr int kRounds = 50;
  for (int round = 0; round < kRounds; ++round) {
    const std::uint64_t version = *store->stream_version("case/1");
    std::barrier start(2);
    Result<AppendResult> results[2] = {Status::io_error("not run"), Status::io_error("not run")};
    auto race = [&](int who) {
      start.arrive_and_wait();
      results[who] = store->append("case/1", ExpectedVersion::exact(version), {make_event("Decided", who), make_event("Noted", who)});
    };
    std::thread a(race, 0), b(race, 1);
    a.join();
    b.join();

    const int winners = results[0].is_ok() + results[1].is_ok();
    REQUIRE(winners == 1);
    const Status& lost = results[0].is_ok() ? results[1].status() : results[0].status();
    REQUIRE(lost.is_conflict());
    CHECK(lost.message() == "stream 'case/1' is at version " + std::to_string(version + 2) + ", but the append expected version " +
                                std::to_string(version));
  }
  CHECK(*store->stream_version("case/1") == 1 + 2 * kRounds);
  auto report = verify_chain(*store);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
}

TEST_CASE("many concurrent appenders get gapless positions, whole batches and one chain", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  constexpr int kThreads = 8, kAppends = 40, kBatch = 3;
  std::mutex errors_mu;
  std::vector<std::string> errors;  // Catch2 assertions are not thread-safe: collect, check after
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string stream = "case/" + std::to_string(t);
      for (int i = 0; i < kAppends; ++i) {
        std::vector<NewEvent> batch;
        for (int k = 0; k < kBatch; ++k) batch.push_back(make_event("Step", i * kBatch + k));
        auto r = store->append(stream, ExpectedVersion::exact(static_cast<std::uint64_t>(i * kBatch)), batch);
        if (!r.is_ok()) {
          std::lock_guard lock(errors_mu);
          errors.push_back(r.status().to_string());
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(errors.empty());

  const auto events = all_events(*store);
  REQUIRE(events.size() == kThreads * kAppends * kBatch);
  for (std::size_t i = 0; i < events.size(); ++i) REQUIRE(events[i].position == i + 1);
  // The events of one append sit together, in order, in the global log.
  for (std::size_t i = 0; i < events.size(); i += kBatch) {
    for (int k = 1; k < kBatch; ++k) {
      REQUIRE(events[i + k].stream == events[i].stream);
      REQUIRE(events[i + k].version == events[i].version + k);
    }
  }
  for (int t = 0; t < kThreads; ++t) CHECK(*store->stream_version("case/" + std::to_string(t)) == kAppends * kBatch);
  auto report = verify_chain(*store);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
  CHECK(report->events_checked == events.size());
}

TEST_CASE("appenders on many streams and a subscriber reading meanwhile: every position once, in order", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  // On PostgreSQL the subscriber reads through a store of its own, as another node would, and
  // learns of the appends by NOTIFY (or by polling the head row).
  std::unique_ptr<EventStore> other;
  if (at.backend() == Backend::kPostgres) other = open_store(at.location());
  const EventStore& reader = other ? *other : *store;

  constexpr int kThreads = 8, kAppends = 40;
  std::mutex errors_mu;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppends; ++i) {
        auto r = store->append("case/" + std::to_string(t), ExpectedVersion::exact(static_cast<std::uint64_t>(i)),
                               {make_event("Step", i)});
        if (!r.is_ok()) {
          std::lock_guard lock(errors_mu);
          errors.push_back(r.status().to_string());
        }
      }
    });
  }
  Subscription sub(reader, 0, 7);
  std::vector<std::uint64_t> seen;
  std::string failure;
  while (seen.size() < kThreads * kAppends && failure.empty()) {
    auto events = sub.next(std::chrono::seconds(20));
    if (!events.is_ok()) failure = events.status().to_string();
    else if (events->empty()) failure = "the subscriber waited 20 s for an event";
    else
      for (const Event& e : *events) seen.push_back(e.position);
  }
  for (auto& t : threads) t.join();
  CHECK(errors.empty());
  CHECK(failure.empty());
  REQUIRE(seen.size() == kThreads * kAppends);
  for (std::size_t i = 0; i < seen.size(); ++i) REQUIRE(seen[i] == i + 1);
}
