// The small encodings: keys, recorded times, event values and the JSON export line.
#include <catch2/catch.hpp>

#include "store/chain.hpp"
#include "store/event_codec.hpp"
#include "store/event_json.hpp"
#include "store/keys.hpp"
#include "store/utc_time.hpp"

using namespace mentorflow;
using namespace mentorflow::store;

namespace {
Event sample() {
  Event e;
  e.position = 42;
  e.stream = "mie/2021/alice";
  e.version = 3;
  e.type = "MeetingLogged";
  e.recorded_at = 1'633'600'000'123'456;
  e.actor = {"zoë", "mentor"};
  e.definition_id = "mie@2021#ab12";
  e.payload = R"({"minutes":90,"note":"line\nbreak \"quoted\"","ratio":0.1})";
  e.explanation = R"({"ok":true,"rule":"cadence"})";
  e.metadata = {"corr", "cause"};
  e.previous_hash = sha256("before");
  e.hash = event_hash(e);
  return e;
}
}  // namespace

TEST_CASE("number keys are 20 decimal digits that sort numerically", "[store]") {
  CHECK(number_key(0) == "00000000000000000000");
  CHECK(number_key(42) == "00000000000000000042");
  CHECK(number_key(UINT64_MAX) == "18446744073709551615");
  CHECK(number_key(9) < number_key(10));
  CHECK(parse_number_key("00000000000000000042") == 42u);
  CHECK(parse_number_key("18446744073709551615") == UINT64_MAX);
  CHECK(!parse_number_key("18446744073709551616"));
  CHECK(!parse_number_key("42"));
  CHECK(!parse_number_key("0000000000000000004x"));
}

TEST_CASE("stream index keys are the stream, '@', then the version", "[store]") {
  CHECK(stream_key("mie/2021/alice", 3) == "mie/2021/alice@00000000000000000003");
  auto parsed = parse_stream_key("mie/2021/alice@00000000000000000003");
  REQUIRE(parsed);
  CHECK(parsed->first == "mie/2021/alice");
  CHECK(parsed->second == 3);
  CHECK(!parse_stream_key("mie/2021/alice#00000000000000000003"));
  CHECK(stream_name_problem("case:1/a_b-c.d").empty());
  CHECK(!stream_name_problem("").empty());
  CHECK(!stream_name_problem("a@b").empty());
  CHECK(!stream_name_problem("a\tb").empty());
  CHECK(!stream_name_problem(std::string(kMaxStreamName + 1, 'a')).empty());
}

TEST_CASE("stream index values are the first and last positions of a run", "[store]") {
  CHECK(run_value(40, 42) == "00000000000000000040-00000000000000000042");
  auto run = parse_index_entry("s@00000000000000000007", "00000000000000000040-00000000000000000042");
  REQUIRE(run);
  CHECK(run->first_version() == 5);
  CHECK(run->holds(5));
  CHECK(!run->holds(8));
  CHECK(run->position_of(6) == 41);
  CHECK(!parse_index_entry("s@00000000000000000002", "00000000000000000040-00000000000000000042"));  // before version 1
  CHECK(!parse_index_entry("s@00000000000000000007", "00000000000000000042-00000000000000000040"));
  CHECK(!parse_index_entry("s@00000000000000000007", "00000000000000000042"));
  CHECK(!parse_index_entry("s@00000000000000000007", "00000000000000000000-00000000000000000000"));
}

