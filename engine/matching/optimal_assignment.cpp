// The flow network of an instance: node 0 the source, then the lefts, then the rights, then the
// sink; only lefts with preferences and rights with places are connected.
#include "engine/matching/optimal_assignment.hpp"

#include <algorithm>

#include "engine/matching/min_cost_flow.hpp"

namespace mentorflow::engine::matching {

Matching optimal_assignment(const Instance& instance) {
  const auto lefts = static_cast<std::uint32_t>(instance.lefts());
  const auto rights = static_cast<std::uint32_t>(instance.rights());
  const std::uint32_t source = 0, sink = lefts + rights + 1;
  const auto left_node = [](Id l) { return l + 1; };
  const auto right_node = [lefts](Id r) { return lefts + 1 + r; };

  const Satisfaction satisfaction(instance);
  std::int64_t best = 0;
  for (Id l = 0; l < lefts; ++l)
    for (std::size_t k = 0; k < instance.preferences[l].size(); ++k) best = std::max(best, satisfaction(l, k));

  MinCostFlow flow(sink + 1);
  struct Edge { Id left; std::uint32_t choice; std::size_t arc; };
  std::vector<Edge> edges;
  for (Id l = 0; l < lefts; ++l) {
    const auto& prefs = instance.preferences[l];
    if (prefs.empty()) continue;
    flow.add_arc(source, left_node(l), 1, 0);
    for (std::uint32_t k = 0; k < prefs.size(); ++k) {
      if (instance.capacity[prefs[k]] == 0) continue;
      edges.push_back({l, k, flow.add_arc(left_node(l), right_node(prefs[k]), 1, best - satisfaction(l, k))});
    }
  }
  for (Id r = 0; r < rights; ++r)
    if (instance.capacity[r] > 0) flow.add_arc(right_node(r), sink, instance.capacity[r], 0);
  flow.run(source, sink);

  Matching result = Matching::empty(lefts);
  for (const Edge& e : edges) {
    if (flow.flow(e.arc) == 0) continue;
    result.right_of[e.left] = static_cast<std::int32_t>(instance.preferences[e.left][e.choice]);
    result.choice_of[e.left] = static_cast<std::int32_t>(e.choice);
  }
  return result;
}

}  // namespace mentorflow::engine::matching
