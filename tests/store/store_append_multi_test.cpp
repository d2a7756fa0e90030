// Appending to several streams at once (a cohort command, a match creating a mentorship): every
// stream's expectation holds and all are written, or nothing is.
#include <catch2/catch.hpp>

#include "store/event_store.hpp"
#include "store/verify.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

TEST_CASE("a multi-stream append writes every stream with consecutive positions", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  REQUIRE(store->append("e/application/anna", ExpectedVersion::no_stream(), {make_event("Opened", 1)}).is_ok());

  auto r = store->append_multi({{"e/application/anna", ExpectedVersion::exact(1), {make_event("Matched", 2)}},
                                {"e/mentorship/anna", ExpectedVersion::no_stream(),
                                 {make_event("Opened", 3), make_event("Noted", 4)}}});
  REQUIRE(r.is_ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].first_position == 2);
  CHECK((*r)[0].stream_version == 2);
  CHECK((*r)[1].first_position == 3);
  CHECK((*r)[1].last_position == 4);
  CHECK((*r)[1].stream_version == 2);
  CHECK(*store->stream_version("e/mentorship/anna") == 2);

  auto report = verify_chain(*store, {});
  REQUIRE(report.is_ok());
  CHECK(report->intact());
  CHECK(report->events_checked == 4);
}

TEST_CASE("a multi-stream append with one stale expectation writes nothing", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  REQUIRE(store->append("e/application/anna", ExpectedVersion::no_stream(), {make_event("Opened", 1)}).is_ok());
  const auto head = store->head();

  auto r = store->append_multi({{"e/mentorship/anna", ExpectedVersion::no_stream(), {make_event("Opened", 2)}},
                                {"e/application/anna", ExpectedVersion::exact(5), {make_event("Matched", 3)}}});
  REQUIRE_FALSE(r.is_ok());
  CHECK(r.status().is_conflict());
  CHECK(r.status().message() == "stream 'e/application/anna' is at version 1, but the append expected version 5");
  CHECK(store->head().position == head.position);
  CHECK(*store->stream_version("e/mentorship/anna") == 0);
}

TEST_CASE("a multi-stream append refuses malformed requests", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  CHECK(store->append_multi({}).status().is_invalid_argument());
  auto twice = store->append_multi({{"e/a/x", ExpectedVersion::any(), {make_event("A", 1)}},
                                    {"e/a/x", ExpectedVersion::any(), {make_event("B", 2)}}});
  CHECK(twice.status().message() == "stream 'e/a/x' is named twice in one append");
  CHECK(store->append_multi({{"e/a/y", ExpectedVersion::any(), {}}}).status().is_invalid_argument());
  CHECK(store->head().position == 0);
}

TEST_CASE("a stream named with no events is only checked: a change to it refuses the whole append", "[store]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  REQUIRE(store->append("e/application/anna", ExpectedVersion::no_stream(), {make_event("Opened", 1)}).is_ok());
  REQUIRE(store->append("e/project/lyon", ExpectedVersion::no_stream(), {make_event("Opened", 2)}).is_ok());

  // The project was read at version 1 and is still there: the application is written, the
  // project is not.
  auto r = store->append_multi({{"e/application/anna", ExpectedVersion::exact(1), {make_event("Submitted", 3)}},
                                {"e/project/lyon", ExpectedVersion::exact(1), {}}});
  REQUIRE(r.is_ok());
  REQUIRE(r->size() == 2);
  CHECK((*r)[0].first_position == 3);
  CHECK((*r)[1].first_position == 0);
  CHECK((*r)[1].last_position == 0);
  CHECK((*r)[1].stream_version == 1);
  CHECK(*store->stream_version("e/project/lyon") == 1);
  CHECK(store->head().position == 3);

  // The project moved on since it was read: nothing is written, and the refusal names it.
  REQUIRE(store->append("e/project/lyon", ExpectedVersion::exact(1), {make_event("Closed", 4)}).is_ok());
  auto stale = store->append_multi({{"e/application/anna", ExpectedVersion::exact(2), {make_event("Withdrawn", 5)}},
                                    {"e/project/lyon", ExpectedVersion::exact(1), {}}});
  REQUIRE(stale.status().is_conflict());
  CHECK(stale.status().message() == "stream 'e/project/lyon' is at version 2, but the append expected version 1");
  CHECK(*store->stream_version("e/application/anna") == 2);
  CHECK(store->head().position == 4);

  // A check of a stream that does not exist holds when no stream is expected.
  REQUIRE(store->append_multi({{"e/application/anna", ExpectedVersion::exact(2), {make_event("Withdrawn", 5)}},
                               {"e/project/nowhere", ExpectedVersion::no_stream(), {}}})
              .is_ok());
  CHECK(store->head().position == 5);
  CHECK(store->list_streams("e/project/", 10)->size() == 1);

  // Checks alone write nothing: a caller's mistake; and a single append still needs an event.
  CHECK(store->append_multi({{"e/project/lyon", ExpectedVersion::exact(2), {}}}).status().message() ==
        "a multi-stream append needs at least one event");
  CHECK(store->append("e/project/lyon", ExpectedVersion::exact(2), {}).status().is_invalid_argument());
  CHECK(store->head().position == 5);
  auto report = verify_chain(*store, {});
  REQUIRE(report.is_ok());
  CHECK(report->intact());
}
