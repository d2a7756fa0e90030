// Decision tables under each hit policy: which rows match, what comes out, what the trace records,
// and what happens when no row (or, under `unique`, two rows) match.
#include <catch2/catch.hpp>

#include "dsl/eval/eval.hpp"
#include "tests/dsl/dsl_fixture.hpp"

namespace {

using namespace mentorflow::dsl;
using namespace mentorflow::dsl::testing;

const char* kWorkflow = R"(workflow credits "Credits" {
  staff staff
  enum degree { bachelor, master }
  table unique_credits(d: degree, meetings: int): int unique {
    bachelor, >= 6 => 3
    master,   >= 6 => 6
    -,        < 6  => 0
  }
  table first_credits(d: degree, meetings: int): int first {
    master, 6..8 => 6
    -,      >= 6 => 3
    -,      -    => 0
  }
  table bonuses(meetings: int, level: cefr): int collect {
    >= 6, -      => 1
    >= 8, -      => 2
    -,    >= B2  => 4
  }
  table bonus_sum(meetings: int, level: cefr): int collect sum {
    >= 6, -      => 1
    >= 8, -      => 2
    -,    >= B2  => 4
  }
  table bonus_min(meetings: int, level: cefr): int collect min {
    >= 6, -      => 1
    >= 8, -      => 2
    -,    >= B2  => 4
  }
  table bonus_max(meetings: int, level: cefr): int collect max {
    >= 6, -      => 1
    >= 8, -      => 2
    -,    >= B2  => 4
  }
  table bonus_count(meetings: int, level: cefr): int collect count {
    >= 6, -      => 1
    >= 8, -      => 2
    -,    >= B2  => 4
  }
  table lengths(length: duration): text first {
    in [90min, 2h]     => "regular"
    not in 1h..3h      => "odd"
    -                  => "short or long"
  }
  case c {
    state open initial, closed final
    command close by staff from open to closed
  }
}
)";

struct Tables {
  std::unique_ptr<Built> built = build(kWorkflow, "rules for credits edition \"1\" {\n}\n");
  Evaluation call(const std::string& table, std::vector<Value> args, bool trace = true) {
    const Definition& d = built->def();
    return call_table(d.program(), *d.find_table(table), args, EvalEnv{}, trace);
  }
};

Value deg(const char* name) { return Value::enumeration(std::string(name) == "master" ? 1 : 0, name); }

}  // namespace

TEST_CASE("unique: the one matching row, none or two is an error", "[dsl]") {
  Tables t;
  Evaluation e = t.call("unique_credits", {deg("master"), Value::integer(7)});
  REQUIRE(e.ok());
  CHECK(e.value == Value::integer(6));
  REQUIRE(e.trace.steps.front().kind == TraceStep::Kind::Table);
  CHECK(e.trace.steps.front().rows == std::vector<std::uint32_t>{1});
  const std::string text = trace_text(e.trace, t.built->def().program());
  const nlohmann::json j = nlohmann::json::parse(text);
  CHECK(j.dump() == text);
  CHECK(j["table"] == "unique_credits");
  CHECK(j["policy"] == "unique");
  CHECK(j["rows"] == nlohmann::json::array({2}));
  CHECK(j["args"] == nlohmann::json({{"d", "master"}, {"meetings", 7}}));
  CHECK(j["value"] == 6);
  CHECK(t.call("unique_credits", {deg("bachelor"), Value::integer(2)}).value == Value::integer(0));
  CHECK(explain(e.trace, t.built->def().program()) == "table unique_credits gives 6 (row 2) (test.flow:4)");
}

TEST_CASE("first: the first matching row in order", "[dsl]") {
  Tables t;
  CHECK(t.call("first_credits", {deg("master"), Value::integer(7)}).value == Value::integer(6));
  CHECK(t.call("first_credits", {deg("master"), Value::integer(9)}).value == Value::integer(3));
  CHECK(t.call("first_credits", {deg("bachelor"), Value::integer(7)}).value == Value::integer(3));
  Evaluation e = t.call("first_credits", {deg("bachelor"), Value::integer(1)});
  CHECK(e.value == Value::integer(0));
  CHECK(e.trace.steps.front().rows == std::vector<std::uint32_t>{2});
}

TEST_CASE("collect and its aggregations", "[dsl]") {
  Tables t;
  const std::vector<Value> all = {Value::integer(9), Value::cefr(3)};      // rows 1, 2, 3
  const std::vector<Value> some = {Value::integer(6), Value::cefr(0)};     // row 1
  const std::vector<Value> none = {Value::integer(2), Value::cefr(0)};     // no row
  CHECK(t.call("bonuses", all).value == Value::list({Value::integer(1), Value::integer(2), Value::integer(4)}));
  CHECK(t.call("bonuses", none).value == Value::list({}));
  CHECK(t.call("bonus_sum", all).value == Value::integer(7));
  CHECK(t.call("bonus_sum", none).value == Value::integer(0));
  CHECK(t.call("bonus_min", all).value == Value::integer(1));
  CHECK(t.call("bonus_max", all).value == Value::integer(4));
  CHECK(t.call("bonus_max", some).value == Value::integer(1));
  CHECK(t.call("bonus_count", all).value == Value::integer(3));
  CHECK(t.call("bonus_count", none).value == Value::integer(0));
  Evaluation empty_min = t.call("bonus_min", none);
  REQUIRE_FALSE(empty_min.ok());
  CHECK(empty_min.error->message == "no row of table 'bonus_min' matches meetings = 2, level = A1");
  Evaluation traced = t.call("bonus_sum", all);
  CHECK(traced.trace.steps.front().rows == std::vector<std::uint32_t>{0, 1, 2});
}

TEST_CASE("cells: lists, ranges and their negations", "[dsl]") {
  Tables t;
  CHECK(t.call("lengths", {Value::duration({0, 5400})}).value == Value::text("regular"));
  CHECK(t.call("lengths", {Value::duration({0, 4 * 3600})}).value == Value::text("odd"));
  CHECK(t.call("lengths", {Value::duration({0, 3600})}).value == Value::text("short or long"));
}

TEST_CASE("fast and traced evaluation of tables agree", "[dsl]") {
  Tables t;
  for (int meetings = 0; meetings < 11; ++meetings)
    for (int level = 0; level < 6; ++level)
      for (const char* table : {"bonus_sum", "bonus_count", "first_credits"}) {
        std::vector<Value> args = std::string(table) == "first_credits"
                                      ? std::vector<Value>{deg(level % 2 ? "master" : "bachelor"), Value::integer(meetings)}
                                      : std::vector<Value>{Value::integer(meetings), Value::cefr(level)};
        INFO(table << " " << meetings << " " << level);
        CHECK(t.call(table, args, false).value == t.call(table, args, true).value);
      }
}
