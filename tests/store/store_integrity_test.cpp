// Integrity: the documented hash encoding, tampering found by verify, damaged values named by
// position, and a store held by another process left alone.
#include <openssl/sha.h>

#include <catch2/catch.hpp>

#include "store/chain.hpp"
#include "store/event_store.hpp"
#include "store/keys.hpp"
#include "store/verify.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::run_cli;
using mentorflow::testing::TempDir;

namespace {

void put_be(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
}
void put_text(std::string& out, const std::string& s) {
  put_be(out, s.size(), 4);
  out += s;
}

// The worked example of docs/STORE.md, "Hash chain".
Event worked_example() {
  Event e;
  e.position = 1;
  e.stream = "mie/2021/alice";
  e.version = 1;
  e.type = "ApplicationSubmitted";
  e.recorded_at = 1'633'600'000'000'000;  // 2021-10-07T09:46:40.000000Z
  e.actor = {"alice", "student"};
  e.definition_id = "mie@2021";
  e.payload = R"({"degree":"bachelor","year":2})";
  e.explanation = "null";
  e.metadata = {"req-1", ""};
  return e;
}

// Ten events in two streams, closed again.
void fill(const std::filesystem::path& dir) {
  auto store = open_store(dir);
  for (int i = 0; i < 10; ++i) store->append(i % 2 ? "odd" : "even", ExpectedVersion::any(), {make_event("Counted", i)});
}

VerifyReport verify(const std::filesystem::path& dir) {
  auto store = open_store(dir, {.read_only = true});
  auto report = verify_chain(*store);
  REQUIRE(report.is_ok());
  return *report;
}

}  // namespace

TEST_CASE("the event hash is SHA-256 over the encoding docs/STORE.md documents", "[store]") {
  const Event e = worked_example();
  std::string bytes(1, '\x01');
  bytes.append(32, '\0');  // previous hash: genesis
  put_be(bytes, e.position, 8);
  put_text(bytes, e.stream);
  put_be(bytes, e.version, 8);
  put_text(bytes, e.type);
  put_be(bytes, static_cast<std::uint64_t>(e.recorded_at), 8);
  for (const std::string* s : {&e.actor.user, &e.actor.role, &e.definition_id, &e.payload, &e.explanation,
                               &e.metadata.correlation_id, &e.metadata.causation_id})
    put_text(bytes, *s);
  Hash expected;
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), expected.data());

  CHECK(event_hash(e) == expected);
  CHECK(to_hex(event_hash(e)) == "808de222d5f71dd3e34c571024b41c4fd78fb80c032e0dc1a94d78151a2b2b5c");
}

