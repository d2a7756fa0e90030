#pragma once
// The assignment of greatest total satisfaction among those that match as many lefts as possible
// (lexicographic: first the number matched, then the sum of Instance::satisfaction). Maximum
// cardinality comes first so that nobody is left out to raise the others' total. Solved as a
// min-cost max-flow (min_cost_flow.hpp) on source -> left -> right -> sink with arc cost
// (greatest satisfaction - satisfaction) >= 0: among flows of the largest value, the cheapest is
// the one of greatest total. Ties between assignments of equal total are settled by the
// algorithm's fixed visiting order (lefts by id, each left's preferences best first), so the same
// instance always gives the same assignment.
#include "engine/matching/instance.hpp"

namespace mentorflow::engine::matching {

// Pure; thread-safe.
Matching optimal_assignment(const Instance& instance);

}  // namespace mentorflow::engine::matching
