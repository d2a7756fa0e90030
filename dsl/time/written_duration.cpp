#include "dsl/time/written_duration.hpp"

#include <fmt/core.h>

#include <cctype>

#include "dsl/time/time_text.hpp"

namespace mentorflow::dsl {

namespace {

struct UnitName {
  std::string_view name;
  std::int64_t days, seconds;
  const char* word;
};
// The units a literal may be written in (duration_of), with the words duration_words uses.
constexpr UnitName kUnits[] = {
    {"w", 7, 0, "week"}, {"week", 7, 0, "week"}, {"weeks", 7, 0, "week"}, {"d", 1, 0, "day"},      {"day", 1, 0, "day"},
    {"days", 1, 0, "day"}, {"h", 0, 3600, "hour"}, {"min", 0, 60, "minute"}, {"s", 0, 1, "second"}};

std::string amount_words(std::int64_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

// Whether both texts are literals in one unit: that unit, else nullopt.
std::optional<WrittenDuration> one_unit(std::string_view lo_text, std::string_view hi_text) {
  const auto lo = read_written_duration(lo_text), hi = read_written_duration(hi_text);
  if (!lo || !hi || std::string_view(lo->word) != hi->word) return std::nullopt;
  return lo;
}

}  // namespace

std::optional<WrittenDuration> read_written_duration(std::string_view text) {
  std::size_t pos = 0;
  std::int64_t n = 0;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && pos < 12)
    n = n * 10 + (text[pos++] - '0');
  if (pos == 0) return std::nullopt;
  for (const UnitName& u : kUnits)
    if (text.substr(pos) == u.name) return WrittenDuration{n, u.days, u.seconds, u.word};
  return std::nullopt;
}

bool written_as(std::string_view text, const Duration& d) {
  const auto w = read_written_duration(text);
  return w && d == Duration{w->amount * w->days, w->amount * w->seconds};
}

std::string written_words(std::string_view text) {
  const auto w = read_written_duration(text);
  return w ? amount_words(w->amount, w->word) : std::string();
}

std::string range_words(const Duration& lo, const Duration& hi, std::string_view lo_text, std::string_view hi_text) {
  const bool lo_written = written_as(lo_text, lo), hi_written = written_as(hi_text, hi);
  if (!lo_written && !hi_written) return duration_range_words(lo, hi);
  if (lo_written && hi_written)
    if (const auto u = one_unit(lo_text, hi_text)) {
      const std::int64_t b = read_written_duration(hi_text)->amount;
      return fmt::format("{} to {}", u->amount, amount_words(b, u->word));
    }
  return fmt::format("{} to {}", lo_written ? written_words(lo_text) : duration_words(lo),
                     hi_written ? written_words(hi_text) : duration_words(hi));
}

std::string words_like_range(const Duration& d, std::string_view lo_text, std::string_view hi_text) {
  if (const auto u = one_unit(lo_text, hi_text); u && u->days != 0 && d.seconds == 0 && d.days % u->days == 0)
    return amount_words(d.days / u->days, u->word);
  return duration_words(d);
}

}  // namespace mentorflow::dsl
