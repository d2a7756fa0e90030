#include "store/utc_time.hpp"

#include <fmt/core.h>

#include <chrono>

namespace mentorflow::store {

namespace {
constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd.ddddddZ";  // 'd' stands for a digit

int digits(std::string_view text, std::size_t at, std::size_t count) {
  int n = 0;
  for (std::size_t i = at; i < at + count; ++i) n = n * 10 + (text[i] - '0');
  return n;
}
}  // namespace

std::string format_utc(UtcMicros t) {
  using namespace std::chrono;
  const sys_time<microseconds> time{microseconds{t}};
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()), clock.hours().count(), clock.minutes().count(), clock.seconds().count(),
                     clock.subseconds().count());
}

std::optional<UtcMicros> parse_utc(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool want_digit = kShape[i] == 'd';
    if (want_digit ? (text[i] < '0' || text[i] > '9') : text[i] != kShape[i]) return std::nullopt;
  }
  const year_month_day date{year{digits(text, 0, 4)}, month{static_cast<unsigned>(digits(text, 5, 2))},
                            day{static_cast<unsigned>(digits(text, 8, 2))}};
  const int h = digits(text, 11, 2), m = digits(text, 14, 2), s = digits(text, 17, 2);
  if (!date.ok() || h > 23 || m > 59 || s > 59) return std::nullopt;
  const auto time = sys_days{date} + hours{h} + minutes{m} + seconds{s} + microseconds{digits(text, 20, 6)};
  return time.time_since_epoch().count();
}

}  // namespace mentorflow::store
