// Primal-dual min-cost flow. The arcs are laid out per node (CSR) once, at run(); Dijkstra stops
// as soon as the sink is settled and raises every potential by min(distance, distance to sink),
// which keeps all residual reduced costs >= 0 and makes the arcs of shortest paths exactly the
// residual arcs of reduced cost 0. The pass over those arcs marks each node free, on the current
// path, or dead (the sink is out of its reach until the next Dijkstra: augmenting only adds arcs
// between nodes of the path, never out of a dead node); skipping arcs into the path keeps it
// simple, at the price of sometimes leaving a path for the next phase. A level graph (Dinic)
// would find them all, but costs a breadth-first search of the whole graph per round: about
// up to four times slower on the benchmark's instances (docs/BENCHMARKS.md, "Matching").
#include "engine/matching/min_cost_flow.hpp"

#include <algorithm>
#include <cassert>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

namespace mentorflow::engine::matching {
namespace {
constexpr std::int64_t kInfinity = std::numeric_limits<std::int64_t>::max() / 4;
}

MinCostFlow::MinCostFlow(std::uint32_t nodes) : nodes_(nodes) {}

std::size_t MinCostFlow::add_arc(std::uint32_t from, std::uint32_t to, std::int64_t capacity, std::int64_t cost) {
  assert(from < nodes_ && to < nodes_ && capacity >= 0 && cost >= 0);
  arcs_.push_back({to, capacity, cost});
  arcs_.push_back({from, 0, -cost});
  tail_.push_back(from);
  tail_.push_back(to);
  return arcs_.size() / 2 - 1;
}

bool MinCostFlow::shortest_paths(std::uint32_t source, std::uint32_t sink) {
  std::fill(distance_.begin(), distance_.end(), kInfinity);
  using Entry = std::pair<std::int64_t, std::uint32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  distance_[source] = 0;
  queue.push({0, source});
  while (!queue.empty()) {
    auto [d, v] = queue.top();
    queue.pop();
    if (d != distance_[v]) continue;
    if (v == sink) break;
    for (std::uint32_t i = first_[v]; i < first_[v + 1]; ++i) {
      const std::size_t a = out_[i];
      if (arcs_[a].capacity == 0) continue;
      const std::int64_t nd = d + reduced(v, a);
      if (nd < distance_[arcs_[a].to]) {
        distance_[arcs_[a].to] = nd;
        queue.push({nd, arcs_[a].to});
      }
    }
  }
  const std::int64_t to_sink = distance_[sink];
  if (to_sink == kInfinity) return false;
  for (std::uint32_t v = 0; v < nodes_; ++v) potential_[v] += std::min(distance_[v], to_sink);
  return true;
}

std::int64_t MinCostFlow::blocking_flow(std::uint32_t source, std::uint32_t sink, std::int64_t& cost) {
  for (std::uint32_t v = 0; v < nodes_; ++v) next_arc_[v] = first_[v];
  std::fill(mark_.begin(), mark_.end(), kFree);
  std::int64_t pushed = 0;
  std::vector<std::size_t> path;  // arcs from the source to the node being extended
  std::uint32_t v = source;
  mark_[source] = kOnPath;
  while (true) {
    if (v == sink) {
      std::int64_t amount = kInfinity;
      for (std::size_t a : path) amount = std::min(amount, arcs_[a].capacity);
      std::size_t retreat = path.size();
      for (std::size_t k = 0; k < path.size(); ++k) {
        arcs_[path[k]].capacity -= amount;
        arcs_[path[k] ^ 1].capacity += amount;
        cost += amount * arcs_[path[k]].cost;
        if (arcs_[path[k]].capacity == 0 && retreat == path.size()) retreat = k;
      }
      pushed += amount;
      for (std::size_t k = retreat; k < path.size(); ++k) mark_[arcs_[path[k]].to] = kFree;  // off the path
      path.resize(retreat);  // back to the tail of the first saturated arc
      v = path.empty() ? source : arcs_[path.back()].to;
      continue;
    }
    bool advanced = false;
    for (; next_arc_[v] < first_[v + 1]; ++next_arc_[v]) {
      const std::size_t a = out_[next_arc_[v]];
      const std::uint32_t w = arcs_[a].to;
      if (arcs_[a].capacity > 0 && mark_[w] == kFree && reduced(v, a) == 0) {
        path.push_back(a);
        mark_[w] = kOnPath;
        v = w;
        advanced = true;
        break;
      }
    }
    if (advanced) continue;
    if (v == source) return pushed;
    mark_[v] = kDead;  // the sink cannot be reached from here for the rest of this phase
    path.pop_back();
    v = path.empty() ? source : arcs_[path.back()].to;
    ++next_arc_[v];
  }
}

MinCostFlow::Result MinCostFlow::run(std::uint32_t source, std::uint32_t sink) {
  first_.assign(nodes_ + 1, 0);
  for (std::uint32_t t : tail_) ++first_[t + 1];
  for (std::uint32_t v = 0; v < nodes_; ++v) first_[v + 1] += first_[v];
  out_.resize(arcs_.size());
  std::vector<std::uint32_t> fill(first_.begin(), first_.end() - 1);
  for (std::size_t a = 0; a < arcs_.size(); ++a) out_[fill[tail_[a]]++] = static_cast<std::uint32_t>(a);
  potential_.assign(nodes_, 0);
  distance_.assign(nodes_, kInfinity);
  mark_.assign(nodes_, kFree);
  next_arc_.assign(nodes_, 0);

  Result result;
  while (shortest_paths(source, sink)) result.flow += blocking_flow(source, sink, result.cost);
  return result;
}

}  // namespace mentorflow::engine::matching
