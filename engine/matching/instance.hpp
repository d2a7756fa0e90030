#pragma once
// A matching problem over dense integer ids, and what an algorithm answers. Left cases (mentees,
// students) 0..L-1 rank right cases (mentors, placements) 0..R-1; each right takes at most its
// capacity. The engine numbers both sides in the order their cases were opened, so "lower id"
// below means "applied earlier". Pure data; no store, no names. Design: docs/ENGINE.md, "Matching".
#include <cstdint>
#include <vector>

namespace mentorflow::engine::matching {

using Id = std::uint32_t;
inline constexpr std::int32_t kUnmatched = -1;

struct Instance {
  std::vector<std::vector<Id>> preferences;     // per left: acceptable rights, best first, no repeats
  std::vector<std::uint32_t> capacity;          // per right
  std::vector<std::vector<std::int64_t>> scores;  // empty, or per left one score per preference
  // Empty, or per left, per preference: its 1-based place in the left's own ranking, which may
  // have held choices that are not in the instance (increasing). Empty: the place is k + 1.
  std::vector<std::vector<std::uint32_t>> places;

  std::size_t lefts() const { return preferences.size(); }
  std::size_t rights() const { return capacity.size(); }
  bool has_scores() const { return !scores.empty(); }
  std::uint32_t place(Id left, std::size_t choice) const {
    return places.empty() ? static_cast<std::uint32_t>(choice + 1) : places[left][choice];
  }
  // The lowest place of any preference (the longest ranking, when there are no gaps).
  std::uint32_t lowest_place() const;
};

// How much a left values each of its preferences: the score when the instance has scores, else
// the satisfaction from rank (lowest_place() + 1 - place: the first place is worth most, every
// preference at least 1). Holds a reference to the instance.
class Satisfaction {
 public:
  explicit Satisfaction(const Instance& instance) : instance_(instance), lowest_(instance.lowest_place()) {}
  std::int64_t operator()(Id left, std::size_t choice) const {
    if (instance_.has_scores()) return instance_.scores[left][choice];
    return static_cast<std::int64_t>(lowest_) + 1 - instance_.place(left, choice);
  }

 private:
  const Instance& instance_;
  std::uint32_t lowest_;
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
// a higher score (only with scores), then the left ranked the right higher among the choices in
// the instance (`choice`, not `place`: nobody is pushed down for having listed choices that were
// set aside, such as a mentor who was not selected), then the lower left id (the earlier application).
enum class Ahead : std::uint8_t { HigherScore, RankedHigher, AppliedEarlier };

// True when the right both claims name puts `a` ahead of `b`. A strict total order on the claims
// on one right (left ids differ).
bool ahead(const Instance& instance, Claim a, Claim b);
// Which criterion decides ahead(a, b) (or ahead(b, a)).
Ahead ahead_reason(const Instance& instance, Claim a, Claim b);

}  // namespace mentorflow::engine::matching
