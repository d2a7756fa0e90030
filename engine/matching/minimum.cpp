#include "engine/matching/minimum.hpp"

#include <algorithm>
#include <tuple>

namespace mentorflow::engine::matching {
namespace {

std::vector<std::uint32_t> held_by(const Instance& instance, const Matching& m) {
  std::vector<std::uint32_t> held(instance.rights(), 0);
  for (std::int32_t r : m.right_of)
    if (r != kUnmatched) ++held[static_cast<std::size_t>(r)];
  return held;
}

bool under(std::uint32_t held, std::uint32_t minimum) { return held > 0 && held < minimum; }

}  // namespace

Matching with_minimum(Instance& instance, const std::vector<std::uint32_t>& minimum, const Method& method,
                      std::vector<Closed>& closed) {
  if (minimum.empty()) return method(instance);
  std::vector<std::uint32_t> demand(instance.rights(), 0);  // lefts that rank each right
  for (const auto& prefs : instance.preferences)
    for (Id r : prefs) ++demand[r];

  // Close one at a time: first a right that can never fill (too few rank it, or too few places),
  // then the one holding fewest, then the one fewest rank, then the earliest id.
  Matching m = method(instance);
  for (;;) {
    const std::vector<std::uint32_t> held = held_by(instance, m);
    const auto key = [&](std::size_t r) {
      return std::tuple(std::min(demand[r], instance.capacity[r]) >= minimum[r], held[r], demand[r], r);
    };
    std::size_t worst = instance.rights();
    for (std::size_t r = 0; r < instance.rights(); ++r)
      if (instance.capacity[r] > 0 && under(held[r], minimum[r]) && (worst == instance.rights() || key(r) < key(worst)))
        worst = r;
    if (worst == instance.rights()) break;
    closed.push_back({static_cast<Id>(worst), instance.capacity[worst], held[worst]});
    instance.capacity[worst] = 0;
    m = method(instance);
  }

  // A right closed early may fill now that later ones are closed: try each again, the last closed
  // first, and keep it open when then no right is under its minimum.
  for (std::size_t i = closed.size(); i-- > 0;) {
    instance.capacity[closed[i].right] = closed[i].places;
    Matching again = method(instance);
    const std::vector<std::uint32_t> held = held_by(instance, again);
    bool fits = true;
    for (std::size_t r = 0; r < instance.rights() && fits; ++r) fits = !under(held[r], minimum[r]);
    if (fits) {
      m = std::move(again);
      closed.erase(closed.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      instance.capacity[closed[i].right] = 0;
    }
  }
  return m;
}

}  // namespace mentorflow::engine::matching
