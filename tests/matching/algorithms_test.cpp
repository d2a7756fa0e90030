// Small hand-checked instances for deferred acceptance, the optimal assignment, the min-cost flow
// beneath it, and the audit. Lefts A, B, C... and rights X, Y... are ids 0, 1, 2...
#include <catch2/catch.hpp>

#include "engine/matching/audit.hpp"
#include "engine/matching/deferred_acceptance.hpp"
#include "engine/matching/min_cost_flow.hpp"
#include "engine/matching/optimal_assignment.hpp"

using namespace mentorflow::engine::matching;

namespace {
constexpr Id A = 0, B = 1, C = 2;
constexpr Id X = 0, Y = 1;
constexpr std::int32_t kNone = kUnmatched;
}  // namespace

TEST_CASE("deferred acceptance: a right keeps the claims it puts first, up to its capacity", "[matching]") {
  SECTION("equal ranks: the one opened earlier stays") {
    Instance in{{{X, Y}, {X}, {X, Y}}, {1, 1}, {}, {}};
    Matching m = deferred_acceptance(in);
    CHECK(m.right_of == std::vector<std::int32_t>{X, kNone, Y});
    CHECK(m.choice_of == std::vector<std::int32_t>{0, kNone, 1});
    CHECK(m.total_satisfaction(in) == 2 + 1);
    CHECK(blocking_pairs(in, m).empty());
  }
  SECTION("a left that ranked the right higher displaces one that ranked it lower") {
    Instance in{{{Y, X}, {X}}, {1, 0}, {}, {}};  // Y has no place
    Matching m = deferred_acceptance(in);
    CHECK(m.right_of == std::vector<std::int32_t>{kNone, X});
    CHECK(ahead_reason(in, {B, 0}, {A, 1}) == Ahead::RankedHigher);
  }
  SECTION("scores come before ranks") {
    Instance in{{{X}, {Y, X}}, {1, 0}, {{1}, {0, 5}}, {}};  // Y has no place
    Matching m = deferred_acceptance(in);
    CHECK(m.right_of == std::vector<std::int32_t>{kNone, X});
    CHECK(ahead_reason(in, {B, 1}, {A, 0}) == Ahead::HigherScore);
    CHECK(blocking_pairs(in, m).empty());
  }
  SECTION("ranked higher counts the choices in the instance; the satisfaction counts places") {
    // A's first choice was set aside: X is 2nd in A's ranking, 1st in B's, 1st available to both.
    Instance in{{{X}, {X}}, {1}, {}, {{2}, {1}}};
    Matching m = deferred_acceptance(in);
    CHECK(m.right_of == std::vector<std::int32_t>{X, kNone});
    CHECK(ahead_reason(in, {B, 0}, {A, 0}) == Ahead::AppliedEarlier);
    CHECK(in.lowest_place() == 2);
    CHECK(Satisfaction(in)(A, 0) == 1);
    CHECK(Satisfaction(in)(B, 0) == 2);
  }
  SECTION("capacity two of three") {
    Instance in{{{X}, {X}, {X}}, {2}, {}, {}};
    Matching m = deferred_acceptance(in);
    CHECK(m.right_of == std::vector<std::int32_t>{X, X, kNone});
    CHECK(m.matched() == 2);
  }
  SECTION("a chain of rejections") {
    // A and B both want X first: A keeps it (opened earlier). B goes on to Y, which C ranked first
    // and B second: C stays, B is left out.
    Instance in{{{X}, {X, Y}, {Y, X}}, {1, 1}, {}, {}};
    Matching m = deferred_acceptance(in);
    CHECK(m.right_of == std::vector<std::int32_t>{X, kNone, Y});
  }
  SECTION("no preferences, no places") {
    Instance in{{{}, {X}}, {0}, {}, {}};
    Matching m = deferred_acceptance(in);
    CHECK(m.matched() == 0);
    CHECK(blocking_pairs(in, m).empty());
  }
}

TEST_CASE("optimal assignment: as many matched as possible, then the greatest total", "[matching]") {
  SECTION("it moves A to its second choice so that B is matched too") {
    Instance in{{{X, Y}, {X}}, {1, 1}, {}, {}};
    Matching stable = deferred_acceptance(in);
    CHECK(stable.matched() == 1);
    Matching best = optimal_assignment(in);
    CHECK(best.right_of == std::vector<std::int32_t>{Y, X});
    CHECK(best.total_satisfaction(in) == 1 + 2);
    CHECK(validate(in, best).empty());
    // the optimal assignment need not be stable: nothing here says A may not block with X
    CHECK(blocking_pairs(in, best).size() == 1);
  }
  SECTION("scores decide who gets the place when only one can be matched") {
    Instance in{{{X}, {X}}, {1}, {{3}, {7}}, {}};
    CHECK(optimal_assignment(in).right_of == std::vector<std::int32_t>{kNone, X});
  }
  SECTION("cardinality before total: two small scores beat one large") {
    Instance in{{{X, Y}, {X}}, {1, 1}, {{100, 1}, {1}}, {}};
    Matching best = optimal_assignment(in);
    CHECK(best.matched() == 2);
    CHECK(best.total_satisfaction(in) == 2);
  }
}

TEST_CASE("min-cost flow: the cheapest of the largest flows", "[matching]") {
  // 0 -> 1 -> 3 and 0 -> 2 -> 3, plus a cheap crossing 1 -> 2; capacities 1.
  MinCostFlow flow(4);
  const auto a01 = flow.add_arc(0, 1, 1, 0);
  const auto a02 = flow.add_arc(0, 2, 1, 0);
  const auto a13 = flow.add_arc(1, 3, 1, 5);
  const auto a12 = flow.add_arc(1, 2, 1, 1);
  const auto a23 = flow.add_arc(2, 3, 1, 1);
  auto result = flow.run(0, 3);
  CHECK(result.flow == 2);
  CHECK(result.cost == 6);  // 0-1-3 and 0-2-3: the crossing cannot carry more than one unit to 3
  CHECK(flow.flow(a01) == 1);
  CHECK(flow.flow(a02) == 1);
  CHECK(flow.flow(a13) == 1);
  CHECK(flow.flow(a12) == 0);
  CHECK(flow.flow(a23) == 1);
}

TEST_CASE("the audit: validity and blocking pairs", "[matching]") {
  Instance in{{{X, Y}, {X}}, {1, 1}, {}, {}};
  SECTION("over capacity") {
    Matching m{{X, X}, {0, 0}};
    CHECK(validate(in, m) == "right 0 holds more than its capacity of 1");
  }
  SECTION("a right that is not the named choice") {
    Matching m{{Y, kNone}, {0, kNone}};
    CHECK(validate(in, m) == "left 0 is matched to right 1, which is not its choice 0");
  }
  SECTION("an unmatched left with a free first choice blocks") {
    Matching m{{kNone, kNone}, {kNone, kNone}};
    auto pairs = blocking_pairs(in, m);
    REQUIRE(pairs.size() == 3);  // A-X, A-Y, B-X
    CHECK(pairs[0].left == A);
    CHECK(pairs[2].left == B);
    CHECK(pairs[2].right == X);
  }
  SECTION("B holding X is blocked by A, who comes first at X") {
    Matching m{{Y, X}, {1, 0}};
    auto pairs = blocking_pairs(in, m);
    REQUIRE(pairs.size() == 1);
    CHECK(pairs[0].left == A);
    CHECK(pairs[0].right == X);
    CHECK(pairs[0].choice == 0);
  }
  (void)C;
}
