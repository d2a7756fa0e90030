#pragma once
// A matching problem over dense integer ids, and what an algorithm answers. Left cases (mentees,
// students) 0..L-1 rank right cases (mentors, placements) 0..R-1; each right takes at most its
// capacity. The engine numbers both sides in case-id order, so "lower id" below means "earlier
// case id". Pure data; no store, no names. Design: docs/ENGINE.md, "Matching".
#include <cstdint>
#include <vector>

namespace mentorflow::matching {

using Id = std::uint32_t;
inline constexpr std::int32_t kUnmatched = -1;

struct Instance {
  std::vector<std::vector<Id>> preferences;     // per left: acceptable rights, best first, no repeats
  std::vector<std::uint32_t> capacity;          // per right
  std::vector<std::vector<std::int64_t>> scores;  // empty, or per left one score per preference

  std::size_t lefts() const { return preferences.size(); }
  std::size_t rights() const { return capacity.size(); }
  bool has_scores() const { return !scores.empty(); }
  // The longest preference list: the default satisfaction of a k-th choice (0-based) is this minus k.
  std::size_t longest_list() const;
  // How much `left` values its `choice`-th preference: the score when there are scores, else the
  // satisfaction from rank (longest_list() - choice: the first choice of the longest list is worth
  // most, every choice at least 1).
  std::int64_t satisfaction(Id left, std::size_t choice) const;
};

// Per left: the right it got and at which 0-based position of its preferences, or kUnmatched.
struct Matching {
  std::vector<std::int32_t> right_of;
  std::vector<std::int32_t> choice_of;

  static Matching empty(std::size_t lefts) {
    return Matching{std::vector<std::int32_t>(lefts, kUnmatched), std::vector<std::int32_t>(lefts, kUnmatched)};
  }
  std::size_t matched() const;
  std::int64_t total_satisfaction(const Instance& instance) const;
};

// A left's claim on a right: the left and the position of that right in its preferences.
struct Claim {
  Id left = 0;
  std::uint32_t choice = 0;
};

// Why a right puts one claim ahead of another, in the order it is asked (the right's priority):
// a higher score (only with scores), then the left ranked the right higher, then the lower left id.
enum class Ahead : std::uint8_t { HigherScore, RankedHigher, EarlierId };

// True when the right both claims name puts `a` ahead of `b`. A strict total order on the claims
// on one right (left ids differ).
bool ahead(const Instance& instance, Claim a, Claim b);
// Which criterion decides ahead(a, b) (or ahead(b, a)).
Ahead ahead_reason(const Instance& instance, Claim a, Claim b);

}  // namespace mentorflow::matching
