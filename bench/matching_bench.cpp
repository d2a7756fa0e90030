// matching_bench: the two matching methods on a cohort far larger than any real edition.
//   10,000 mentees x 2,000 mentors, capacity 5 each (10,000 places: as many as mentees), each
//   mentee ranking 10 distinct mentors. Two deterministic instances (fixed seed): mentors chosen
//   uniformly, and with a popularity skew (mentor i drawn with density ~ 1/sqrt(i): a few mentors
//   are in most lists, as happens after a speed date).
// For each: deferred acceptance (stable), the optimal assignment (min-cost flow), and the
// blocking-pair audit, each the median of 5 runs; the result's size, total satisfaction, and
// how many mentees got their first choice. Targets (issue 5): stable <= 50 ms, optimal <= 2 s.
// Then the whole command through the engine, once, on a store under $TMPDIR: a cohort's
// run_matching on 2,000 mentees x 400 mentors (capacity 5, 10 preferences, uniform): reading the
// cases from the log, evaluating rankings and capacities, the run, the proposals and the one
// atomic append (about 6,000 events).
// Run from the source tree: build/bench/matching_bench [MENTEES MENTORS CAPACITY PREFERENCES]. Results and the exact
// command: docs/BENCHMARKS.md, "Matching".
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <random>
#include <string>
#include <unordered_set>

#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/engine.hpp"
#include "engine/matching/audit.hpp"
#include "engine/matching/deferred_acceptance.hpp"
#include "engine/matching/optimal_assignment.hpp"
#include "store/event_store.hpp"

namespace {

using namespace mentorflow::engine::matching;
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

template <class T>
T must(mentorflow::Result<T> r, const std::string& what) {
  if (!r.is_ok()) {
    fmt::print(stderr, "matching_bench: {}: {}\n", what, r.status().to_string());
    std::exit(1);
  }
  return std::move(r).value();
}

void bench_engine(std::size_t mentees, std::size_t mentors, std::uint32_t capacity, std::size_t prefs) {
  namespace fs = std::filesystem;
  using namespace mentorflow;
  const fs::path dir = fs::temp_directory_path() / fmt::format("mentorflow-matching-bench-{}", ::getpid());
  fs::remove_all(dir);
  {
    ManualClock clock{dsl::parse_datetime("2025-10-01 10:00 Europe/Rome")->utc_micros};
    auto store = must(store::EventStore::open(dir, {.read_only = false, .create_if_missing = true, .sync = false,
                                                    .clock = &clock}),
                      "opening the store");
    engine::Engine engine(*store, clock);
    dsl::Diagnostics diagnostics;
    std::string error;
    // Run from the source tree, as the other benchmarks.
    auto workflow = dsl::SourceFile::load("tests/matching/matching-inputs.flow", error);
    if (!workflow) {
      fmt::print(stderr, "matching_bench: {}\n", error);
      std::exit(1);
    }
    must(engine.publish(*workflow, dsl::SourceFile("bench.rules", "rules for tiny edition \"1\" {\n}\n"), "b",
                        diagnostics),
         "publishing");
    const Instance in = make_instance(mentees, mentors, capacity, prefs, false);
    for (std::size_t r = 0; r < mentors; ++r)
      must(engine.handle({fmt::format("b/mentor_application/m{:05}", r), "apply", {fmt::format("m{}", r), "mentor"},
                          {{"places", capacity}}, ""}),
           "a mentor's application");
    for (std::size_t l = 0; l < mentees; ++l) {
      nlohmann::json list = nlohmann::json::array();
      for (Id r : in.preferences[l]) list.push_back(fmt::format("b/mentor_application/m{:05}", r));
      const std::string id = fmt::format("b/mentee_application/e{:05}", l);
      const store::Actor mentee{fmt::format("e{}", l), "mentee"};
      must(engine.handle({id, "apply", mentee, nlohmann::json::object(), ""}), "a mentee's application");
      must(engine.handle({id, "rank", mentee, {{"preferences", list}}, ""}), "a mentee's ranking");
    }
    const auto start = Clock::now();
    auto run = must(engine.handle({"b/round", "run_matching", {"sara", "staff"}, nlohmann::json::object(), ""}),
                    "run_matching");
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    fmt::print("through the engine, {} mentees x {} mentors, capacity {}, {} preferences (uniform):\n", mentees,
               mentors, capacity, prefs);
    fmt::print("  run_matching (stable) {:9.1f} ms  {} events appended in one batch\n  {}\n", ms,
               run.last_position - run.first_position + 1, run.notes.empty() ? "" : run.notes.front());
  }
  fs::remove_all(dir);
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
  bench_engine(2000, 400, 5, 10);
  return 0;
}
