// The instance's derived values and the rights' priority order, shared by the algorithms, the
// audit and the explanations so they can never disagree.
#include "engine/matching/instance.hpp"

#include <algorithm>

namespace mentorflow::matching {

std::size_t Instance::longest_list() const {
  std::size_t longest = 0;
  for (const auto& p : preferences) longest = std::max(longest, p.size());
  return longest;
}

std::int64_t Instance::satisfaction(Id left, std::size_t choice) const {
  if (has_scores()) return scores[left][choice];
  return static_cast<std::int64_t>(longest_list() - choice);
}

std::size_t Matching::matched() const {
  return static_cast<std::size_t>(std::count_if(right_of.begin(), right_of.end(), [](auto r) { return r != kUnmatched; }));
}

std::int64_t Matching::total_satisfaction(const Instance& instance) const {
  // satisfaction() recomputes longest_list(); do it once here.
  const auto longest = static_cast<std::int64_t>(instance.longest_list());
  std::int64_t total = 0;
  for (std::size_t l = 0; l < choice_of.size(); ++l) {
    if (choice_of[l] == kUnmatched) continue;
    total += instance.has_scores() ? instance.scores[l][choice_of[l]] : longest - choice_of[l];
  }
  return total;
}

Ahead ahead_reason(const Instance& instance, Claim a, Claim b) {
  if (instance.has_scores() && instance.scores[a.left][a.choice] != instance.scores[b.left][b.choice])
    return Ahead::HigherScore;
  if (a.choice != b.choice) return Ahead::RankedHigher;
  return Ahead::EarlierId;
}

bool ahead(const Instance& instance, Claim a, Claim b) {
  switch (ahead_reason(instance, a, b)) {
    case Ahead::HigherScore: return instance.scores[a.left][a.choice] > instance.scores[b.left][b.choice];
    case Ahead::RankedHigher: return a.choice < b.choice;
    case Ahead::EarlierId: return a.left < b.left;
  }
  return false;
}

}  // namespace mentorflow::matching
