#pragma once
// A matching run's outcome for one left case, in the words its own person may read. The engine's
// explanation (engine/matching/run/matching_words.hpp) says who filled each higher choice and why they came
// first, which names other applicants; this one says what the case obtained, at which place, and
// for each higher choice only why it could not be given (no place open, full, set aside).
#include <string>

#include "engine/matching/run/matching_record.hpp"

namespace mentorflow::api {

// "proposed rossi (2nd choice): 1st choice greco was full", "not matched: ranked no
// mentor_application"; empty when `run` does not list `left_case`.
std::string outcome_for(const engine::matching::MatchingRecord& run, const std::string& left_case);

}  // namespace mentorflow::api
