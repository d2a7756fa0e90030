#pragma once
// What a case's participants did, read back from its stream: every accepted command that counted
// something (a meeting, a supervision session, a training module), with when it happened. Shared
// by the certificates (engine/certificates/certificate.hpp) and the calendar export (engine/calendar/ics.hpp), so both
// list the same meetings.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "engine/case_name.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine::calendar {

struct Activity {
  std::string counter;          // what was counted (`meetings`)
  std::int64_t number = 0;      // the counter's value after it: the 1st, 2nd... meeting
  std::string command;          // `log_meeting`
  UtcMicros at = 0;             // the command's first date-time input (`held_on`), else its recorded time
  bool dated_by_input = false;  // whether `at` came from an input
  // The command's first date input (`2025-11-05`) when it has no date-time input: the day it was
  // held, with no time of day. `at` is then still the recorded time.
  std::optional<std::string> on;
  std::optional<std::int64_t> length_seconds;  // the command's first duration input (`length`)
  std::uint64_t position = 0;   // of the CounterIncremented event
  UtcMicros recorded_at = 0;    // when the command was accepted
  store::Actor actor;           // who logged it
  bool operator==(const Activity&) const = default;
};

// The activities of the case `name` among its first `up_to_version` events (0: all), in log order.
// `definition` is the edition's, to know which inputs are date-times and durations. Corruption
// naming the position when an event of the stream is malformed.
Result<std::vector<Activity>> case_activities(const store::EventStore& store, const dsl::Definition& definition,
                                              const CaseName& name, std::uint64_t up_to_version = 0);

}  // namespace mentorflow::engine::calendar
