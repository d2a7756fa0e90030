#pragma once
// A duration as the designer wrote it (docs/LANGUAGE.md, "How durations are shown"): one literal,
// an amount and its unit (`14days`, `2w`, `90min`), kept beside the value because the value's word
// has no room for its unit (dsl/time/duration.hpp). Read back here to say it in words in that unit,
// so that `14days` reads "14 days" and never "2 weeks".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dsl/time/duration.hpp"

namespace mentorflow::dsl {

struct WrittenDuration {
  std::int64_t amount = 0;
  std::int64_t days = 0;     // one unit's calendar days (week 7, day 1), or 0
  std::int64_t seconds = 0;  // one unit's elapsed seconds (h 3600, min 60), or 0
  const char* word = "";     // the unit in words, singular: "week", "day", "hour", "minute"
};

// `text` read as one duration literal (amount and unit, no sign, no space); nullopt otherwise.
std::optional<WrittenDuration> read_written_duration(std::string_view text);
// Whether `text` is one duration literal whose value is `d`: its written text may stand for `d`.
bool written_as(std::string_view text, const Duration& d);
// In words, in its own unit: "14 days", "1 week", "90 minutes"; empty when `text` is no literal.
std::string written_words(std::string_view text);

// A range in words, each end in the unit it was written in when its text is given (empty: computed,
// worded by duration_words): "14 to 28 days", "14 days to 4 weeks"; with neither written, as
// duration_range_words ("3 to 4 weeks").
std::string range_words(const Duration& lo, const Duration& hi, std::string_view lo_text, std::string_view hi_text);
// `d` in words in the one calendar unit both ends of a range were written in, when it is a whole
// number of them ("36 days" against "14 to 28 days"); else duration_words ("5 weeks 1 day").
std::string words_like_range(const Duration& d, std::string_view lo_text, std::string_view hi_text);

}  // namespace mentorflow::dsl
