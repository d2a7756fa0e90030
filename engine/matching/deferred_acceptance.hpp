#pragma once
// Left-proposing deferred acceptance with capacities (Gale and Shapley; Roth's college
// admissions): each left proposes down its preferences; each right holds the best claims up to its
// capacity by its priority (instance.hpp, `ahead`) and rejects the rest. The result is stable (no
// blocking pair: audit.hpp) and the best stable matching for every left at once. Priorities are a
// strict order, so the result does not depend on the order proposals are made in.
#include "engine/matching/instance.hpp"

namespace mentorflow::engine::matching {

// O(sum of preference lengths × log capacity). Pure; thread-safe.
Matching deferred_acceptance(const Instance& instance);

}  // namespace mentorflow::engine::matching