TEST_CASE("a value changed behind the store's back is named by verify", "[store]") {
  TempDir dir;
  fill(dir.path());
  const std::string key = number_key(5);
  std::string value = *raw_get(dir.path(), "events", key);
  const auto at = value.find(R"("n":4)");
  REQUIRE(at != std::string::npos);

  SECTION("through the API") {
    value[at + 4] = '9';  // the payload now says n = 9; same length, still decodes
    raw_put(dir.path(), "events", key, value);
    auto report = verify(dir.path());
    CHECK(report.bad_position == 5);
    CHECK(report.problem == "event at position 5 does not match its hash (its contents were changed)");
    CHECK(report.events_checked == 4);
    CHECK(report.head.position == 4);
  }
  SECTION("through the CLI") {
    value[at + 4] = '9';
    raw_put(dir.path(), "events", key, value);
    auto r = run_cli({"verify", "--store", dir.path().string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: chain broken at position 5: event at position 5 does not match its hash (its contents were changed)\n");
  }
  SECTION("with the hash recomputed, the next event no longer links") {
    auto store = open_store(dir.path());
    Event forged = *store->read_event(5);
    store.reset();
    forged.payload = R"({"n":9,"note":"héllo"})";
    forged.hash = event_hash(forged);
    std::string forged_value = value;
    forged_value[at + 4] = '9';
    std::copy(forged.hash.begin(), forged.hash.end(), forged_value.end() - 32);
    raw_put(dir.path(), "events", key, forged_value);
    auto report = verify(dir.path());
    CHECK(report.bad_position == 6);
    CHECK(report.problem == "event at position 6 does not link to the hash of position 5");
  }
}

TEST_CASE("a missing event or a wrong index entry is named by verify", "[store]") {
  TempDir dir;
  fill(dir.path());
  SECTION("event") {
    raw_delete(dir.path(), "events", number_key(7));
    auto report = verify(dir.path());
    CHECK(report.bad_position == 7);
    CHECK(report.problem == "position 7 is missing (the next event is at position 8)");
  }
  SECTION("index entry") {
    raw_delete(dir.path(), "streams", stream_key("odd", 2));  // position 4
    auto report = verify(dir.path());
    CHECK(report.bad_position == 4);
    CHECK(report.problem == "event at position 4 (stream 'odd' version 2) is missing from the stream index");
  }
  SECTION("index entry pointing elsewhere") {
    raw_put(dir.path(), "streams", stream_key("odd", 2), run_value(6, 6));
    CHECK(open_store(dir.path())->read_stream_forward("odd", 1, 10).status().message() ==
          "stream 'odd' lists position 6 as version 2, but it holds version 3 of stream 'odd'");
    CHECK(verify(dir.path()).bad_position == 4);
  }
}

TEST_CASE("a damaged value is a Corruption that names its position", "[store]") {
  TempDir dir;
  fill(dir.path());
  raw_put(dir.path(), "events", number_key(3), std::string("\x01\x05\x00\x00\x00od", 7));
  const std::string why = "event at position 3 is cut short";
  {
    auto store = open_store(dir.path());
    auto read = store->read_event(3);
    CHECK(read.status().is_corruption());
    CHECK(read.status().message() == why);
    CHECK(store->read_all(1, 10).status().message() == why);
    CHECK(store->read_stream_forward("even", 1, 10).status().message() == why);
    CHECK(store->read_event(4).is_ok());
  }
  auto report = verify(dir.path());
  CHECK(report.bad_position == 3);
  CHECK(report.problem == why);

  auto r = run_cli({"verify", "--store", dir.path().string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mentorflow: chain broken at position 3: " + why + "\n");
  auto exported = run_cli({"export", "--store", dir.path().string()});
  CHECK(exported.exit_code == 1);
  CHECK(exported.err == "mentorflow: " + why + "\n");

  raw_put(dir.path(), "events", number_key(3), std::string("\x02", 1));
  CHECK(open_store(dir.path())->read_event(3).status().message() == "event at position 3 has unknown format 2");
}

TEST_CASE("a damaged last event keeps writers out but lets verify report it", "[store]") {
  TempDir dir;
  fill(dir.path());
  raw_put(dir.path(), "events", number_key(10), "\x01");
  auto writable = EventStore::open(dir.path());
  CHECK(writable.status().is_corruption());
  CHECK(writable.status().message() == "event at position 10 is cut short");
  CHECK(verify(dir.path()).bad_position == 10);
}

TEST_CASE("a store held by another writer is refused clearly and left intact", "[store]") {
  TempDir dir;
  fill(dir.path());
  auto holder = open_store(dir.path());
  const std::string in_use = "store " + dir.path().string() + " is in use by another process";

  auto second = EventStore::open(dir.path());
  REQUIRE(second.status().is_busy());
  CHECK(second.status().message() == in_use);

  const std::string exported = run_cli({"export", "--store", dir.path().string()}).out;
  auto r = run_cli({"import", "--store", dir.path().string()}, exported);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mentorflow: " + in_use + "\n");

  // Readers need no lock; and the holder carries on as if nothing happened.
  CHECK(run_cli({"verify", "--store", dir.path().string()}).exit_code == 0);
  CHECK(holder->append("odd", ExpectedVersion::exact(5), {make_event("After")}).is_ok());
  holder.reset();
  CHECK(all_events(*open_store(dir.path())).size() == 11);
  CHECK(verify(dir.path()).intact());
}
