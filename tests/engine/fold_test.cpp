// Given events, the fold rebuilds the case; it never evaluates a rule.
#include <catch2/catch.hpp>

#include "engine/case_name.hpp"
#include "engine/case_state.hpp"
#include "engine/events.hpp"

using namespace mentorflow;
using namespace mentorflow::engine;

namespace {

store::Event make(std::uint64_t version, const char* type, const nlohmann::json& payload) {
  store::Event e;
  e.position = 100 + version;
  e.stream = "mie-2021/application/anna";
  e.version = version;
  e.type = type;
  e.recorded_at = 1'000'000 * static_cast<std::int64_t>(version);
  e.definition_id = "def-1";
  e.payload = payload.dump();
  e.explanation = "null";
  return e;
}

}  // namespace

TEST_CASE("case names are EDITION/TYPE/ID or EDITION/COHORT", "[engine]") {
  auto c = parse_case_name("mie-2021/application/anna");
  REQUIRE(c.is_ok());
  CHECK(c->edition == "mie-2021");
  CHECK(c->type == "application");
  CHECK(c->id == "anna");
  CHECK(c->stream() == "mie-2021/application/anna");

  auto cohort = parse_case_name("mie-2021/edition");
  REQUIRE(cohort.is_ok());
  CHECK(cohort->is_cohort());

  for (const char* bad : {"anna", "a/b/c/d", "mie-2021//anna", "mie 2021/application/anna", "x/.hidden/y"}) {
    INFO(bad);
    auto r = parse_case_name(bad);
    REQUIRE_FALSE(r.is_ok());
    CHECK(r.status().is_invalid_argument());
    CHECK(r.status().message().find("is not a case name") != std::string::npos);
  }
}

TEST_CASE("folding a case's events rebuilds its state", "[engine]") {
  CaseState s;
  REQUIRE(fold(s, make(1, events::kCommandAccepted, events::command_accepted("apply", {{"year", 2}}))).is_ok());
  REQUIRE(fold(s, make(2, events::kCaseOpened, events::case_opened("application", "mie-2021", {{"student", "anna"}})))
              .is_ok());
  REQUIRE(fold(s, make(3, events::kFieldsSet, events::fields_set({{"year", 2}, {"degree", "bachelor"}}))).is_ok());
  REQUIRE(fold(s, make(4, events::kStateChanged, events::state_changed("", "draft"))).is_ok());
  REQUIRE(fold(s, make(5, events::kCounterIncremented, events::counter_incremented("meetings", 1))).is_ok());
  REQUIRE(fold(s, make(6, events::kTimerScheduled, events::timer_scheduled("nudge#1", "nudge", 42))).is_ok());
  REQUIRE(fold(s, make(7, events::kTimerFired, events::timer_key_only("nudge#1"))).is_ok());
  REQUIRE(fold(s, make(8, events::kCadenceRecorded, events::cadence_recorded("date", "2025-11-03", 86400 * 40, false)))
              .is_ok());

  CHECK(s.name == "mie-2021/application/anna");
  CHECK(s.case_type == "application");
  CHECK(s.state == "draft");
  CHECK(s.parties.at("student") == "anna");
  CHECK(s.fields.at("degree") == "bachelor");
  CHECK(s.counters.at("meetings") == 1);
  CHECK(s.timers.empty());
  CHECK(s.flags.size() == 1);
  CHECK(s.version == 8);
  CHECK(s.position == 108);
  CHECK(s.definition_id == "def-1");

  SECTION("its JSON form reads back to the same state, byte for byte") {
    const std::string text = to_json(s).dump();
    auto back = case_state_from_json(nlohmann::json::parse(text));
    REQUIRE(back.is_ok());
    CHECK(to_json(*back).dump() == text);
  }
}

TEST_CASE("an event that does not fit the case is corruption naming its position", "[engine]") {
  CaseState s;
  REQUIRE(fold(s, make(1, events::kCaseOpened, events::case_opened("application", "mie-2021", {}))).is_ok());

  SECTION("a gap in versions") {
    auto st = fold(s, make(3, events::kStateChanged, events::state_changed("", "draft")));
    CHECK(st.is_corruption());
    CHECK(st.message() == "event StateChanged (position 103) has version 3 where 2 was expected");
  }
  SECTION("an unknown event type") {
    auto st = fold(s, make(2, "MeteorStruck", {}));
    CHECK(st.is_corruption());
    CHECK(st.message() ==
          "event MeteorStruck (position 102) is of a type this version of mentorflow does not know");
  }
  SECTION("a malformed payload") {
    auto st = fold(s, make(2, events::kStateChanged, {{"from", "draft"}}));
    CHECK(st.is_corruption());
    CHECK(st.message().find("event StateChanged (position 102) has a malformed payload") == 0);
  }
  SECTION("another stream's event") {
    auto e = make(2, events::kStateChanged, events::state_changed("", "draft"));
    e.stream = "mie-2021/application/bruno";
    CHECK(fold(s, e).is_corruption());
  }
}

TEST_CASE("a legal hold is folded with who placed it and when, kept in snapshots, and gone once released",
          "[engine][privacy]") {
  CaseState s;
  REQUIRE(fold(s, make(1, events::kCaseOpened, events::case_opened("application", "mie-2021", {{"student", "anna"}})))
              .is_ok());
  CHECK(s.hold.is_null());
  CHECK_FALSE(to_json(s).contains("hold"));  // a case never held reads as it always did
  store::Event placed = make(2, events::kLegalHoldPlaced, events::legal_hold("appeal, ref. 114"));
  placed.actor = {"carla", "staff"};
  REQUIRE(fold(s, placed).is_ok());
  CHECK(s.hold == nlohmann::json({{"reason", "appeal, ref. 114"}, {"by", "carla"}, {"at", 2'000'000}}));
  CHECK(to_json(s).at("hold") == s.hold);
  auto saved = case_state_from_json(snapshot_json(s));
  REQUIRE(saved.is_ok());
  CHECK(saved->hold == s.hold);
  REQUIRE(fold(s, make(3, events::kLegalHoldReleased, events::legal_hold("decided"))).is_ok());
  CHECK(s.hold.is_null());
  CHECK_FALSE(to_json(s).contains("hold"));
}
