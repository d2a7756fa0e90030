// A log cut at its end (events deleted from the end of the `events` family, as `ldb delete` does):
// what still names the removed positions is found, a read-write open refuses the store and writes
// nothing, so no position gets a second meaning; verify reports it. docs/STORE.md, "A log cut at
// its end".
#include <catch2/catch.hpp>

#include "store/event_store.hpp"
#include "store/keys.hpp"
#include "store/verify.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

namespace {

constexpr std::uint32_t kFormat = 1;

// Positions 1-3 in stream "a", 4-5 in "b" (one append), a snapshot of b at version 2, and views
// reflecting position 5.
void fill(const std::filesystem::path& dir) {
  auto store = open_store(dir);
  append_many(*store, "a", 3);
  REQUIRE(store->append("b", ExpectedVersion::no_stream(), {make_event("One"), make_event("Two")}).is_ok());
  REQUIRE(store->save_snapshot({"b", 2, kFormat, "b at 2"}).is_ok());
  ViewBatch views;
  views.put("case/b", "at 5");
  REQUIRE(store->write_views(views, 0, 5).is_ok());
}

// Every key and value of `family`, to show that a refused open left it as it was.
std::vector<std::optional<std::string>> raw_events(const std::filesystem::path& dir) {
  std::vector<std::optional<std::string>> values;
  for (std::uint64_t p = 1; p <= 6; ++p) values.push_back(raw_get(dir, "events", number_key(p)));
  return values;
}

}  // namespace

TEST_CASE("a store whose last events were deleted is refused for writing, naming the positions, and nothing is written", "[store]") {
  TempDir dir;
  fill(dir.path());
  raw_delete(dir.path(), "events", number_key(5));
  raw_delete(dir.path(), "events", number_key(4));
  const auto before = raw_events(dir.path());
  const auto index_before = raw_get(dir.path(), "streams", stream_key("b", 2));
  CHECK(raw_get(dir.path(), "meta", "high-water") == number_key(5));  // still past the end: the open looks in full

  auto refused = EventStore::open(dir.path());
  REQUIRE(refused.status().is_corruption());
  CHECK(refused.status().message() ==
        "store " + dir.path().string() +
            " is cut at its end: the last event is at 3, but the stream index refers to 4–5 (stream 'b'), the views "
            "checkpoint is at 5 and the snapshot of 'b' is at version 2 (the log holds none of its events); "
            "nothing was written (see docs/STORE.md, \"A log cut at its end\")");
  CHECK(raw_events(dir.path()) == before);  // position 4 was not given a new event
  CHECK(raw_get(dir.path(), "streams", stream_key("b", 2)) == index_before);

  // Read-only opens still work, so that verify and export can show what is left.
  auto reader = open_store(dir.path(), {.read_only = true});
  CHECK(reader->head().position == 3);
}

TEST_CASE("deleting the index entries too still leaves the snapshot and the views checkpoint to betray the cut", "[store]") {
  TempDir dir;
  fill(dir.path());
  raw_delete(dir.path(), "events", number_key(5));
  raw_delete(dir.path(), "events", number_key(4));
  raw_delete(dir.path(), "streams", stream_key("b", 2));

  auto refused = EventStore::open(dir.path());
  REQUIRE(refused.status().is_corruption());
  CHECK(refused.status().message().find("the last event is at 3, but the views checkpoint is at 5 and the snapshot of 'b' "
                                        "is at version 2 (the log holds none of its events)") != std::string::npos);

  raw_put(dir.path(), "meta", "views-checkpoint", number_key(3));
  refused = EventStore::open(dir.path());
  REQUIRE(refused.status().is_corruption());
  CHECK(refused.status().message().find("the last event is at 3, but the snapshot of 'b' is at version 2") != std::string::npos);

  // Once nothing names a removed position, the cut cannot be seen from inside the store: that is
  // what signed checkpoints are for (store_checkpoint_cli_test.cpp).
  raw_delete(dir.path(), "snapshots", "b");
  auto store = open_store(dir.path());
  CHECK(store->head().position == 3);
}

