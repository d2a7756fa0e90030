// The words of a matching run. Why a left did not get a higher choice depends on the method: with
// deferred acceptance every such right was full with lefts it puts ahead (that is what stability
// means), so we say who and by which criterion; the optimal assignment only promises the greatest
// total, so we say who holds the places.
#include "engine/matching/run/matching_words.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace mentorflow::engine::matching {
namespace {

constexpr std::size_t kNamesShown = 5;

std::string names(const MatchingRecord& r, const std::vector<matching::Id>& lefts) {
  std::string out;
  for (std::size_t i = 0; i < lefts.size() && i < kNamesShown; ++i)
    out += (i == 0 ? "" : ", ") + short_id(r.lefts[lefts[i]]);
  if (lefts.size() > kNamesShown) out += fmt::format(" and {} more", lefts.size() - kNamesShown);
  return out;
}

std::string places(std::uint32_t n) { return fmt::format("{} place{}", n, n == 1 ? "" : "s"); }

const matching::Closed* closed_right(const MatchingRecord& r, matching::Id right) {
  for (const matching::Closed& c : r.closed)
    if (c.right == right) return &c;
  return nullptr;
}

// Why left `left` is not with the right of its `k`-th preference.
std::string why_not(const MatchingRecord& r, const std::vector<std::vector<matching::Id>>& holders, matching::Id left,
                    std::uint32_t k) {
  const matching::Id right = r.instance.preferences[left][k];
  const std::string head = fmt::format("{} choice {}", ordinal(r.instance.places[left][k]), short_id(r.rights[right]));
  const std::uint32_t capacity = r.instance.capacity[right];
  if (const matching::Closed* c = closed_right(r, right)) return head + " " + not_formed(r, *c);
  if (capacity == 0) return head + " had no place open";
  const auto& held = holders[right];
  if (r.method == kOptimalMethod) {
    if (held.size() < capacity) return head + " had room, but the optimal assignment scores this pair lower";
    return fmt::format("{} was full ({}) with {}: the optimal assignment gives it to them", head, places(capacity),
                       names(r, held));
  }
  // Stable: every holder is ahead of this left at that right; group them by the reason.
  std::vector<matching::Id> by[3];
  const matching::Claim mine{left, k};
  for (matching::Id h : held) {
    const matching::Claim theirs{h, static_cast<std::uint32_t>(r.result.choice_of[h])};
    by[static_cast<int>(matching::ahead_reason(r.instance, theirs, mine))].push_back(h);
  }
  // Ranks count among the choices each had open (a choice set aside does not push one down).
  static constexpr const char* kWhy[3] = {"with a higher score", "who ranked it higher among the choices open to them",
                                          "who ranked it as high among the choices open to them and applied first"};
  std::string who;
  for (int i = 0; i < 3; ++i)
    if (!by[i].empty()) who += fmt::format("{}{} {}", who.empty() ? "" : "; ", names(r, by[i]), kWhy[i]);
  return fmt::format("{} was full ({}) with {}", head, places(capacity), who);
}

}  // namespace

std::string not_formed(const MatchingRecord& r, const matching::Closed& c) {
  return fmt::format("was not formed: {} would have joined, it takes no fewer than {}", c.held, r.minimum[c.right]);
}

std::string closed_flag(const MatchingRecord& r, const matching::Closed& c) {
  return short_id(r.rights[c.right]) + " " + not_formed(r, c);
}

void explain(MatchingRecord& r) {
  std::vector<std::vector<matching::Id>> holders(r.rights.size());
  for (std::size_t l = 0; l < r.lefts.size(); ++l)
    if (r.result.right_of[l] != matching::kUnmatched) holders[r.result.right_of[l]].push_back(static_cast<matching::Id>(l));

  r.explanations.clear();
  for (std::size_t li = 0; li < r.lefts.size(); ++li) {
    const auto l = static_cast<matching::Id>(li);
    const bool matched = r.result.right_of[l] != matching::kUnmatched;
    // The reasons for every place of the ranking above the one obtained, in ranking order.
    std::vector<std::pair<std::uint32_t, std::string>> reasons;
    const std::uint32_t got = matched ? r.instance.places[l][r.result.choice_of[l]] : UINT32_MAX;
    for (const auto& [place, why] : r.set_aside[l])
      if (place < got) reasons.emplace_back(place, why);
    for (std::uint32_t k = 0; k < r.instance.preferences[l].size(); ++k)
      if (r.instance.places[l][k] < got) reasons.emplace_back(r.instance.places[l][k], why_not(r, holders, l, k));
    std::sort(reasons.begin(), reasons.end());
    std::string text = matched ? fmt::format("proposed {} ({} choice)", short_id(r.rights[r.result.right_of[l]]),
                                             ordinal(got))
                               : std::string("not matched");
    if (!matched && reasons.empty()) text += fmt::format(": ranked no {}", r.right_type);
    for (std::size_t i = 0; i < reasons.size(); ++i) text += (i == 0 ? ": " : "; ") + reasons[i].second;
    r.explanations.push_back(std::move(text));
  }

  r.right_notes.clear();
  for (std::size_t ri = 0; ri < r.rights.size(); ++ri) {
    if (const matching::Closed* c = closed_right(r, static_cast<matching::Id>(ri))) {
      r.right_notes.push_back(not_formed(r, *c));
      continue;
    }
    const std::uint32_t capacity = r.instance.capacity[ri];
    std::string took;
    for (matching::Id h : holders[ri])
      took += fmt::format("{}{} ({} choice)", took.empty() ? "" : ", ", short_id(r.lefts[h]),
                          ordinal(r.instance.places[h][r.result.choice_of[h]]));
    const auto left_open = static_cast<std::uint32_t>(capacity - holders[ri].size());
    r.right_notes.push_back(fmt::format("{}; {} of {} left", took.empty() ? "took no one" : "took " + took, left_open,
                                        places(capacity)));
  }

  for (MatchingRecord::LeftOut& o : r.left_out)
    o.explanation = o.why.empty()
                        ? fmt::format("not in the run: it is '{}', the run matches {} in '{}'", o.state, r.left_type,
                                      r.left_state)
                        : fmt::format("not in the run: {} (it is '{}', the run matches {} in '{}')", o.why, o.state,
                                      r.left_type, r.left_state);
}

std::string left_out_flag(const MatchingRecord& r, const MatchingRecord::LeftOut& o) {
  if (o.why.empty()) return fmt::format("{} is '{}', not '{}': not in the run", short_id(o.id), o.state, r.left_state);
  return fmt::format("{} {} ('{}', not '{}'): not in the run", short_id(o.id), o.why, o.state, r.left_state);
}

std::string summary(const MatchingRecord& r) {
  std::string audit;
  if (r.method == kStableMethod)
    audit = r.blocking_pairs == 0 ? "no blocking pair" : fmt::format("{} blocking pairs", r.blocking_pairs);
  else
    audit = r.blocking_pairs == 0 ? "also stable (no blocking pair)"
                                  : fmt::format("{} pair{} would rather be together (the optimal method does not "
                                                "promise stability)",
                                                r.blocking_pairs, r.blocking_pairs == 1 ? "" : "s");
  return fmt::format("{} matching of {} in '{}' with {} in '{}': {} of {} matched, total satisfaction {}; {}",
                     r.method, r.left_type, r.left_state, r.right_type, r.right_state, r.result.matched(),
                     r.lefts.size(), r.result.total_satisfaction(r.instance), audit);
}

}  // namespace mentorflow::engine::matching
