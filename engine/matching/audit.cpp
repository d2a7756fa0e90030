// Validity and stability checks. Stability needs, per right, only its count and the claim it
// holds that it puts last: a left blocks with it exactly when there is room or it comes ahead of that.
#include "engine/matching/audit.hpp"

#include <fmt/core.h>

#include <optional>

namespace mentorflow::engine::matching {

std::string validate(const Instance& instance, const Matching& matching) {
  if (matching.right_of.size() != instance.lefts() || matching.choice_of.size() != instance.lefts())
    return fmt::format("the matching has {} lefts, the instance {}", matching.right_of.size(), instance.lefts());
  std::vector<std::uint32_t> taken(instance.rights(), 0);
  for (std::size_t l = 0; l < instance.lefts(); ++l) {
    const std::int32_t r = matching.right_of[l], k = matching.choice_of[l];
    if (r == kUnmatched && k == kUnmatched) continue;
    const auto& prefs = instance.preferences[l];
    if (r == kUnmatched || k < 0 || static_cast<std::size_t>(k) >= prefs.size() ||
        prefs[k] != static_cast<Id>(r))
      return fmt::format("left {} is matched to right {}, which is not its choice {}", l, r, k);
    if (++taken[r] > instance.capacity[r])
      return fmt::format("right {} holds more than its capacity of {}", r, instance.capacity[r]);
  }
  return {};
}

std::vector<BlockingPair> blocking_pairs(const Instance& instance, const Matching& matching) {
  std::vector<std::uint32_t> taken(instance.rights(), 0);
  std::vector<std::optional<Claim>> last(instance.rights());
  for (std::size_t l = 0; l < instance.lefts(); ++l) {
    if (matching.right_of[l] == kUnmatched) continue;
    const auto r = static_cast<Id>(matching.right_of[l]);
    const Claim c{static_cast<Id>(l), static_cast<std::uint32_t>(matching.choice_of[l])};
    ++taken[r];
    if (!last[r] || ahead(instance, *last[r], c)) last[r] = c;
  }
  std::vector<BlockingPair> out;
  for (std::size_t l = 0; l < instance.lefts(); ++l) {
    const auto& prefs = instance.preferences[l];
    const std::size_t got = matching.choice_of[l] == kUnmatched ? prefs.size() : matching.choice_of[l];
    for (std::uint32_t k = 0; k < got; ++k) {
      const Id r = prefs[k];
      const Claim c{static_cast<Id>(l), k};
      if (taken[r] < instance.capacity[r] || (last[r] && ahead(instance, c, *last[r])))
        out.push_back({static_cast<Id>(l), r, k});
    }
  }
  return out;
}

}  // namespace mentorflow::engine::matching
