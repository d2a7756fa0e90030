#pragma once
// A matching run in plain words: per left case what it got and why not a higher choice, per right
// case whom it took, and a one-line summary. Built from the record alone, so history and the
// command itself say the same thing. Design: docs/ENGINE.md, "Matching".
#include <string>

#include "engine/matching_record.hpp"

namespace mentorflow::engine {

// Fills record.explanations and record.right_notes from its instance, result and set-aside choices.
void explain(MatchingRecord& record);

// "stable matching of mentee_application in 'ranked' with mentor_application in 'met': 3 of 4
// matched, total satisfaction 7; no blocking pair"
std::string summary(const MatchingRecord& record);

}  // namespace mentorflow::engine
