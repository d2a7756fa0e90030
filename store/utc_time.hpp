#pragma once
// Recorded times as text: RFC 3339 in UTC with exactly six fractional digits,
// "2025-03-01T09:30:00.000000Z", so that a time read back is the very same microsecond.
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"

namespace mentorflow::store {

// The text of `t`; for years 0000..9999, the range parse_utc accepts.
std::string format_utc(UtcMicros t);
// Parses exactly the form format_utc writes; nullopt for anything else, including impossible dates.
std::optional<UtcMicros> parse_utc(std::string_view text);

}  // namespace mentorflow::store
