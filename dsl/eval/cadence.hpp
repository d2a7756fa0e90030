#pragma once
// What a `cadence INPUT MIN..MAX` clause means (docs/LANGUAGE.md, "Calendar durations"): this
// time's date lies within MIN..MAX of the previous one, counted as a person counts (previous +
// MIN <= this <= previous + MAX, calendar days at the same local time in the edition's zone), and
// the sentence a flag or a refusal says when it does not.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "dsl/model/model.hpp"
#include "dsl/model/program.hpp"
#include "dsl/time/duration.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

// Whether `value` (a date or date-time) lies in previous + min .. previous + max. `edition_zone`
// may be empty (see calendar_zone). False when the two are not of one kind.
bool cadence_within(const Value& previous, const Value& value, const Duration& min, const Duration& max,
                    const std::string& edition_zone);

// The gap from `previous` to `value` as a person counts it (dates: whole days).
std::optional<Duration> cadence_gap(const Value& previous, const Value& value, const std::string& edition_zone);
// The previous value from what CadenceRecorded keeps: this time's value and the elapsed seconds
// since the previous one; nullopt unless a date or a date-time.
std::optional<Value> cadence_previous(const Value& value, std::int64_t gap_seconds);

// A cadence input's value as stored (a date-time or a date); nullopt for anything else.
std::optional<Value> cadence_value_from_json(const nlohmann::json& json);

// The cadence clause of case type `type` on input `input`, or nullptr.
const CadenceClause* find_cadence(const CaseTypeSpec& type, std::string_view input);

// "held_on came 5 weeks after the previous one; expected 3 to 4 weeks" ("... 2 days before the
// previous one" for a date earlier than the previous one); without `clause`, no expected range.
// With `program`, bounds the designer wrote as literals or parameters are said in their own unit,
// and the gap in it too ("came 35 days after ...; expected 14 to 28 days"; docs/LANGUAGE.md, "How
// durations are shown").
std::string cadence_flag_text(std::string_view input, const Duration& gap, const CadenceClause* clause,
                              const Program* program = nullptr);
// "held_on comes 1 week after the previous one; it must be 3 to 4 weeks", worded as above.
std::string cadence_refusal_text(std::string_view input, const Duration& gap, const CadenceClause& clause,
                                 const Program& program);

}  // namespace mentorflow::dsl
