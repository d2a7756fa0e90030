// The iCalendar export through the real CLI, checked line by line against RFC 5545's rules
// (CRLF, 75-octet folding, one VEVENT per meeting, UTC times, stable UIDs), and its folding and
// escaping on their own.
#include <catch2/catch.hpp>

#include <set>

#include "engine/calendar/ics.hpp"
#include "tests/engine/outputs_fixture.hpp"

using namespace mentorflow::testing;
using mentorflow::engine::calendar::ics_escape;
using mentorflow::engine::calendar::ics_fold;

namespace {

// The physical lines, each without its CRLF; fails if one ends otherwise.
std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);  // the last line ends with CRLF too
    const std::string line = text.substr(start, end - start);
    CHECK(line.find('\n') == std::string::npos);
    CHECK(line.find('\r') == std::string::npos);
    lines.push_back(line);
    start = end + 2;
  }
  return lines;
}

// Content lines, continuation lines (a leading space) joined back.
std::vector<std::string> unfold(const std::vector<std::string>& physical) {
  std::vector<std::string> lines;
  for (const std::string& l : physical) {
    if (!l.empty() && l[0] == ' ') {
      REQUIRE(!lines.empty());
      lines.back() += l.substr(1);
    } else {
      lines.push_back(l);
    }
  }
  return lines;
}

std::vector<std::string> values_of(const std::vector<std::string>& lines, const std::string& name) {
  std::vector<std::string> out;
  for (const std::string& l : lines)
    if (l.starts_with(name + ":")) out.push_back(l.substr(name.size() + 1));
  return out;
}

}  // namespace

TEST_CASE("a mentorship's meetings export as an iCalendar file", "[engine][cli]") {
  MieMentorship mie;
  auto r = mie.cli({"ics", mie.mentorship});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  const auto physical = physical_lines(r.out);
  for (const std::string& l : physical) CHECK(l.size() <= 75);
  const auto lines = unfold(physical);
  REQUIRE(lines.size() >= 2);
  CHECK(lines.front() == "BEGIN:VCALENDAR");
  CHECK(lines.back() == "END:VCALENDAR");
  CHECK(values_of(lines, "VERSION") == std::vector<std::string>{"2.0"});
  CHECK(values_of(lines, "PRODID").size() == 1);
  // The edition's zone (MIE 2021 declares none: its deadline's), for calendar programs to show the times in.
  CHECK(values_of(lines, "X-WR-TIMEZONE") == std::vector<std::string>{"Europe/Rome"});

  // Components nest properly and each event has what RFC 5545 requires.
  std::vector<std::string> open;
  int events = 0;
  std::set<std::string> in_event;
  for (const std::string& l : lines) {
    if (l.starts_with("BEGIN:")) {
      open.push_back(l.substr(6));
      if (l == "BEGIN:VEVENT") ++events, in_event.clear();
    } else if (l.starts_with("END:")) {
      REQUIRE(!open.empty());
      CHECK(open.back() == l.substr(4));
      if (l == "END:VEVENT") CHECK(in_event == std::set<std::string>{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"});
      open.pop_back();
    } else if (!open.empty() && open.back() == "VEVENT") {
      in_event.insert(l.substr(0, l.find(':')));
    }
  }
  CHECK(open.empty());
  CHECK(events == 6);  // the six meetings; the diaries are not meetings

  // Held at 18:00 in Rome (UTC+1 in winter, UTC+2 from 27 March), 90 minutes each.
  CHECK(values_of(lines, "DTSTART") == std::vector<std::string>{"20211124T170000Z", "20211218T170000Z",
                                                                "20220114T170000Z", "20220205T170000Z",
                                                                "20220302T170000Z", "20220330T160000Z"});
  CHECK(values_of(lines, "DTEND").front() == "20211124T183000Z");
  // DTSTAMP is when the meeting was logged (20:00 Rome the same day), not the time of export.
  CHECK(values_of(lines, "DTSTAMP").front() == "20211124T190000Z");
  const auto uids = values_of(lines, "UID");
  CHECK(std::set<std::string>(uids.begin(), uids.end()).size() == 6);
  CHECK(uids.front() == "mie-2021-mentorship-martina-meetings-1@mentorflow");
  CHECK(values_of(lines, "DESCRIPTION").front() ==
        "meetings 1 on mie-2021/mentorship/martina\\, logged by martina (student) with log_meeting");

  // The same log gives the same file.
  CHECK(mie.cli({"ics", mie.mentorship}).out == r.out);
}

TEST_CASE("ics names an unknown case and takes exactly one", "[engine][cli]") {
  MieMentorship mie;
  auto unknown = mie.cli({"ics", "mie-2021/mentorship/nobody"});
  CHECK(unknown.exit_code == 1);
  CHECK(contains(unknown.err, "there is no case 'mie-2021/mentorship/nobody'"));
  CHECK(mie.cli({"ics"}).exit_code == 2);
  CHECK(mie.cli({"ics", "nowhere/mentorship/x"}).exit_code == 1);
}

TEST_CASE("iCalendar text is escaped and folded at 75 octets, never inside a character", "[engine]") {
  CHECK(ics_escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne");
  CHECK(ics_fold("SHORT:x") == "SHORT:x\r\n");

  std::string value;
  for (int i = 0; i < 100; ++i) value += "é";  // two octets each
  const std::string folded = ics_fold("SUMMARY:" + value);
  const auto lines = physical_lines(folded);
  REQUIRE(lines.size() > 2);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i].size() <= 75);
    if (i == 0) continue;
    REQUIRE(lines[i][0] == ' ');
    CHECK((static_cast<unsigned char>(lines[i][1]) & 0xC0) != 0x80);  // starts a character
  }
  const std::string joined = unfold(lines).front();
  CHECK(joined == "SUMMARY:" + value);
}
