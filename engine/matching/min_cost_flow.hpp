#pragma once
// Minimum-cost maximum flow by the primal-dual method: Dijkstra on reduced costs (Johnson
// potentials) finds the length of the shortest augmenting path, then one depth-first pass over
// the arcs of reduced cost zero pushes as many shortest paths of that length as it finds (every
// such path costs the same, so any of them keeps the flow of minimum cost for its value); the
// next Dijkstra finds what the pass missed. Arc costs must be >= 0 (so the zero potentials start
// valid). The final flow is a maximum flow of minimum cost. Not thread-safe; one per problem.
#include <cstdint>
#include <vector>

namespace mentorflow::engine::matching {

class MinCostFlow {
 public:
  explicit MinCostFlow(std::uint32_t nodes);

  // Adds an arc from -> to; returns its index for flow(). capacity >= 0, cost >= 0.
  std::size_t add_arc(std::uint32_t from, std::uint32_t to, std::int64_t capacity, std::int64_t cost);

  struct Result {
    std::int64_t flow = 0, cost = 0;
  };
  // Sends as much flow as possible from source to sink at the least total cost. Call once.
  Result run(std::uint32_t source, std::uint32_t sink);

  // The flow on arc `arc` after run().
  std::int64_t flow(std::size_t arc) const { return arcs_[2 * arc + 1].capacity; }

 private:
  struct Arc {
    std::uint32_t to;
    std::int64_t capacity;  // residual
    std::int64_t cost;
  };
  bool shortest_paths(std::uint32_t source, std::uint32_t sink);
  // Pushes flow along admissible paths (reduced cost 0) found depth first; returns the amount.
  std::int64_t blocking_flow(std::uint32_t source, std::uint32_t sink, std::int64_t& cost);
  std::int64_t reduced(std::uint32_t from, std::size_t arc) const {
    return arcs_[arc].cost + potential_[from] - potential_[arcs_[arc].to];
  }

  std::uint32_t nodes_;
  std::vector<Arc> arcs_;             // arc 2i forward, 2i+1 its reverse
  std::vector<std::uint32_t> tail_;   // per arc index (forward and reverse): where it starts
  std::vector<std::uint32_t> first_;  // CSR: arcs leaving node v are out_[first_[v] .. first_[v+1])
  std::vector<std::uint32_t> out_;
  std::vector<std::int64_t> potential_, distance_;
  enum Mark : std::uint8_t { kFree, kOnPath, kDead };
  std::vector<Mark> mark_;               // per node, during a blocking flow
  std::vector<std::uint32_t> next_arc_;  // the current arc of each node, as a position in out_
};

}  // namespace mentorflow::engine::matching
