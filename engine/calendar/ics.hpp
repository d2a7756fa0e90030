#pragma once
// A case's meetings as an iCalendar file (RFC 5545), for a participant's calendar: one VEVENT per
// counted command dated by an input (`log_meeting` with `held_on`), lasting its duration input
// (`length`). Everything comes from the log, so the same log gives the same bytes: DTSTAMP is when
// the meeting was logged, not when the file is made, and each UID names the case, the counter and
// the meeting's number, so a calendar that imports the file again updates instead of duplicating.
#include <string>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "engine/case_name.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine::calendar {

// The calendar of the case `name` under `definition` (its edition's). NotFound when the case has
// no events; Corruption naming the position for a malformed event.
Result<std::string> meetings_calendar(const store::EventStore& store, const dsl::Definition& definition,
                                      const CaseName& name);

// RFC 5545 text escaping (backslash, semicolon, comma, newline) and line folding: CRLF endings,
// no line over 75 octets, continuation lines start with a space, never inside a UTF-8 character.
std::string ics_escape(std::string_view text);
std::string ics_fold(std::string_view line);

}  // namespace mentorflow::engine::calendar
