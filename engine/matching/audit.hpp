#pragma once
// Checks on a matching, independent of the algorithm that produced it: that it is a matching of
// the instance at all, and which pairs block it (would both rather be together).
#include <string>
#include <vector>

#include "engine/matching/instance.hpp"

namespace mentorflow::engine::matching {

// Empty when `matching` fits `instance`: sized to it, every left matched to the right at the
// position it names in its preferences, no right over capacity. Otherwise the first fault found,
// one sentence with ids ("left 3 is matched to right 5, which is not its choice 2").
std::string validate(const Instance& instance, const Matching& matching);

// A left and a right that block the matching: the left prefers the right to what it got (or got
// nothing), and the right has a free place or puts the left ahead of a left it holds (`ahead`).
struct BlockingPair {
  Id left = 0, right = 0;
  std::uint32_t choice = 0;  // the right's position in the left's preferences
};

// Every blocking pair, lefts in id order, each left's in preference order. Empty: the matching is
// stable. `matching` must be valid. O(sum of preference lengths).
std::vector<BlockingPair> blocking_pairs(const Instance& instance, const Matching& matching);

}  // namespace mentorflow::engine::matching
