// The instance's derived values and the rights' priority order, shared by the algorithms, the
// audit and the explanations so they can never disagree.
#include "engine/matching/instance.hpp"

#include <algorithm>

namespace mentorflow::engine::matching {

std::uint32_t Instance::lowest_place() const {
  std::uint32_t lowest = 0;
  for (std::size_t l = 0; l < preferences.size(); ++l)
    if (!preferences[l].empty()) lowest = std::max(lowest, place(static_cast<Id>(l), preferences[l].size() - 1));
  return lowest;
}

std::size_t Matching::matched() const {
  return static_cast<std::size_t>(std::count_if(right_of.begin(), right_of.end(), [](auto r) { return r != kUnmatched; }));
}

std::int64_t Matching::total_satisfaction(const Instance& instance) const {
  const Satisfaction satisfaction(instance);
  std::int64_t total = 0;
  for (std::size_t l = 0; l < choice_of.size(); ++l)
    if (choice_of[l] != kUnmatched) total += satisfaction(static_cast<Id>(l), static_cast<std::size_t>(choice_of[l]));
  return total;
}

Ahead ahead_reason(const Instance& instance, Claim a, Claim b) {
  if (instance.has_scores() && instance.scores[a.left][a.choice] != instance.scores[b.left][b.choice])
    return Ahead::HigherScore;
  if (a.choice != b.choice) return Ahead::RankedHigher;
  return Ahead::AppliedEarlier;
}

bool ahead(const Instance& instance, Claim a, Claim b) {
  switch (ahead_reason(instance, a, b)) {
    case Ahead::HigherScore: return instance.scores[a.left][a.choice] > instance.scores[b.left][b.choice];
    case Ahead::RankedHigher: return a.choice < b.choice;
    case Ahead::AppliedEarlier: return a.left < b.left;
  }
  return false;
}

}  // namespace mentorflow::engine::matching
