// Rights with a minimum (engine/matching/minimum.hpp): a right that would hold fewer lefts than its
// minimum is closed and the method runs again. Lefts A, B, C, D and rights X, Y, Z are ids 0, 1, 2...
#include <catch2/catch.hpp>

#include "engine/matching/audit.hpp"
#include "engine/matching/deferred_acceptance.hpp"
#include "engine/matching/minimum.hpp"
#include "engine/matching/optimal_assignment.hpp"

using namespace mentorflow::engine::matching;

namespace {
constexpr Id X = 0, Y = 1, Z = 2;
constexpr std::int32_t kNone = kUnmatched;
}  // namespace

TEST_CASE("a right one left would join is not formed, and that left gets its next choice", "[matching]") {
  for (const Method& method : {Method(deferred_acceptance), Method(optimal_assignment)}) {
    // A and B want X; C wants Y first, then X. Y would hold C alone, under its minimum of 2.
    Instance in{{{X}, {X}, {Y, X}}, {3, 3}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {2, 2}, method, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{X, X, X});
    CHECK(m.choice_of == std::vector<std::int32_t>{0, 0, 1});
    REQUIRE(closed == std::vector<Closed>{{Y, 3, 1}});
    CHECK(in.capacity == std::vector<std::uint32_t>{3, 0});
    CHECK(validate(in, m).empty());
    CHECK(blocking_pairs(in, m).empty());
  }
}

TEST_CASE("under-filled rights are closed one at a time, the one holding fewest first", "[matching]") {
  SECTION("closing the earlier of two lets the other fill") {
    // A wants X then Y, B wants Y: each would hold one. X (opened earlier) closes; A joins B at Y.
    Instance in{{{X, Y}, {Y}}, {2, 2}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {2, 2}, deferred_acceptance, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{Y, Y});
    CHECK(closed == std::vector<Closed>{{X, 2, 1}});
  }
  SECTION("the fewest first: Z with one closes, Y with two of its three stays") {
    Instance in{{{Y}, {Y}, {Z, Y}, {X}, {X}, {X}}, {3, 3, 3}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {3, 3, 3}, deferred_acceptance, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{Y, Y, Y, X, X, X});
    CHECK(closed == std::vector<Closed>{{Z, 3, 1}});
  }
  SECTION("a left with no other choice is left unmatched") {
    Instance in{{{X}, {X}, {Y}}, {2, 2}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {2, 2}, deferred_acceptance, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{X, X, kNone});
    CHECK(closed == std::vector<Closed>{{Y, 2, 1}});
  }
  SECTION("a right too few rank to fill closes first; one more ranked waits") {
    // Each would hold one. X and Z are ranked by one left only, Y by two: X closes (opened earlier),
    // then Z, and C joins B at Y. Closing Y before Z would have left everyone out.
    Instance in{{{X}, {Y}, {Z, Y}}, {2, 2, 2}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {2, 2, 2}, deferred_acceptance, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{kNone, Y, Y});
    CHECK(closed == std::vector<Closed>{{X, 2, 1}, {Z, 2, 1}});
  }
  SECTION("a right that can never reach its minimum closes before one holding fewer") {
    // X holds A and B, under its minimum of 3 that only two rank; Y holds C alone, minimum 2,
    // ranked by B and C. X closes first though it holds more; then B joins C at Y.
    Instance in{{{X}, {X, Y}, {Y}}, {3, 3}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {3, 2}, deferred_acceptance, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{kNone, Y, Y});
    CHECK(closed == std::vector<Closed>{{X, 3, 2}});
  }
  SECTION("a right closed early opens again when a later closing lets it fill") {
    // X and Y take two and no fewer; Z takes one. A ranks X; B ranks Y, X; C ranks Z, Y. At
    // first each holds one: X closes (opened earlier), then Y. Tried again, Y alone still holds one
    // (B; C keeps Z); X with Y closed holds A and B: it stays open.
    Instance in{{{X}, {Y, X}, {Z, Y}}, {2, 2, 1}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {2, 2, 0}, deferred_acceptance, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{X, X, Z});
    CHECK(closed == std::vector<Closed>{{Y, 2, 1}});
    CHECK(in.capacity == std::vector<std::uint32_t>{2, 0, 1});
  }
  SECTION("a right with fewer places than its minimum closes first") {
    // Y has one place and a minimum of two: it can never fill, though two rank it, so it closes
    // before X, which holds as few (one) and as many rank.
    Instance in{{{X}, {Y, X}, {Y}}, {2, 1}, {}, {}};
    std::vector<Closed> closed;
    Matching m = with_minimum(in, {2, 2}, deferred_acceptance, closed);
    CHECK(m.right_of == std::vector<std::int32_t>{X, X, kNone});
    CHECK(closed == std::vector<Closed>{{Y, 1, 1}});
  }
  SECTION("without a minimum the run is the method's alone") {
    Instance plain{{{X}, {Y}, {Z, Y}}, {2, 2, 2}, {}, {}};
    std::vector<Closed> none;
    CHECK(with_minimum(plain, {}, deferred_acceptance, none).right_of == std::vector<std::int32_t>{X, Y, Z});
    CHECK(none.empty());
  }
}
