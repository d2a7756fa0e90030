#pragma once
// A recorded cadence flag (a CadenceRecorded payload outside its range) as a person reads it: the
// gap in calendar words, counted as the command counted it, and the range the definition expects:
// "held_on came 5 weeks after the previous one; expected 3 to 4 weeks". The payload keeps the
// elapsed seconds (its layout is frozen); the calendar gap is counted again from them.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dsl/compile/definition.hpp"

namespace mentorflow::engine {

// nullopt when the payload is not a flag (within its range, or the first value). `definition`
// (nullable) gives the expected range and the zone. A flag of a log written before gaps were
// counted in the calendar, which the calendar would not raise, says so.
std::optional<std::string> cadence_flag_text(const nlohmann::json& payload, const dsl::Definition* definition,
                                             const std::string& case_type);

}  // namespace mentorflow::engine
