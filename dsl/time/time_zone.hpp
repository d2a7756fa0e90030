#pragma once
// IANA time zones read from the system tz database (TZif files under $TZDIR, default
// /usr/share/zoneinfo), so "2021-10-07 12:30 Europe/Rome" becomes an exact UTC instant and back.
// Why not <chrono>: g++ 12's libstdc++ has no std::chrono::locate_zone. Why not Howard Hinnant's
// date/tz (Debian's libhowardhinnant-date-dev 3.0.1 with libdate-tz3, built with USE_OS_TZDB),
// measured: it ignores the POSIX rule at the end of each TZif file, so past the file's last
// transition (2037) Rome has no summer time (2060-07-01 12:00 reads as +01:00, not +02:00); it
// ignores $TZDIR; it walks the whole zoneinfo tree on first use (about 4 ms a process); and in a
// spring gap it gives the transition instant, where the language moves the time forward by the
// gap (to_utc below). TZif (RFC 8536) is small: transitions, then a POSIX TZ rule for the times
// after the last one.
//
// Zones are loaded once and kept for the life of the process; find() is thread-safe and the
// returned zone is immutable.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mentorflow::dsl {

class TimeZone {
 public:
  // The zone named `name` ("Europe/Rome", "UTC"), or nullptr when the database has no such zone.
  static const TimeZone* find(std::string_view name);

  // Every zone name the database lists (zone1970.tab, plus "UTC"), for "did you mean" notes.
  static const std::vector<std::string>& known_names();

  const std::string& name() const { return name_; }

  // Offset from UTC, in seconds, in force at the UTC instant `utc` (seconds since 1970).
  std::int64_t offset_at(std::int64_t utc) const;

  // The UTC instant of wall-clock time `local` (seconds since 1970 as if local were UTC). In a gap
  // (spring forward) the time is read with the offset before the gap, so it moves forward by the
  // gap (02:30 becomes 03:30 when clocks go from 02:00 to 03:00); when ambiguous (fall back), the
  // earlier instant. Calendar durations rely on both (dsl/time/calendar.hpp).
  std::int64_t to_utc(std::int64_t local) const;

  // How wall-clock time `local` reads in the zone: as one instant, as none (it falls in a spring-
  // forward gap), or as two (an autumn overlap). Inputs refuse the last two (a person must not be
  // given an hour they did not mean); calendar arithmetic uses to_utc's choice instead.
  struct Reading {
    int instants = 1;            // 0, 1 or 2
    std::int64_t earlier = 0;    // the instant; with 2, the first one (UTC seconds)
    std::int64_t later = 0;      // with 2, the second one; else earlier
    std::int64_t offset_before = 0, offset_after = 0;  // around the change (0 and 2 instants)
  };
  Reading read(std::int64_t local) const;

  struct Rule;  // a POSIX TZ rule (the TZif footer), private to time_zone.cpp

  TimeZone(std::string name, std::vector<std::int64_t> transitions, std::vector<std::int32_t> offsets,
           std::int32_t initial_offset, std::vector<Rule> footer);
  ~TimeZone();
  TimeZone(TimeZone&&) noexcept;
  TimeZone& operator=(TimeZone&&) noexcept;

 private:
  std::string name_;
  std::vector<std::int64_t> transitions_;  // UTC instants, ascending
  std::vector<std::int32_t> offsets_;      // offset in force from transitions_[i]
  std::int32_t initial_offset_ = 0;        // before the first transition
  std::vector<Rule> footer_;               // zero or one rule, for instants after the last transition
};

}  // namespace mentorflow::dsl
