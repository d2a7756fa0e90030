// Reads TZif files (RFC 8536): the version 2+ block of 64-bit transitions, then the POSIX TZ
// footer that gives the rule for instants after the last transition.
#include "dsl/time/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>

#include "dsl/time/civil_time.hpp"

namespace mentorflow::dsl {

// A POSIX TZ rule ("CET-1CEST,M3.5.0,M10.5.0/3"), offsets as seconds east of UTC.
struct TimeZone::Rule {
  struct Date {
    char kind = 'M';  // 'J': Jn (1..365, no leap day), 'N': n (0..365), 'M': Mm.w.d
    int month = 0, week = 0, weekday = 0, day = 0;
  };
  std::int32_t std_offset = 0;
  bool has_dst = false;
  std::int32_t dst_offset = 0;
  Date start, end;
  std::int32_t start_time = 7200, end_time = 7200;  // local wall-clock seconds after midnight

  // Days since 1970 of `date` in year `y`.
  static std::int64_t day_of(const Date& date, int y) {
    if (date.kind == 'J') {
      int n = date.day;  // Feb 29 is never counted
      if (is_leap_year(y) && n >= 60) ++n;
      return days_from_civil(y, 1, 1) + n - 1;
    }
    if (date.kind == 'N') return days_from_civil(y, 1, 1) + date.day;
    const std::int64_t first = days_from_civil(y, date.month, 1);
    std::int64_t day = first + (date.weekday - weekday_from_days(first) + 7) % 7 + 7 * (date.week - 1);
    const std::int64_t last = first + days_in_month(y, date.month) - 1;
    while (day > last) day -= 7;  // week 5 means "the last"
    return day;
  }

  std::int32_t offset_at(std::int64_t utc) const {
    if (!has_dst) return std_offset;
    const int y = civil_from_days(floor_div(utc + std_offset, kSecondsPerDay)).year;
    const std::int64_t dst_begins = day_of(start, y) * kSecondsPerDay + start_time - std_offset;
    const std::int64_t dst_ends = day_of(end, y) * kSecondsPerDay + end_time - dst_offset;
    const bool in_dst = dst_begins < dst_ends ? (utc >= dst_begins && utc < dst_ends)
                                              : !(utc >= dst_ends && utc < dst_begins);
    return in_dst ? dst_offset : std_offset;
  }
};

namespace {

// ---- POSIX TZ strings ------------------------------------------------------------------------
class PosixParser {
 public:
  explicit PosixParser(std::string_view s) : s_(s) {}

  std::optional<TimeZone::Rule> parse() {
    TimeZone::Rule r;
    if (!name()) return std::nullopt;
    auto std_off = offset();
    if (!std_off) return std::nullopt;
    r.std_offset = -*std_off;  // POSIX counts west as positive
    if (at_end()) return r;
    if (!name()) return std::nullopt;
    r.has_dst = true;
    r.dst_offset = r.std_offset + 3600;
    if (!at_end() && peek() != ',') {
      auto dst_off = offset();
      if (!dst_off) return std::nullopt;
      r.dst_offset = -*dst_off;
    }
    if (at_end()) return std::nullopt;  // no default rule for zones without one
    if (!eat(',') || !date(r.start)) return std::nullopt;
    if (eat('/')) {
      auto t = offset();
      if (!t) return std::nullopt;
      r.start_time = *t;
    }
    if (!eat(',') || !date(r.end)) return std::nullopt;
    if (eat('/')) {
      auto t = offset();
      if (!t) return std::nullopt;
      r.end_time = *t;
    }
    return at_end() ? std::optional(r) : std::nullopt;
  }