TEST_CASE("a run of the index that straddles the end counts only the positions past it", "[store]") {
  TempDir dir;
  fill(dir.path());
  raw_delete(dir.path(), "events", number_key(5));  // b's run 4-5 loses only its last event

  auto refused = EventStore::open(dir.path());
  REQUIRE(refused.status().is_corruption());
  CHECK(refused.status().message().find("the last event is at 4, but the stream index refers to 5 (stream 'b'), the views "
                                        "checkpoint is at 5 and the snapshot of 'b' is at version 2 (its events end at "
                                        "version 1)") != std::string::npos);
}

TEST_CASE("verify reports what names a position past the last event, although the chain is intact", "[store]") {
  TempDir dir;
  fill(dir.path());
  {
    auto store = open_store(dir.path(), {.read_only = true});
    auto report = verify_chain(*store);
    REQUIRE(report.is_ok());
    CHECK(report->ok());
    CHECK(report->dangling.empty());
  }
  raw_delete(dir.path(), "events", number_key(5));
  auto store = open_store(dir.path(), {.read_only = true});
  auto report = verify_chain(*store);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
  CHECK(!report->ok());
  CHECK(report->dangling.last_position == 4);
  CHECK(report->dangling.index_first == 5u);
  CHECK(report->dangling.index_streams == std::vector<std::string>{"b"});
  CHECK(report->dangling.views_checkpoint == 5u);
}

TEST_CASE("a store written normally has nothing past its end, whatever was appended, snapshotted and viewed", "[store]") {
  TempDir dir;
  fill(dir.path());
  auto store = open_store(dir.path());
  auto dangling = store->dangling_references(store->head().position);
  REQUIRE(dangling.is_ok());
  CHECK(dangling->empty());
  append_many(*store, "a", 2);
  CHECK(store->dangling_references(store->head().position)->empty());
}

TEST_CASE("a write-open reads the whole index only when the high-water mark does not name the last event", "[store]") {
  TempDir dir;
  {
    auto created = open_store(dir.path());
    CHECK(created->cut_check() == CutCheck::kFullScan);  // a new store: no mark yet (an empty index to read)
  }
  fill(dir.path());
  CHECK(raw_get(dir.path(), "meta", "high-water") == number_key(5));  // written with the last append
  CHECK(open_store(dir.path())->cut_check() == CutCheck::kHighWaterMark);
  CHECK(open_store(dir.path(), {.read_only = true})->cut_check() == CutCheck::kNone);

  // A store older than the mark: checked in full once, then marked.
  raw_delete(dir.path(), "meta", "high-water");
  CHECK(open_store(dir.path())->cut_check() == CutCheck::kFullScan);
  CHECK(raw_get(dir.path(), "meta", "high-water") == number_key(5));
  CHECK(open_store(dir.path())->cut_check() == CutCheck::kHighWaterMark);

  // Events appended by a writer that does not keep the mark (an older version): in full again.
  raw_put(dir.path(), "meta", "high-water", number_key(4));
  CHECK(open_store(dir.path())->cut_check() == CutCheck::kFullScan);
  CHECK(open_store(dir.path())->cut_check() == CutCheck::kHighWaterMark);
}

TEST_CASE("the high-water mark is a hint: moved back with the cut, it spares the open's scan but not verify's", "[store]") {
  TempDir dir;
  fill(dir.path());
  raw_delete(dir.path(), "events", number_key(5));
  raw_delete(dir.path(), "events", number_key(4));
  raw_put(dir.path(), "meta", "high-water", number_key(3));
  // The views checkpoint is read on the fast path too (one lookup): past the end, it sends the
  // open to the full check, which refuses.
  auto refused = EventStore::open(dir.path());
  REQUIRE(refused.status().is_corruption());
  CHECK(refused.status().message().find("the stream index refers to 4–5 (stream 'b')") != std::string::npos);

  // Moved back too, nothing the open reads names a removed position; verify still reads it all.
  raw_put(dir.path(), "meta", "views-checkpoint", number_key(3));
  {
    auto store = open_store(dir.path(), {.read_only = true});
    auto report = verify_chain(*store);
    REQUIRE(report.is_ok());
    CHECK(report->dangling.index_first == 4u);
  }
  CHECK(open_store(dir.path())->cut_check() == CutCheck::kHighWaterMark);
}
