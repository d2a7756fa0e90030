// Deferred acceptance: free lefts propose in turn; each right keeps a heap of the claims it holds
// with the one it would drop first on top.
#include "engine/matching/deferred_acceptance.hpp"

#include <algorithm>

namespace mentorflow::engine::matching {

Matching deferred_acceptance(const Instance& instance) {
  const std::size_t lefts = instance.lefts();
  Matching result = Matching::empty(lefts);
  std::vector<std::uint32_t> next(lefts, 0);  // the next preference each left will propose to
  std::vector<std::vector<Claim>> held(instance.rights());
  // Heap order: the claim the right would drop first (the one ranked last) on top.
  const auto below = [&instance](const Claim& a, const Claim& b) { return ahead(instance, a, b); };

  std::vector<Id> free;
  free.reserve(lefts);
  for (std::size_t l = lefts; l-- > 0;) free.push_back(static_cast<Id>(l));  // lowest id proposes first

  while (!free.empty()) {
    const Id left = free.back();
    free.pop_back();
    const auto& prefs = instance.preferences[left];
    while (next[left] < prefs.size()) {
      const Claim claim{left, next[left]++};
      const Id right = prefs[claim.choice];
      const std::uint32_t capacity = instance.capacity[right];
      if (capacity == 0) continue;
      auto& heap = held[right];
      if (heap.size() < capacity) {
        heap.push_back(claim);
        std::push_heap(heap.begin(), heap.end(), below);
        break;
      }
      if (!ahead(instance, claim, heap.front())) continue;  // rejected: try the next choice
      std::pop_heap(heap.begin(), heap.end(), below);
      free.push_back(heap.back().left);                     // the dropped left proposes again
      heap.back() = claim;
      std::push_heap(heap.begin(), heap.end(), below);
      break;
    }
  }
  for (std::size_t r = 0; r < held.size(); ++r)
    for (const Claim& c : held[r]) {
      result.right_of[c.left] = static_cast<std::int32_t>(r);
      result.choice_of[c.left] = static_cast<std::int32_t>(c.choice);
    }
  return result;
}

}  // namespace mentorflow::engine::matching
