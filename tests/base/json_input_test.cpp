// What every door refuses of the JSON it is given (base/json_input.hpp), and how text from outside
// is shown to a person (base/printable.hpp).
#include <catch2/catch.hpp>

#include <string>

#include "base/json_input.hpp"
#include "base/printable.hpp"

using mentorflow::parse_json_input;
using mentorflow::printable;

namespace {

// Why `text` is refused, or "accepted".
std::string problem(const std::string& text) {
  auto parsed = parse_json_input(text);
  return parsed.is_ok() ? "accepted" : parsed.status().message();
}

}  // namespace

TEST_CASE("JSON within the limits reads as nlohmann's parser reads it", "[base]") {
  const std::string text = R"({"a": [1, -2, 3.5, "x\u00e9", null, true, {"b": {}}], "c": 9223372036854775807})";
  auto parsed = parse_json_input(text);
  REQUIRE(parsed.is_ok());
  CHECK(*parsed == nlohmann::json::parse(text));
  CHECK(parse_json_input("-9223372036854775808")->get<std::int64_t>() == INT64_MIN);
  CHECK(parse_json_input("[]")->is_array());
  CHECK(parse_json_input("\"x\"")->get<std::string>() == "x");
}

TEST_CASE("nesting is refused past 64 levels, 60,000 deep without a crash", "[base]") {
  const auto nested = [](std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  CHECK(problem(nested(64)) == "accepted");
  CHECK(problem(nested(65)) == "arrays and objects nested more than 64 deep");
  CHECK(problem(nested(60'000)) == "arrays and objects nested more than 64 deep");
  std::string objects;
  for (int i = 0; i < 60'000; ++i) objects += "{\"a\":";
  CHECK(problem(objects + "1" + std::string(60'000, '}')) == "arrays and objects nested more than 64 deep");
}

TEST_CASE("numbers beyond 64 bits are refused, not wrapped or rounded", "[base]") {
  CHECK(problem(R"({"year": 18446744073709551616})") == "an integer beyond the 64-bit range: 18446744073709551616");
  CHECK(problem("18446744073709551615") == "accepted");  // what an unsigned 64-bit integer holds (an event may)
  CHECK(problem("-9223372036854775809") == "an integer beyond the 64-bit range: -9223372036854775809");
  CHECK(problem("[1e400]") == "a number beyond the range of a double: 1e400");
  CHECK(problem("1e300") == "accepted");
}

TEST_CASE("a key given twice is refused, named", "[base]") {
  CHECK(problem(R"({"year": 1, "year": 2})") == "a duplicate key 'year' in one object");
  CHECK(problem(R"({"a": {"k": 1, "k": 1}})") == "a duplicate key 'k' in one object");
  CHECK(problem(R"([{"k": 1}, {"k": 1}])") == "accepted");
  CHECK(problem("{\"a\\nb\": 1, \"a\\nb\": 2}") == "a duplicate key 'a\\nb' in one object");
}

TEST_CASE("bytes that are not UTF-8 and text that is not JSON are told apart", "[base]") {
  CHECK(problem("{\"a\": \"\xff\"}") == "not valid UTF-8 (at byte 8)");
  CHECK(problem("{\"a\": tru}") == "not valid JSON (at byte 10)");
  CHECK(problem("") == "not valid JSON (at byte 1)");
  CHECK(problem("{} {}") == "not valid JSON (at byte 4)");
}

TEST_CASE("control characters are shown escaped, everything else as it is", "[base]") {
  CHECK(printable("car\nla x") == "car\\nla x");
  CHECK(printable("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(printable("tab\there\r\x7f") == "tab\\there\\r\\x7f");
  CHECK(printable("caf\xc3\xa9 \xc2\x85") == "caf\xc3\xa9 \\u{85}");
  CHECK(mentorflow::has_control_character("a\x01"));
  CHECK(mentorflow::has_control_character("a\xc2\x9b"));
  CHECK(!mentorflow::has_control_character("Institut Lumi\xc3\xa8re"));
  CHECK(mentorflow::utf8_length("Lumi\xc3\xa8re") == 7);
}
