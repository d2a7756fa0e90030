// Reads trust nothing: every read recomputes the hash of each event it decodes, and an event whose
// bytes were changed behind the store's back is refused, naming its position, instead of being
// served. docs/STORE.md, "Reads check hashes".
#include <catch2/catch.hpp>

#include "store/chain.hpp"
#include "store/event_store.hpp"
#include "store/keys.hpp"
#include "store/verify.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

namespace {

// Ten events, one per append, alternately in "even" (positions 1, 3, ...) and "odd" (2, 4, ...).
void fill(const std::filesystem::path& dir) {
  auto store = open_store(dir);
  for (int i = 0; i < 10; ++i) store->append(i % 2 ? "odd" : "even", ExpectedVersion::any(), {make_event("Counted", i)});
}

// The stored value of position 5 ("even" version 3) with its payload saying n = 9 instead of 4:
// same length, still decodes; only its hash can tell.
std::string altered_value(const std::filesystem::path& dir) {
  std::string value = *raw_get(dir, "events", number_key(5));
  const auto at = value.find(R"("n":4)");
  REQUIRE(at != std::string::npos);
  value[at + 4] = '9';
  return value;
}

const std::string kAltered = "event at position 5 does not match its hash: the store was altered; run verify";

}  // namespace

TEST_CASE("every read refuses an event whose bytes no longer match its hash, naming its position", "[store]") {
  TempDir dir;
  fill(dir.path());
  raw_put(dir.path(), "events", number_key(5), altered_value(dir.path()));
  auto store = open_store(dir.path());

  auto one = store->read_event(5);
  REQUIRE(!one.is_ok());
  CHECK(one.status().is_altered());
  CHECK(one.status().is_corruption());
  CHECK(one.status().message() == kAltered);

  CHECK(store->read_all(1, 10).status().message() == kAltered);
  CHECK(store->read_stream_forward("even", 1, 10).status().message() == kAltered);
  CHECK(store->read_stream_backward("even", kLatestVersion, 10).status().message() == kAltered);

  std::vector<std::uint64_t> visited;
  auto scanned = store->scan_events(1, 10, [&](const Event& e) {
    visited.push_back(e.position);
    return true;
  });
  CHECK(scanned.status().message() == kAltered);
  CHECK(visited == std::vector<std::uint64_t>{1, 2, 3, 4});  // never the altered one

  // What does not touch it is still served.
  CHECK(store->read_event(4).is_ok());
  CHECK(store->read_stream_forward("odd", 1, 10).is_ok());
  CHECK(store->read_stream_forward("even", 4, 10).is_ok());

  // Unchecked, the bytes are there for verify, which names the break in its own words.
  auto raw = store->read_event(5, ReadCheck::kNone);
  REQUIRE(raw.is_ok());
  CHECK(raw->payload.find(R"("n":9)") != std::string::npos);
  auto report = verify_chain(*store);
  REQUIRE(report.is_ok());
  CHECK(report->bad_position == 5);
  CHECK(report->problem == "event at position 5 does not match its hash (its contents were changed)");
}

TEST_CASE("a forged event with its hash recomputed is refused where a read covers the event after it", "[store]") {
  TempDir dir;
  fill(dir.path());
  Event forged = *open_store(dir.path(), {.read_only = true})->read_event(5);
  forged.payload = R"({"n":9,"note":"héllo"})";
  forged.hash = event_hash(forged);
  std::string value = altered_value(dir.path());
  std::copy(forged.hash.begin(), forged.hash.end(), value.end() - 32);
  raw_put(dir.path(), "events", number_key(5), value);
  auto store = open_store(dir.path());

  CHECK(store->read_event(5).is_ok());  // alone, it matches the hash it now carries
  const std::string broken = "event at position 6 does not link to the hash of position 5: the store was altered; run verify";
  auto all = store->read_all(1, 10);
  CHECK(all.status().is_altered());
  CHECK(all.status().message() == broken);
  CHECK(store->read_all(5, 2).status().message() == broken);
  CHECK(store->read_all(6, 5).is_ok());  // a read that starts after it has nothing to compare with
}

TEST_CASE("a store whose events are intact reads as before, checked or not", "[store]") {
  TempDir dir;
  fill(dir.path());
  auto store = open_store(dir.path());
  auto checked = store->read_all(1, 10);
  auto unchecked = store->read_all(1, 10, ReadCheck::kNone);
  REQUIRE(checked.is_ok());
  REQUIRE(unchecked.is_ok());
  CHECK(checked->size() == 10);
  CHECK(*checked == *unchecked);
  CHECK(store->read_stream_backward("odd", kLatestVersion, 10)->size() == 5);
}
