#pragma once
// Rights that take a group or none (a peer-coaching group of two or more): a right that would hold
// fewer lefts than its minimum is not formed, and its lefts are placed again without it. Rights
// are closed one at a time: first one that can never reach its minimum (too few lefts rank it, or
// it has too few places), then the one holding the fewest, then the one fewest lefts rank, then
// the earliest id. Then each closed right is tried again, the last closed first, and stays open
// when no right is left under its minimum. Choosing which rights to form for the best result is
// NP-hard in general (matching with lower quotas); this is a greedy rule, deterministic and
// explained. The result is the method's on the instance without the closed rights: stable or
// optimal there, as the method promises. Each step runs the method again: at most twice per right
// that takes anyone, fine for groups, slow for the optimal method on thousands of under-filled
// rights.
#include <functional>
#include <vector>

#include "engine/matching/instance.hpp"

namespace mentorflow::engine::matching {

struct Closed {
  Id right = 0;
  std::uint32_t places = 0;  // its capacity before it was closed
  std::uint32_t held = 0;    // how many it would have held when it was closed
  bool operator==(const Closed&) const = default;
};

using Method = std::function<Matching(const Instance&)>;

// Runs `method`, closing under-filled rights until none is: `minimum` per right (empty, or 0 or 1
// for a right: no minimum). Closed rights get capacity 0 in `instance`, and are listed in `closed`
// in the order they were closed.
Matching with_minimum(Instance& instance, const std::vector<std::uint32_t>& minimum, const Method& method,
                      std::vector<Closed>& closed);

}  // namespace mentorflow::engine::matching
