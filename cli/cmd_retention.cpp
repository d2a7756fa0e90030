// mentorflow retention: whose personal data the editions' `retention` says is due for erasure,
// and whom a legal hold keeps (docs/PRIVACY.md, "Retention and legal holds").
#include <fmt/core.h>

#include <algorithm>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/engine.hpp"
#include "engine/records/retention.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow retention --store DIR|postgresql://... [--at DATETIME] [--json]\n"
    "\n"
    "Lists the people whose personal data is due for erasure at DATETIME (default: now): every\n"
    "edition they are a party of has closed and its `retention` (its rules file) has passed. An\n"
    "edition closes at the later of its last date (the latest date among its parameters) and the\n"
    "last event of its cases; its data is due from the day after the closing day plus the\n"
    "retention. People a legal hold keeps (`mentorflow hold`) are listed apart, with the case,\n"
    "the reason and who placed it. An edition without `retention` keeps its people until they are\n"
    "erased by hand. Read-only.\n"
    "\n"
    "example:\n"
    "  mentorflow retention --store store --at '2031-05-02 09:00 Europe/Rome'\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --at DATETIME                 the time to judge at, e.g. '2031-05-02 09:00 Europe/Rome'\n"
    "  --json                        print {at, editions, due, held} as JSON\n";

void print_text(const engine::RetentionReport& report) {
  for (const engine::EditionRetention& r : report.editions) {
    const std::string closed = fmt::format("closed {} ({})", dsl::format_date(r.closed_on), r.closed_by);
    if (!r.retention.set())
      fmt::print("{}: {}, no retention set: its people are kept until erased by hand\n", r.edition, closed);
    else
      fmt::print("{}: {}, retention {}: due from {}{}\n", r.edition, closed, dsl::retention_words(r.retention),
                 dsl::format_date(r.due_from), r.due_at <= report.at ? "" : " (not yet)");
  }
  fmt::print("due for erasure at {}: {} {}\n", dsl::format_datetime(report.at, "UTC"), report.due.size(),
             report.due.size() == 1 ? "person" : "people");
  for (const engine::RetainedSubject& p : report.due) {
    std::string cases;
    for (const std::string& c : p.cases) cases += (cases.empty() ? "" : ", ") + c;
    fmt::print("  {} (due since {}): {}\n", p.user, dsl::format_date(p.due_since), cases);
  }
  fmt::print("held: {} {}\n", report.held.size(), report.held.size() == 1 ? "person" : "people");
  for (const engine::RetainedSubject& p : report.held)
    for (const engine::LegalHoldOn& h : p.holds)
      fmt::print("  {} (due since {}): {} held since {} by {}: {}\n", p.user, dsl::format_date(p.due_since),
                 h.case_name, dsl::format_datetime(h.at, "UTC"), h.by, h.reason);
}

// The people and their cases in the order of the names staff know, as on a store with ids in clear
// (the engine sorts by the names the log holds: pseudonyms on a store with a master key).
void sort_by_revealed(engine::RetentionReport& report, const engine::Pseudonyms& pseudonyms) {
  if (!pseudonyms.active()) return;
  const auto by_name = [&](const std::string& a, const std::string& b) { return pseudonyms.reveal(a) < pseudonyms.reveal(b); };
  for (auto* list : {&report.due, &report.held}) {
    for (engine::RetainedSubject& p : *list) std::sort(p.cases.begin(), p.cases.end(), by_name);
    std::sort(list->begin(), list->end(),
              [&](const engine::RetainedSubject& a, const engine::RetainedSubject& b) { return by_name(a.user, b.user); });
  }
}

int run_retention(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--at"}, {"--json"}}, error);
  if (!args) return usage_error("retention", error);
  if (!args->positionals().empty()) return usage_error("retention", "takes no CASE or EDITION: it looks at every edition");
  std::optional<UtcMicros> at;
  if (auto text = args->get("--at")) {
    std::string why;
    at = parse_time(*text, &why);
    if (!at) return usage_error("retention", fmt::format("--at '{}' is not a date-time{}", *text, why.empty() ? "" : ": " + why));
  }
  int exit_code = kExitOk;
  auto session = open_engine(*args, "retention", StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto due = engine::subjects_due_for_erasure(*session->engine, at.value_or(session->clock->now()),
                                              session->privacy.subjects.get());
  if (!due.is_ok()) return report(due.status());
  sort_by_revealed(*due, *session->privacy.pseudonyms);
  if (args->has("--json")) fmt::print("{}\n", engine::retention_json(*due).dump(2));
  else print_text(*due);
  return kExitOk;
}

const Registration registration({"retention", "list the people due for erasure, and those held", kHelp, run_retention});

}  // namespace
}  // namespace mentorflow::cli
