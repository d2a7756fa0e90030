#pragma once
// What a matching run records in its cohort's MatchingRunRecorded event: the instance exactly as
// the algorithm saw it (case ids in place of the dense ids), the result, the audit, and the
// explanations in plain words. Enough to run the algorithm again (verify) and to explain every
// person's outcome (history) without the cases. Payload layout: docs/ENGINE.md, "Matching".
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/status.hpp"
#include "engine/matching/instance.hpp"
#include "engine/matching/minimum.hpp"

namespace mentorflow::engine::matching {

inline constexpr const char* kStableMethod = "stable";
inline constexpr const char* kOptimalMethod = "optimal";

struct MatchingRecord {
  std::string command;
  std::uint32_t clause = 0;  // the match clause's index in the command
  std::string method;        // kStableMethod or kOptimalMethod
  std::string left_type, left_state, right_type, right_state;
  std::vector<std::string> lefts, rights;  // case ids in id order: the dense ids are positions here
  // capacity: the places open to this run, 0 for a right closed for its minimum; places: each
  // kept preference's place in the ranking
  matching::Instance instance;
  std::vector<std::uint32_t> minimum;    // per right, the fewest it takes if any; empty: no minimum
  std::vector<matching::Closed> closed;  // rights not formed, fewer than their minimum joining
  // Per left: the choices left out of the instance, as (1-based place, why) in ranking order.
  std::vector<std::vector<std::pair<std::uint32_t, std::string>>> set_aside;
  matching::Matching result;
  std::size_t blocking_pairs = 0;
  std::vector<std::string> flags;         // what staff should know about the inputs
  std::vector<std::string> explanations;  // per left, plain words
  std::vector<std::string> right_notes;   // per right, plain words
  // Left cases of the edition the run did not consider: in a state that is not final and that no
  // match clause of the command runs on (recorded by the first clause for its left type only).
  struct LeftOut {
    std::string id, state;
    std::string why;          // the workflow's words for the state (`explain`), "" when it gives none
    std::string explanation;  // plain words, as on the case
  };
  std::vector<LeftOut> left_out;

  nlohmann::json to_json() const;
  // Corruption naming what is missing or out of range.
  static Result<MatchingRecord> from_json(const nlohmann::json& json);
};

// Runs the record's method on its instance with the places it was given, closing the rights that
// stay under their minimum (engine/matching/minimum.hpp): sets `instance.capacity` and `closed`.
matching::Matching run_method(MatchingRecord& record);

// "1st", "2nd", "3rd", "4th", "11th", "21st"...
std::string ordinal(std::uint32_t n);

// The last part of a case id ("rossi" for "unimi-2025/mentor_application/rossi").
std::string short_id(const std::string& case_id);

}  // namespace mentorflow::engine::matching
