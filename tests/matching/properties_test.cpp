// Properties on random instances (fixed seeds, so every run checks the same instances): deferred
// acceptance is valid, stable, and at least as good for every left as any stable matching; the
// optimal assignment is valid and is the lexicographic best (matched, total) of every matching,
// checked by enumerating all of them on small instances.
#include <catch2/catch.hpp>

#include <functional>
#include <random>
#include <tuple>

#include "engine/matching/audit.hpp"
#include "engine/matching/deferred_acceptance.hpp"
#include "engine/matching/optimal_assignment.hpp"

using namespace mentorflow::engine::matching;

namespace {

Instance random_instance(std::mt19937& rng, std::size_t lefts, std::size_t rights, std::size_t max_prefs,
                         bool scores) {
  Instance in;
  in.capacity.resize(rights);
  for (auto& c : in.capacity) c = std::uniform_int_distribution<std::uint32_t>(0, 3)(rng);
  std::vector<Id> all(rights);
  for (Id r = 0; r < rights; ++r) all[r] = r;
  for (std::size_t l = 0; l < lefts; ++l) {
    std::shuffle(all.begin(), all.end(), rng);
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, std::min(max_prefs, rights))(rng);
    in.preferences.emplace_back(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
  }
  // Some lefts ranked choices the instance leaves out: gaps in their places.
  if (rng() % 2 == 0) {
    for (const auto& p : in.preferences) {
      std::vector<std::uint32_t> places;
      for (std::size_t k = 0; k < p.size(); ++k)
        places.push_back((places.empty() ? 0 : places.back()) + 1 + static_cast<std::uint32_t>(rng() % 2));
      in.places.push_back(std::move(places));
    }
  }
  if (scores) {
    for (const auto& p : in.preferences) {
      std::vector<std::int64_t> s;
      for (std::size_t k = 0; k < p.size(); ++k) s.push_back(std::uniform_int_distribution<int>(-3, 9)(rng));
      in.scores.push_back(std::move(s));
    }
  }
  return in;
}

// Calls `visit` with every matching of the instance (every left unmatched or at any choice with room).
void every_matching(const Instance& in, const std::function<void(const Matching&)>& visit) {
  Matching m = Matching::empty(in.lefts());
  std::vector<std::uint32_t> taken(in.rights(), 0);
  std::function<void(std::size_t)> go = [&](std::size_t l) {
    if (l == in.lefts()) return visit(m);
    go(l + 1);
    for (std::uint32_t k = 0; k < in.preferences[l].size(); ++k) {
      const Id r = in.preferences[l][k];
      if (taken[r] == in.capacity[r]) continue;
      ++taken[r];
      m.right_of[l] = static_cast<std::int32_t>(r), m.choice_of[l] = static_cast<std::int32_t>(k);
      go(l + 1);
      --taken[r];
      m.right_of[l] = kUnmatched, m.choice_of[l] = kUnmatched;
    }
  };
  go(0);
}

}  // namespace

TEST_CASE("on random instances both algorithms give valid matchings, deferred acceptance is stable", "[matching]") {
  std::mt19937 rng(20251122);
  for (int round = 0; round < 300; ++round) {
    const bool scores = round % 2 == 1;
    Instance in = random_instance(rng, 1 + rng() % 60, 1 + rng() % 20, 6, scores);
    Matching stable = deferred_acceptance(in);
    Matching best = optimal_assignment(in);
    INFO("round " << round);
    REQUIRE(validate(in, stable).empty());
    REQUIRE(validate(in, best).empty());
    CHECK(blocking_pairs(in, stable).empty());
    // lexicographic: never fewer matched, and as many matched means at least the same total
    CHECK(best.matched() >= stable.matched());
    if (best.matched() == stable.matched()) CHECK(best.total_satisfaction(in) >= stable.total_satisfaction(in));
    // deterministic
    CHECK(deferred_acceptance(in).right_of == stable.right_of);
    CHECK(optimal_assignment(in).right_of == best.right_of);
  }
}

TEST_CASE("on small random instances the results are the best possible, checked against every matching",
          "[matching]") {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    Instance in = random_instance(rng, 1 + rng() % 6, 1 + rng() % 4, 3, round % 3 == 0);
    Matching stable = deferred_acceptance(in);
    Matching best = optimal_assignment(in);
    std::tuple<std::size_t, std::int64_t> top{0, 0};
    std::size_t stable_count = 0;
    bool stable_dominates = true;
    every_matching(in, [&](const Matching& m) {
      top = std::max(top, std::tuple<std::size_t, std::int64_t>{m.matched(), m.total_satisfaction(in)});
      if (!blocking_pairs(in, m).empty()) return;
      ++stable_count;
      for (std::size_t l = 0; l < in.lefts(); ++l) {
        // left-optimal: in deferred acceptance each left has a choice at least as good
        const std::size_t got = stable.choice_of[l] == kUnmatched ? SIZE_MAX : stable.choice_of[l];
        const std::size_t other = m.choice_of[l] == kUnmatched ? SIZE_MAX : m.choice_of[l];
        if (got > other) stable_dominates = false;
      }
    });
    INFO("round " << round);
    CHECK(stable_count >= 1);
    CHECK(stable_dominates);
    CHECK(std::tuple<std::size_t, std::int64_t>{best.matched(), best.total_satisfaction(in)} == top);
  }
}
