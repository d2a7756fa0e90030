// mentorflow ics: a case's meetings as an iCalendar file, for a participant's calendar.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "engine/calendar/ics.hpp"
#include "engine/case_name.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow ics --store DIR|postgresql://... CASE > meetings.ics\n"
    "\n"
    "Prints the meetings of CASE (EDITION/TYPE/ID, a mentorship say) as an iCalendar file\n"
    "(RFC 5545): one event per counted command dated by one of its inputs (log_meeting with\n"
    "held_on), in UTC, lasting its duration input (length); X-WR-TIMEZONE names the edition's\n"
    "zone, for calendar programs to show the times in. The same log gives the same file:\n"
    "each event's UID names the case, counter and number, and DTSTAMP is when it was logged.\n"
    "Read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow ics --store store unimi-2025/mentorship/anna > anna.ics\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n";

int run_ics(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store"}, {}}, error);
  if (!args) return usage_error("ics", error);
  if (args->positionals().size() != 1) return usage_error("ics", "name exactly one CASE");
  const std::string& case_name = args->positionals()[0];
  int exit_code = kExitOk;
  auto session = open_engine(*args, "ics", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto state = session->engine->load(session->privacy.pseudonyms->question(case_name));
  if (!state.is_ok()) return report(state.status());
  auto definition = session->engine->definition_of_case(*state);  // migrated cases run under another
  if (!definition.is_ok()) return report(definition.status());
  auto name = engine::parse_case_name(case_name);
  if (!name.is_ok()) return report(name.status());
  auto calendar = engine::calendar::meetings_calendar(session->log(), **definition, *name);
  if (!calendar.is_ok()) return report(calendar.status());
  fmt::print("{}", *calendar);
  return kExitOk;
}

const Registration registration({"ics", "print a case's meetings as an iCalendar (.ics) file", kHelp, run_ics});

}  // namespace
}  // namespace mentorflow::cli
