#pragma once
// Which left cases a matching run leaves out, and in which words: the one rule shared by the run
// (engine/matching/run/matching_run.*) and by verify (engine/matching/run/verify_matching.*), so both find the same cases.
// Design: docs/ENGINE.md, "Matching".
#include <string>
#include <utility>
#include <vector>

#include "dsl/model/model.hpp"
#include "engine/matching/run/matching_record.hpp"

namespace mentorflow::engine::matching {

// Of `cases` (id and state of left cases, in id order), those in a state that is not final and that
// no match clause of `command` for the same left type runs on, each with the words the clause's
// `explain` gives its state (explanation left empty: matching_words fills it). Empty for every
// clause but the first of its left type, so each case is told once per command.
std::vector<MatchingRecord::LeftOut> left_out_of(const dsl::CommandSpec& command, dsl::Index clause_index,
                                                 const dsl::CaseTypeSpec& left,
                                                 const std::vector<std::pair<std::string, dsl::Index>>& cases);

}  // namespace mentorflow::engine::matching
