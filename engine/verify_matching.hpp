#pragma once
// `mentorflow verify` for matching runs: the run recorded in a MatchingRunRecorded is run again on
// the instance it recorded; the matches, the audit and the explanations must be the ones
// recorded. The instance itself is what the cases said at the time (their decisions are checked
// on their own). Read-only. Docs: docs/ENGINE.md, "Matching".
#include <optional>
#include <string>

#include "store/event.hpp"

namespace mentorflow::engine {

// The problem with the MatchingRunRecorded `event`, one sentence, or nullopt when it holds.
std::optional<std::string> check_matching_run(const store::Event& event);

}  // namespace mentorflow::engine
