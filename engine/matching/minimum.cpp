#include "engine/matching/minimum.hpp"

#include <tuple>

namespace mentorflow::matching {

Matching with_minimum(Instance& instance, const std::vector<std::uint32_t>& minimum, const Method& method,
                      std::vector<Closed>& closed) {
  if (minimum.empty()) return method(instance);
  std::vector<std::uint32_t> demand(instance.rights(), 0);  // lefts that rank each right
  for (const auto& prefs : instance.preferences)
    for (Id r : prefs) ++demand[r];
  for (;;) {
    Matching m = method(instance);
    std::vector<std::uint32_t> held(instance.rights(), 0);
    for (std::int32_t r : m.right_of)
      if (r != kUnmatched) ++held[static_cast<std::size_t>(r)];
    // Which to close: first one too few rank to ever fill, then the one holding fewest, then the
    // one fewest rank (the least likely to fill later), then the earliest id.
    const auto key = [&](std::size_t r) { return std::tuple(demand[r] >= minimum[r], held[r], demand[r], r); };
    std::size_t worst = instance.rights();
    for (std::size_t r = 0; r < instance.rights(); ++r)
      if (held[r] > 0 && held[r] < minimum[r] && (worst == instance.rights() || key(r) < key(worst))) worst = r;
    if (worst == instance.rights()) return m;
    closed.push_back({static_cast<Id>(worst), instance.capacity[worst], held[worst]});
    instance.capacity[worst] = 0;
  }
}

}  // namespace mentorflow::matching