TEST_CASE("recorded times print and parse as RFC 3339 UTC with microseconds", "[store]") {
  CHECK(format_utc(0) == "1970-01-01T00:00:00.000000Z");
  CHECK(format_utc(1'633'600'000'123'456) == "2021-10-07T09:46:40.123456Z");
  CHECK(format_utc(-1) == "1969-12-31T23:59:59.999999Z");
  for (UtcMicros t : {0LL, 1'633'600'000'123'456LL, -1LL, 951'782'400'000'000LL /* 2000-02-29 */})
    CHECK(parse_utc(format_utc(t)) == t);
  CHECK(!parse_utc("2021-02-29T00:00:00.000000Z"));
  CHECK(!parse_utc("2021-10-07T24:00:00.000000Z"));
  CHECK(!parse_utc("2021-10-07T09:46:40Z"));
  CHECK(!parse_utc("2021-10-07 09:46:40.000000Z"));
}

TEST_CASE("UTF-8 validation follows RFC 3629", "[store]") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("zoë ✓ 𝄞"));
  CHECK(!is_valid_utf8("\xc3"));          // cut short
  CHECK(!is_valid_utf8("\xc0\xaf"));      // overlong '/'
  CHECK(!is_valid_utf8("\xed\xa0\x80"));  // a surrogate
  CHECK(!is_valid_utf8("\xff"));
  // Long text, where ASCII is stepped over eight bytes at a time: what follows is still checked.
  CHECK(is_valid_utf8("a long enough line, then zoë, then more plain text ✓ and 𝄞 at the end"));
  CHECK(!is_valid_utf8("a long enough line, cut short at the end\xc3"));
  CHECK(!is_valid_utf8("sixteen bytes...\xed\xa0\x80 and a surrogate in the middle of it"));
}

TEST_CASE("an event value decodes to the event encoded, and damage is named", "[store]") {
  const Event e = sample();
  std::string value;
  encode_event_value(e, value);
  Event back;
  REQUIRE(decode_event_value(42, value, back).is_ok());
  CHECK(back == e);

  CHECK(decode_event_value(42, value.substr(0, value.size() - 1), back).message() == "event at position 42 is cut short");
  CHECK(decode_event_value(42, value + "x", back).message() == "event at position 42 has trailing bytes");
  CHECK(decode_event_value(42, "", back).message() == "event at position 42 is cut short");
}

TEST_CASE("an event survives the JSON line format unchanged", "[store]") {
  const Event e = sample();
  const std::string line = event_to_json(e);
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.rfind(R"({"position":42,"stream":"mie/2021/alice","version":3,"type":"MeetingLogged",)"
                   R"("recorded_at":"2021-10-07T09:46:40.123456Z","actor":{"user":"zoë","role":"mentor"},)", 0) == 0);
  auto back = event_from_json(line);
  REQUIRE(back.is_ok());
  CHECK(*back == e);
  CHECK(event_to_json(*back) == line);
}

TEST_CASE("a JSON line that is not an event says which field is wrong", "[store]") {
  const std::string line = event_to_json(sample());
  auto problem = [](const std::string& text) { return event_from_json(text).status().message(); };
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = line;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  CHECK(problem(line.substr(0, 40)) == "not valid JSON (at byte 41)");
  CHECK(problem("[1,2]") == "an event must be a JSON object");
  CHECK(problem(replaced(R"("version":3,)", "")) == "field 'version' is missing");
  CHECK(problem(replaced(R"("version":3)", R"("version":-3)")) == "field 'version' must be a non-negative integer");
  CHECK(problem(replaced(R"("version":3)", R"("version":3,"extra":1)")) == "field 'extra' is not part of an event");
  CHECK(problem(replaced(R"("role":"mentor")", R"("role":7)")) == "field 'actor.role' must be a string");
  CHECK(problem(replaced(R"(09:46:40.123456Z)", "09:46:40Z")) ==
        "field 'recorded_at' must be a UTC time like 2025-03-01T09:30:00.000000Z");
  CHECK(problem(replaced(R"("payload":{)", R"("payload":[{)")).find("not valid JSON") == 0);
  CHECK(problem(replaced(R"("stream":"mie/2021/alice")", R"("stream":"a b")")) ==
        "a stream name may only hold printable ASCII characters other than '@' and space");
  CHECK(problem(replaced(R"("hash":")", R"("hash":"zz)")) == "field 'hash' must be 64 hex digits");
  // Found by tests/fuzz/import_fuzz.cpp: a line without `actor` or `metadata` looked the missing
  // object up all the same (undefined behaviour; an assertion failure in a debug build).
  CHECK(problem(replaced(R"("actor":)", R"("acto":)")) == "field 'actor' is missing");
  CHECK(problem(replaced(R"("metadata":)", R"("metadat":)")) == "field 'metadata' is missing");
}

TEST_CASE("canonical JSON sorts keys, drops spaces and is stable under a round trip", "[store]") {
  const auto value = nlohmann::json::parse(R"({ "b": [1, 2.50, -0.0, 1e300], "a": {"z": null, "y": "é\u00e9"} })");
  const std::string text = *canonical_json(value);
  CHECK(text == R"({"a":{"y":"éé","z":null},"b":[1,2.5,-0.0,1e+300]})");
  CHECK(*canonical_json(nlohmann::json::parse(text)) == text);
}
