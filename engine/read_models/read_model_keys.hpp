#pragma once
// Internal to engine/: where the read models live in the store's views and how their values are
// written (docs/ENGINE.md, "Read models"). Every key starts with its model's prefix, so one model
// is one prefix scan and a replay can compare them all with one scan of everything.
#include <optional>
#include <string>
#include <string_view>

#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine::read_models::views {

inline constexpr std::string_view kSummaryPrefix = "case/";  // case/NAME -> summary (JSON)
inline constexpr std::string_view kStatePrefix = "state/";   // state/EDITION/TYPE/STATE/NAME -> ""
inline constexpr std::string_view kCountPrefix = "count/";   // count/EDITION/TYPE/STATE -> decimal
inline constexpr std::string_view kDuePrefix = "due/";       // due/UTC-TIME/NAME/TIMER-KEY -> ""
inline constexpr std::string_view kPartyPrefix = "party/";   // party/USER/NAME -> ""
inline constexpr std::string_view kEditionPrefix = "edition/";  // edition/NAME -> EditionSummary (JSON)
// The views' format: written with every write; views of another format are rebuilt by the next
// catch-up (they are a cache), so a new kind of read model needs no manual replay.
inline constexpr std::string_view kFormatKey = "format";
inline constexpr std::string_view kFormat = "2";

std::string summary_key(std::string_view case_name);
std::string state_key(std::string_view edition, std::string_view type, std::string_view state, std::string_view name);
std::string state_prefix(std::string_view edition, std::string_view type, std::string_view state);
std::string count_key(std::string_view edition, std::string_view type, std::string_view state);
std::string count_prefix(std::string_view edition);  // "count/EDITION/"
std::string due_key(UtcMicros due, std::string_view case_name, std::string_view timer_key);
std::string party_key(std::string_view user, std::string_view case_name);
std::string party_prefix(std::string_view user);  // "party/USER/"
std::string edition_key(std::string_view edition);

// The timer a due key names; nullopt if `key` is not one.
std::optional<DueTimer> parse_due_key(std::string_view key);
// The edition, type and state a count key names; nullopt if `key` is not one.
std::optional<StateCount> parse_count_key(std::string_view key, std::string_view value);

// A summary as canonical JSON text (the keys of CaseState's JSON form), and back; Corruption
// naming the case when the text is not a summary.
std::string encode_summary(const CaseSummary& summary);
Result<CaseSummary> decode_summary(std::string_view case_name, std::string_view text);
std::string encode_edition(const EditionSummary& edition);
Result<EditionSummary> decode_edition(std::string_view edition, std::string_view text);

}  // namespace mentorflow::engine::read_models::views
