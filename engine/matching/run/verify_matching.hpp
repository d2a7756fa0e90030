#pragma once
// `mentorflow verify` for matching runs: the run recorded in a MatchingRunRecorded is run again on
// the instance it recorded; the matches, the audit and the explanations must be the ones
// recorded. The instance itself is what the cases said at the time (their decisions are checked
// on their own); the cases the run left out must be exactly those the log had in a state the run
// did not consider, in the workflow's words. Read-only. Docs: docs/ENGINE.md, "Matching".
#include <map>
#include <optional>
#include <string>

#include "dsl/compile/definition.hpp"
#include "store/event.hpp"

namespace mentorflow::engine::matching {

// The problem with the MatchingRunRecorded `event`, one sentence, or nullopt when it holds.
// `definition`: the cohort's (null when it cannot be rebuilt: the left-out cases are then not
// checked); `states`: every stream's state just before the event (stream -> state).
std::optional<std::string> check_matching_run(const store::Event& event, const dsl::Definition* definition,
                                              const std::map<std::string, std::string>& states);

}  // namespace mentorflow::engine::matching
