// matching_bench: the two matching methods on a cohort far larger than any real edition.
//   10,000 mentees x 2,000 mentors, capacity 5 each (10,000 places: as many as mentees), each
//   mentee ranking 10 distinct mentors. Two deterministic instances (fixed seed): mentors chosen
//   uniformly, and with a popularity skew (mentor i drawn with density ~ 1/sqrt(i): a few mentors
//   are in most lists, as happens after a speed date).
// For each: deferred acceptance (stable), the optimal assignment (min-cost flow), and the
// blocking-pair audit, each the median of 5 runs; the result's size, total satisfaction, and
// how many mentees got their first choice. Targets (issue 5): stable <= 50 ms, optimal <= 2 s.
// Run: build/bench/matching_bench [MENTEES MENTORS CAPACITY PREFERENCES]. Results and the exact
// command: docs/BENCHMARKS.md, "Matching".
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <string>
#include <unordered_set>

#include "engine/matching/audit.hpp"
#include "engine/matching/deferred_acceptance.hpp"
#include "engine/matching/optimal_assignment.hpp"

namespace {

using namespace mentorflow::matching;
using Clock = std::chrono::steady_clock;
constexpr int kRuns = 5;

Instance make_instance(std::size_t mentees, std::size_t mentors, std::uint32_t capacity, std::size_t prefs,
                       bool skewed) {
  std::mt19937_64 rng(20251122);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Instance in;
  in.capacity.assign(mentors, capacity);
  in.preferences.resize(mentees);
  for (auto& list : in.preferences) {
    std::unordered_set<Id> seen;
    while (list.size() < prefs) {
      const double u = unit(rng);
      const auto r = static_cast<Id>(std::min<double>(static_cast<double>(mentors) - 1,
                                                      static_cast<double>(mentors) * (skewed ? u * u : u)));
      if (seen.insert(r).second) list.push_back(r);
    }
  }
  return in;
}

template <class F>
double median_ms(F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < kRuns; ++i) {
    const auto start = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

std::size_t first_choices(const Matching& m) {
  return static_cast<std::size_t>(std::count(m.choice_of.begin(), m.choice_of.end(), 0));
}

void bench(const char* name, const Instance& in) {
  Matching stable, best;
  const double stable_ms = median_ms([&] { stable = deferred_acceptance(in); });
  const double optimal_ms = median_ms([&] { best = optimal_assignment(in); });
  std::size_t blocking = 0;
  const double audit_ms = median_ms([&] { blocking = blocking_pairs(in, stable).size(); });
  const std::string fault = validate(in, best) + validate(in, stable);
  fmt::print("{} preferences:\n", name);
  fmt::print("  stable  (deferred acceptance) {:9.2f} ms  matched {:>6}  total satisfaction {:>7}  first choices {:>6}\n",
             stable_ms, stable.matched(), stable.total_satisfaction(in), first_choices(stable));
  fmt::print("  optimal (min-cost flow)       {:9.2f} ms  matched {:>6}  total satisfaction {:>7}  first choices {:>6}\n",
             optimal_ms, best.matched(), best.total_satisfaction(in), first_choices(best));
  fmt::print("  blocking-pair audit of stable {:9.2f} ms  blocking pairs {}{}\n", audit_ms, blocking,
             fault.empty() ? "" : "  INVALID: " + fault);
}

}  // namespace

int main(int argc, char** argv) {
  const auto arg = [&](int i, std::size_t fallback) {
    return argc > i ? static_cast<std::size_t>(std::stoul(argv[i])) : fallback;
  };
  const std::size_t mentees = arg(1, 10000), mentors = arg(2, 2000), prefs = arg(4, 10);
  const auto capacity = static_cast<std::uint32_t>(arg(3, 5));
  fmt::print("matching_bench: {} mentees x {} mentors, capacity {} ({} places), {} preferences each; median of {} runs\n",
             mentees, mentors, capacity, mentors * capacity, prefs, kRuns);
  bench("uniform", make_instance(mentees, mentors, capacity, prefs, false));
  bench("skewed", make_instance(mentees, mentors, capacity, prefs, true));
  return 0;
}
