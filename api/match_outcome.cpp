#include "api/match_outcome.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace mentorflow::api {

std::string outcome_for(const engine::matching::MatchingRecord& run, const std::string& left_case) {
  const auto found = std::find(run.lefts.begin(), run.lefts.end(), left_case);
  if (found == run.lefts.end()) return {};
  const auto left = static_cast<engine::matching::Id>(found - run.lefts.begin());
  const engine::matching::Instance& instance = run.instance;
  const std::int32_t right = run.result.right_of[left];
  const bool matched = right != engine::matching::kUnmatched;
  const std::uint32_t got = matched ? instance.place(left, static_cast<std::size_t>(run.result.choice_of[left])) : UINT32_MAX;

  // Every higher place, in ranking order, with why it was not given.
  std::vector<std::pair<std::uint32_t, std::string>> reasons;
  for (const auto& [place, why] : run.set_aside[left])
    if (place < got) reasons.emplace_back(place, why);  // about the choice itself: "is 'closed', not 'met'"
  for (std::size_t k = 0; k < instance.preferences[left].size(); ++k) {
    const std::uint32_t place = instance.place(left, k);
    if (place >= got) continue;
    const engine::matching::Id choice = instance.preferences[left][k];
    const std::string head = fmt::format("{} choice {}", engine::matching::ordinal(place), engine::matching::short_id(run.rights[choice]));
    const auto holders = static_cast<std::uint32_t>(std::count(run.result.right_of.begin(), run.result.right_of.end(),
                                                               static_cast<std::int32_t>(choice)));
    if (instance.capacity[choice] == 0) reasons.emplace_back(place, head + " had no place open");
    else if (run.method == engine::matching::kOptimalMethod && holders < instance.capacity[choice])
      reasons.emplace_back(place, head + " had room, but the optimal assignment scores this pair lower");
    else reasons.emplace_back(place, head + " was full");
  }
  std::sort(reasons.begin(), reasons.end());

  std::string text = matched ? fmt::format("proposed {} ({} choice)", engine::matching::short_id(run.rights[right]), engine::matching::ordinal(got))
                             : std::string("not matched");
  if (!matched && reasons.empty()) text += fmt::format(": ranked no {}", run.right_type);
  for (std::size_t i = 0; i < reasons.size(); ++i) text += (i == 0 ? ": " : "; ") + reasons[i].second;
  return text;
}

}  // namespace mentorflow::api