 private:
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool name() {
    if (eat('<')) {
      while (!at_end() && peek() != '>') ++i_;
      return eat('>');
    }
    const std::size_t from = i_;
    while (std::isalpha(static_cast<unsigned char>(peek()))) ++i_;
    return i_ - from >= 3;
  }
  std::optional<int> number() {
    if (!std::isdigit(static_cast<unsigned char>(peek()))) return std::nullopt;
    int n = 0;
    while (std::isdigit(static_cast<unsigned char>(peek()))) n = n * 10 + (s_[i_++] - '0');
    return n;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  std::optional<std::int32_t> offset() {
    int sign = 1;
    if (eat('-')) sign = -1;
    else eat('+');
    auto h = number();
    if (!h) return std::nullopt;
    int seconds = *h * 3600;
    if (eat(':')) {
      auto m = number();
      if (!m) return std::nullopt;
      seconds += *m * 60;
      if (eat(':')) {
        auto sec = number();
        if (!sec) return std::nullopt;
        seconds += *sec;
      }
    }
    return sign * seconds;
  }
  bool date(TimeZone::Rule::Date& d) {
    if (eat('M')) {
      d.kind = 'M';
      auto m = number();
      if (!m || !eat('.')) return false;
      auto w = number();
      if (!w || !eat('.')) return false;
      auto wd = number();
      if (!wd) return false;
      d.month = *m, d.week = *w, d.weekday = *wd;
      return d.month >= 1 && d.month <= 12 && d.week >= 1 && d.week <= 5 && d.weekday <= 6;
    }
    d.kind = eat('J') ? 'J' : 'N';
    auto n = number();
    if (!n) return false;
    d.day = *n;
    return d.kind == 'J' ? (d.day >= 1 && d.day <= 365) : d.day <= 365;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// ---- TZif files ------------------------------------------------------------------------------
std::int64_t big_endian(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  if (bytes == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

bool safe_zone_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string_view::npos) return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+') return false;
  return true;
}

std::string tz_dir() {
  const char* dir = std::getenv("TZDIR");
  return dir && *dir ? dir : "/usr/share/zoneinfo";
}

std::optional<TimeZone> load(const std::string& name) {
  if (name == "UTC") return TimeZone(name, {}, {}, 0, {});
  if (!safe_zone_name(name)) return std::nullopt;
  // "Europe" names a directory of zones, not a zone: opening it succeeds and reading it throws.
  const std::string path = tz_dir() + "/" + name;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::string bytes;
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::ios_base::failure&) {
    return std::nullopt;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  constexpr std::size_t kHeader = 44;
  auto header_ok = [&](std::size_t at) { return at + kHeader <= size && bytes.compare(at, 4, "TZif") == 0; };
  if (!header_ok(0)) return std::nullopt;
  auto counts = [&](std::size_t at, std::int64_t out[6]) {
    for (int i = 0; i < 6; ++i) out[i] = big_endian(p + at + 20 + 4 * i, 4);
  };
  std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  const std::size_t v1_size = c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
  std::size_t at = kHeader + v1_size;
  int time_bytes = 8;
  if (bytes[4] == '\0') {  // version 1 only: 32-bit transitions, no footer
    at = 0;
    time_bytes = 4;
  } else if (!header_ok(at)) {
    return std::nullopt;
  }
  counts(at, c);
  std::size_t q = at + kHeader;
  const std::size_t data_size = c[3] * (time_bytes + 1) + c[4] * 6 + c[5] + c[2] * (time_bytes + 4) + c[1] + c[0];
  if (c[4] < 1 || q + data_size > size) return std::nullopt;
  std::vector<std::int64_t> transitions(c[3]);
  for (auto& t : transitions) t = big_endian(p + q, time_bytes), q += time_bytes;
  std::vector<int> type_of(c[3]);
  for (auto& t : type_of) t = p[q++];
  std::vector<std::int32_t> type_offsets(c[4]);
  for (auto& o : type_offsets) o = static_cast<std::int32_t>(big_endian(p + q, 4)), q += 6;
  std::vector<std::int32_t> offsets;
  for (int t : type_of) {
    if (t >= c[4]) return std::nullopt;
    offsets.push_back(type_offsets[t]);
  }
  std::vector<TimeZone::Rule> footer;
  if (time_bytes == 8) {
    q += c[5] + c[2] * 12 + c[1] + c[0];
    if (q < size && bytes[q] == '\n') {
      const std::size_t end = bytes.find('\n', q + 1);
      if (end != std::string::npos && end > q + 1)
        if (auto rule = PosixParser(std::string_view(bytes).substr(q + 1, end - q - 1)).parse()) footer.push_back(*rule);
    }
  }
  return TimeZone(name, std::move(transitions), std::move(offsets), type_offsets[0], std::move(footer));
}

std::vector<std::string> read_zone_names() {
  std::vector<std::string> names{"UTC"};
  std::ifstream in(tz_dir() + "/zone1970.tab");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string codes, coordinates, zone;
    if (std::getline(fields, codes, '\t') && std::getline(fields, coordinates, '\t') && std::getline(fields, zone, '\t'))
      names.push_back(zone);
  }
  return names;
}

}  // namespace

TimeZone::TimeZone(std::string name, std::vector<std::int64_t> transitions, std::vector<std::int32_t> offsets,
                   std::int32_t initial_offset, std::vector<Rule> footer)
    : name_(std::move(name)),
      transitions_(std::move(transitions)),
      offsets_(std::move(offsets)),
      initial_offset_(initial_offset),
      footer_(std::move(footer)) {}
TimeZone::~TimeZone() = default;
TimeZone::TimeZone(TimeZone&&) noexcept = default;
TimeZone& TimeZone::operator=(TimeZone&&) noexcept = default;

const TimeZone* TimeZone::find(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<TimeZone>, std::less<>> zones;  // nullptr: known missing
  std::lock_guard lock(mutex);
  auto it = zones.find(name);
  if (it == zones.end()) {
    auto zone = load(std::string(name));
    it = zones.emplace(std::string(name), zone ? std::make_unique<TimeZone>(std::move(*zone)) : nullptr).first;
  }
  return it->second.get();
}

const std::vector<std::string>& TimeZone::known_names() {
  static const std::vector<std::string> names = read_zone_names();
  return names;
}

std::int64_t TimeZone::offset_at(std::int64_t utc) const {
  if (transitions_.empty() || utc < transitions_.front()) {
    if (transitions_.empty() && !footer_.empty()) return footer_.front().offset_at(utc);
    return initial_offset_;
  }
  if (utc >= transitions_.back() && !footer_.empty()) return footer_.front().offset_at(utc);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc);
  return offsets_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

TimeZone::Reading TimeZone::read(std::int64_t local) const {
  // Transitions are far more than two days apart, so the offsets a day either side are the only
  // candidates.
  const std::int64_t before = offset_at(local - kSecondsPerDay), after = offset_at(local + kSecondsPerDay);
  Reading r;
  r.offset_before = before;
  r.offset_after = after;
  r.instants = 0;
  for (std::int64_t off : {before, after}) {
    const std::int64_t utc = local - off;
    if (offset_at(utc) != off || (r.instants == 1 && utc == r.earlier)) continue;
    if (r.instants == 0) {
      r.earlier = r.later = utc;
    } else {
      r.earlier = std::min(r.earlier, utc);
      r.later = std::max(r.later, utc);
    }
    ++r.instants;
  }
  if (r.instants == 0) r.earlier = r.later = local - before;  // in a gap: read with the offset before it
  return r;
}

std::int64_t TimeZone::to_utc(std::int64_t local) const { return read(local).earlier; }

}  // namespace mentorflow::dsl
