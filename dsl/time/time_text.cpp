#include "dsl/time/time_text.hpp"

#include <fmt/core.h>

#include <cctype>

#include "dsl/time/civil_time.hpp"
#include "dsl/time/duration.hpp"
#include "dsl/time/time_zone.hpp"

namespace mentorflow::dsl {

namespace {

// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> digits_at(std::string_view s, std::size_t& pos, int digits) {
  if (pos + digits > s.size()) return std::nullopt;
  int n = 0;
  for (int i = 0; i < digits; ++i) {
    const char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  pos += digits;
  return n;
}

bool eat(std::string_view s, std::size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

std::optional<std::int64_t> date_at(std::string_view s, std::size_t& pos) {
  auto y = digits_at(s, pos, 4);
  if (!y || !eat(s, pos, '-')) return std::nullopt;
  auto m = digits_at(s, pos, 2);
  if (!m || !eat(s, pos, '-')) return std::nullopt;
  auto d = digits_at(s, pos, 2);
  if (!d || !is_valid_date(*y, *m, *d)) return std::nullopt;
  return days_from_civil(*y, *m, *d);
}

struct WallClock {
  std::int64_t days = 0;
  int hour = 0, minute = 0, second = 0;
  std::int64_t micros = 0;
};

std::string format_fraction(std::int64_t micros) {
  if (micros == 0) return {};
  std::string f = fmt::format(".{:06}", micros);
  while (f.back() == '0') f.pop_back();
  return f;
}

WallClock wall_clock(std::int64_t local_micros) {
  const std::int64_t seconds = floor_div(local_micros, kMicrosPerSecond);
  const std::int64_t days = floor_div(seconds, kSecondsPerDay);
  const std::int64_t in_day = seconds - days * kSecondsPerDay;
  return {days, static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60),
          local_micros - seconds * kMicrosPerSecond};
}

std::int64_t offset_seconds(std::int64_t utc_micros, const std::string& zone) {
  const TimeZone* z = TimeZone::find(zone);
  return z ? z->offset_at(floor_div(utc_micros, kMicrosPerSecond)) : 0;
}

}  // namespace

std::optional<Duration> duration_of(std::int64_t amount, std::string_view unit) {
  std::int64_t days = 0, seconds = 0;
  if (unit == "s") seconds = 1;
  else if (unit == "min") seconds = 60;
  else if (unit == "h") seconds = 3600;
  else if (unit == "d" || unit == "day" || unit == "days") days = 1;
  else if (unit == "w" || unit == "week" || unit == "weeks") days = 7;
  else return std::nullopt;
  Duration d;
  if (__builtin_mul_overflow(amount, days, &d.days) || __builtin_mul_overflow(amount, seconds, &d.seconds) || !fits(d))
    return std::nullopt;
  return d;
}

std::string format_date(std::int64_t days) {
  const CivilDate c = civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

namespace {

std::string clock_text(std::int64_t local_seconds) {
  const std::int64_t in_day = local_seconds - floor_div(local_seconds, kSecondsPerDay) * kSecondsPerDay;
  return fmt::format("{:02}:{:02}", in_day / 3600, in_day / 60 % 60);
}

std::string offset_text(std::int64_t offset) {
  const std::int64_t a = offset < 0 ? -offset : offset;
  std::string s = fmt::format("{}{:02}:{:02}", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  // Before standard time a zone's offset may hold seconds (Bucharest's local mean time, +01:44:24):
  // written to the second, as java.time does, since an offset cut to the minute would not agree
  // with the zone when read back.
  if (a % 60 != 0) s += fmt::format(":{:02}", a % 60);
  return s;
}

// The UTC instant at which `z` changes from `before` to its next offset, searched within a day of
// `utc` (the change is the only one that close).
std::int64_t change_near(const TimeZone& z, std::int64_t utc, std::int64_t before) {
  std::int64_t lo = utc - kSecondsPerDay, hi = utc + kSecondsPerDay;  // offset_at(lo) == before
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (z.offset_at(mid) == before ? lo : hi) = mid;
  }
  return hi;
}

}  // namespace

std::string format_datetime(std::int64_t utc_micros, const std::string& zone) {
  const WallClock w = wall_clock(utc_micros + offset_seconds(utc_micros, zone) * kMicrosPerSecond);
  std::string s = fmt::format("{} {:02}:{:02}", format_date(w.days), w.hour, w.minute);
  if (w.second != 0 || w.micros != 0) s += fmt::format(":{:02}{}", w.second, format_fraction(w.micros));
  return s + " " + zone;
}

std::string format_datetime_json(std::int64_t utc_micros, const std::string& zone) {
  const std::int64_t offset = offset_seconds(utc_micros, zone);
  const WallClock w = wall_clock(utc_micros + offset * kMicrosPerSecond);
  std::string s = fmt::format("{}T{:02}:{:02}:{:02}{}", format_date(w.days), w.hour, w.minute, w.second,
                              format_fraction(w.micros));
  if (offset == 0 && zone == "UTC") return s + "Z";
  return s + offset_text(offset) + "[" + zone + "]";
}

namespace {

struct Unit {
  std::int64_t size;
  const char* one;
  const char* many;
  const char* word;  // singular, in words
};
constexpr Unit kCalendarUnits[] = {{7, "week", "weeks", "week"}, {1, "day", "days", "day"}};
constexpr Unit kElapsedUnits[] = {{3600, "h", "h", "hour"}, {60, "min", "min", "minute"}, {1, "s", "s", "second"}};

// One part in its largest whole unit ("3weeks", "-90min").
template <std::size_t N>
std::string format_part(std::int64_t amount, const Unit (&units)[N]) {
  for (const Unit& u : units)
    if (amount % u.size == 0) {
      const std::int64_t n = amount / u.size;
      return fmt::format("{}{}", n, n == 1 || n == -1 ? u.one : u.many);
    }
  return {};
}

// One part in words, largest units first ("1 week 2 days", "22 hours 30 minutes").
template <std::size_t N>
std::string part_words(std::int64_t amount, const Unit (&units)[N]) {
  std::string s;
  for (const Unit& u : units) {
    const std::int64_t n = amount / u.size;
    amount -= n * u.size;
    if (n != 0) s += fmt::format("{}{} {}{}", s.empty() ? "" : " ", n, u.word, n == 1 || n == -1 ? "" : "s");
  }
  return s;
}

}  // namespace

std::string format_duration(const Duration& d) {
  if (d.days == 0 && d.seconds == 0) return "0s";
  std::string s = d.days != 0 ? format_part(d.days, kCalendarUnits) : "";
  if (d.seconds != 0) {
    if (!s.empty()) s += ' ';
    s += format_part(d.seconds, kElapsedUnits);
  }
  return s;
}

std::string duration_words(const Duration& d) {
  if (d.days == 0 && d.seconds == 0) return "0 days";
  std::string s = part_words(d.days, kCalendarUnits);
  if (d.seconds != 0) {
    if (!s.empty()) s += ' ';
    s += part_words(d.seconds, kElapsedUnits);
  }
  return s;
}

std::string duration_range_words(const Duration& lo, const Duration& hi) {
  auto in_one_unit = [&](const auto& units) -> std::string {
    const bool calendar = &units[0] == &kCalendarUnits[0];
    const std::int64_t a = calendar ? lo.days : lo.seconds, b = calendar ? hi.days : hi.seconds;
    if ((calendar ? lo.seconds : lo.days) != 0 || (calendar ? hi.seconds : hi.days) != 0 || a <= 0 || b <= 0) return {};
    for (const Unit& u : units)
      if (a % u.size == 0 && b % u.size == 0) return fmt::format("{} to {} {}s", a / u.size, b / u.size, u.word);
    return {};
  };
  if (std::string s = in_one_unit(kCalendarUnits); !s.empty()) return s;
  if (std::string s = in_one_unit(kElapsedUnits); !s.empty()) return s;
  return fmt::format("{} to {}", duration_words(lo), duration_words(hi));
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  std::size_t pos = 0;
  auto d = date_at(text, pos);
  return d && pos == text.size() ? d : std::nullopt;
}

std::optional<std::int64_t> local_to_utc_micros(std::int64_t days, int hour, int minute, int second,
                                                const std::string& zone) {
  const TimeZone* z = TimeZone::find(zone);
  if (!z) return std::nullopt;
  const std::int64_t local = days * kSecondsPerDay + hour * 3600 + minute * 60 + second;
  return z->to_utc(local) * kMicrosPerSecond;
}

std::string local_time_doubt(std::int64_t local_seconds, const std::string& zone, DoubtAdvice advice) {
  const TimeZone* z = TimeZone::find(zone);
  if (!z) return {};
  const TimeZone::Reading r = z->read(local_seconds);
  if (r.instants == 1) return {};
  const std::int64_t change = change_near(*z, r.earlier, r.offset_before);
  const std::string wall = format_datetime(local_seconds * kMicrosPerSecond, "UTC").substr(0, 16);
  const std::string from = clock_text(change + r.offset_before), to = clock_text(change + r.offset_after);
  if (r.instants == 0)
    return fmt::format("{} does not exist in {}: the clocks go forward from {} to {} that night", wall, zone, from, to);
  auto name = [&](std::int64_t utc) {
    return advice == DoubtAdvice::kOffset ? format_datetime_json(utc * kMicrosPerSecond, zone)
                                          : format_datetime(utc * kMicrosPerSecond, "UTC");
  };
  return fmt::format("{} happens twice in {} (the clocks go back from {} to {} that night): {}, {} for the first or {} "
                     "for the second",
                     wall, zone, from, to, advice == DoubtAdvice::kOffset ? "give its offset" : "write it in UTC",
                     name(r.earlier), name(r.later));
}

std::optional<ParsedDateTime> parse_datetime(std::string_view s, std::string* why) {
  auto explain = [&](std::string sentence) -> std::optional<ParsedDateTime> {
    if (why) *why = std::move(sentence);
    return std::nullopt;
  };
  std::size_t pos = 0;
  auto days = date_at(s, pos);
  if (!days) return std::nullopt;
  const bool language_form = eat(s, pos, ' ');
  if (!language_form && !eat(s, pos, 'T')) return std::nullopt;
  auto hour = digits_at(s, pos, 2);
  if (!hour || !eat(s, pos, ':')) return std::nullopt;
  auto minute = digits_at(s, pos, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  std::int64_t micros = 0;
  if (eat(s, pos, ':')) {
    auto sec = digits_at(s, pos, 2);
    if (!sec) return std::nullopt;
    second = *sec;
    if (eat(s, pos, '.')) {
      int n = 0;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) && n < 6)
        micros = micros * 10 + (s[pos++] - '0'), ++n;
      if (n == 0) return std::nullopt;
      while (n++ < 6) micros *= 10;
    }
  }
  if (*hour > 23 || *minute > 59 || second > 59) return std::nullopt;
  if (language_form) {  // "2021-10-07 12:30 Europe/Rome"
    if (!eat(s, pos, ' ')) return std::nullopt;
    std::string zone(s.substr(pos));
    auto utc = local_to_utc_micros(*days, *hour, *minute, second, zone);
    if (!utc) return std::nullopt;
    const std::int64_t wall = *days * kSecondsPerDay + *hour * 3600 + *minute * 60 + second;
    if (std::string doubt = local_time_doubt(wall, zone, DoubtAdvice::kOffset); !doubt.empty()) return explain(doubt);
    return ParsedDateTime{*utc + micros, zone};
  }
  const std::int64_t local = (*days * kSecondsPerDay + *hour * 3600 + *minute * 60 + second) * kMicrosPerSecond + micros;
  std::int64_t offset = 0;
  if (!eat(s, pos, 'Z')) {
    const bool negative = pos < s.size() && s[pos] == '-';
    if (!eat(s, pos, '+') && !eat(s, pos, '-')) return std::nullopt;
    auto oh = digits_at(s, pos, 2);
    if (!oh || !eat(s, pos, ':')) return std::nullopt;
    auto om = digits_at(s, pos, 2);
    if (!om) return std::nullopt;
    int os = 0;  // seconds, as format_datetime_json writes them for an offset that has some
    if (eat(s, pos, ':')) {
      auto sec = digits_at(s, pos, 2);
      if (!sec || *sec > 59) return std::nullopt;
      os = *sec;
    }
    offset = (*oh * 3600 + *om * 60 + os) * (negative ? -1 : 1);
  }
  const std::int64_t utc = local - offset * kMicrosPerSecond;
  std::string zone = "UTC";
  if (eat(s, pos, '[')) {
    const std::size_t close = s.find(']', pos);
    if (close == std::string_view::npos || close + 1 != s.size()) return std::nullopt;
    zone = std::string(s.substr(pos, close - pos));
    pos = close + 1;
    const TimeZone* z = TimeZone::find(zone);
    if (!z) return std::nullopt;
    if (const std::int64_t actual = z->offset_at(floor_div(utc, kMicrosPerSecond)); actual != offset) {
      const std::int64_t wall = floor_div(local, kMicrosPerSecond);
      if (z->read(wall).instants == 0) return explain(local_time_doubt(wall, zone, DoubtAdvice::kOffset));
      return explain(fmt::format("{} is not the offset of {} at that time ({} is)", offset_text(offset), zone, offset_text(actual)));
    }
  }
  if (pos != s.size()) return std::nullopt;
  return ParsedDateTime{utc, zone};
}

std::optional<Duration> parse_duration(std::string_view s) {
  // One or more terms ("1day", "-2h") separated by single spaces, as format_duration writes them.
  Duration total;
  std::size_t pos = 0;
  do {
    const bool negative = eat(s, pos, '-');
    std::int64_t n = 0;
    const std::size_t first = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) && pos - first < 12)
      n = n * 10 + (s[pos++] - '0');
    if (pos == first) return std::nullopt;
    const std::size_t unit_at = pos;
    while (pos < s.size() && std::isalpha(static_cast<unsigned char>(s[pos]))) ++pos;
    auto term = duration_of(negative ? -n : n, s.substr(unit_at, pos - unit_at));
    if (!term) return std::nullopt;
    auto sum = add(total, *term);
    if (!sum) return std::nullopt;
    total = *sum;
  } while (eat(s, pos, ' '));
  if (pos != s.size()) return std::nullopt;
  return total;
}

}  // namespace mentorflow::dsl
