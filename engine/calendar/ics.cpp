#include "engine/calendar/ics.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "dsl/time/time_text.hpp"
#include "engine/calendar/case_activities.hpp"
#include "engine/edition_zone.hpp"

namespace mentorflow::engine::calendar {
namespace {

constexpr std::size_t kMaxOctets = 75;  // RFC 5545 3.1, CRLF not counted
constexpr std::int64_t kSecondsPerDay = 86400;

// `20211124T170000Z`: a UTC date-time (RFC 5545 3.3.5, form 2), whole seconds.
std::string ics_time(UtcMicros micros) {
  const std::int64_t seconds = micros >= 0 ? micros / 1'000'000 : -((-micros + 999'999) / 1'000'000);
  std::int64_t days = seconds / kSecondsPerDay, rest = seconds % kSecondsPerDay;
  if (rest < 0) rest += kSecondsPerDay, --days;
  std::string date = dsl::format_date(days);  // YYYY-MM-DD
  date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
  return fmt::format("{}T{:02}{:02}{:02}Z", date, rest / 3600, rest / 60 % 60, rest % 60);
}

// A UID's text: the case, the counter and the number, with anything but [A-Za-z0-9.-] as '-'.
std::string uid(const std::string& case_name, const Activity& a) {
  std::string id = fmt::format("{}-{}-{}", case_name, a.counter, a.number);
  for (char& c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) c = '-';
  return id + "@mentorflow";
}

}  // namespace

std::string ics_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else if (c != '\r') out += c;
  }
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  std::size_t room = kMaxOctets;
  while (line.size() > room) {
    std::size_t cut = room;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    room = kMaxOctets - 1;  // the leading space counts
  }
  out.append(line);
  out += "\r\n";
  return out;
}

Result<std::string> meetings_calendar(const store::EventStore& store, const dsl::Definition& definition,
                                      const CaseName& name) {
  const std::string case_name = name.stream();
  auto version = store.stream_version(case_name);
  if (!version.is_ok()) return version.status();
  if (*version == 0) return Status::not_found(fmt::format("there is no case '{}'", case_name));
  auto activities = case_activities(store, definition, name);
  if (!activities.is_ok()) return activities.status();

  std::string out;
  const auto line = [&](const std::string& text) { out += ics_fold(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//mentorflow//meetings//EN");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + ics_escape(fmt::format("{}: {}", definition.title(), case_name)));
  // Times stay UTC instants (no VTIMEZONE needed); calendar programs show them in the edition's zone.
  line("X-WR-TIMEZONE:" + ics_escape(edition_zone(&definition)));
  for (const Activity& a : *activities) {
    if (!a.dated_by_input && !a.on) continue;  // recorded, not held: a diary uploaded is no meeting
    line("BEGIN:VEVENT");
    line("UID:" + uid(case_name, a));
    line("DTSTAMP:" + ics_time(a.recorded_at));
    if (a.on) {
      // Held on a day, at no time: an all-day event (RFC 5545 3.6.1), which lasts the day.
      std::string day = *a.on;
      day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
      line("DTSTART;VALUE=DATE:" + day);
    } else {
      line("DTSTART:" + ics_time(a.at));
      if (a.length_seconds && *a.length_seconds > 0) line("DTEND:" + ics_time(a.at + *a.length_seconds * 1'000'000));
    }
    line("SUMMARY:" + ics_escape(fmt::format("{}: {} {}", definition.title(), a.counter, a.number)));
    line("DESCRIPTION:" + ics_escape(fmt::format("{} {} on {}, logged by {} ({}) with {}", a.counter, a.number,
                                                 case_name, a.actor.user, a.actor.role, a.command)));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace mentorflow::engine::calendar
