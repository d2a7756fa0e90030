#pragma once
// A matching run in plain words: per left case what it got and why not a higher choice, per right
// case whom it took, and a one-line summary. Built from the record alone, so history and the
// command itself say the same thing. Design: docs/ENGINE.md, "Matching".
#include <string>

#include "engine/matching/run/matching_record.hpp"

namespace mentorflow::engine::matching {

// Fills record.explanations and record.right_notes from its instance, result and set-aside
// choices, and the explanation of each case it left out.
void explain(MatchingRecord& record);

// Why a right closed for its minimum took no one: "was not formed: 1 would have joined, it takes
// no fewer than 2".
std::string not_formed(const MatchingRecord& record, const matching::Closed& closed);
// What staff are told of it: "ro-2 was not formed: ...".
std::string closed_flag(const MatchingRecord& record, const matching::Closed& closed);

// What staff are told of a left case the run left out: "neri stated no preferences ('met', not
// 'ranked')", or without the workflow's words "neri is 'met', not 'ranked'".
std::string left_out_flag(const MatchingRecord& record, const MatchingRecord::LeftOut& out);

// "stable matching of mentee_application in 'ranked' with mentor_application in 'met': 3 of 4
// matched, total satisfaction 7; no blocking pair"
std::string summary(const MatchingRecord& record);

}  // namespace mentorflow::engine::matching
