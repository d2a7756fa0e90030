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
