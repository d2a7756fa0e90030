// mentorflow retention: whose personal data the editions' `retention` says is due for erasure,
// and whom a legal hold keeps (docs/PRIVACY.md, "Retention and legal holds").
#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "cli/command.hpp"
#include "cli/engine_command.hpp"
#include "cli/store_command.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/engine.hpp"
#include "engine/erasure.hpp"
#include "engine/records/retention.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow retention --store DIR|postgresql://... [--at DATETIME] [--json]\n"
    "       mentorflow retention --store DIR|postgresql://... --erase --as ROLE:USER --reason TEXT [--now T]\n"
    "\n"
    "Lists the people whose personal data is due for erasure at DATETIME (default: now): every\n"
    "edition they are a party of has closed and its `retention` (its rules file) has passed. An\n"
    "edition closes at the later of its last date (the latest date among its parameters) and the\n"
    "last event of its cases; its data is due from the day after the closing day plus the\n"
    "retention. People a legal hold keeps (`mentorflow hold` on a case they are a party of, or\n"
    "whose events name them) are listed apart, with the case, the reason and who placed it. An\n"
    "edition without `retention` keeps its people until they are erased by hand. Read-only.\n"
    "\n"
    "With --erase, every person due is erased as `mentorflow erase` erases one (a privacy role,\n"
    "`privacy dpo`, of their editions; the reason is kept in the log, naming nobody). Everyone is\n"
    "checked before the first is erased: a refusal erases nobody. It judges now, not --at. Run it\n"
    "from a timer (systemd,\n"
    "cron): docs/PRIVACY.md, \"Retention and legal holds\".\n"
    "\n"
    "example:\n"
    "  mentorflow retention --store store --at '2031-05-02 09:00 Europe/Rome'\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store\n"
    "  --at DATETIME                 the time to judge at, e.g. '2031-05-02 09:00 Europe/Rome'\n"
    "  --json                        print {at, editions, due, held} as JSON\n"
    "  --erase                       erase every person due\n"
    "  --as ROLE:USER                with --erase: the data-protection officer, e.g. dpo:paola\n"
    "  --reason TEXT                 with --erase: why, e.g. \"the editions' retention has passed\"\n"
    "  --now T                       the time to judge at and record (default: now), for rehearsals\n";

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
  std::map<std::string, std::string> zones;  // a hold is told in its case's edition's zone
  for (const engine::EditionRetention& r : report.editions) zones[r.edition] = r.zone;
  for (const engine::RetainedSubject& p : report.held)
    for (const engine::LegalHoldOn& h : p.holds)
      fmt::print("  {} (due since {}): {} held since {} by {}: {}\n", p.user, dsl::format_date(p.due_since),
                 h.case_name, dsl::format_datetime(h.at, zones[h.case_name.substr(0, h.case_name.find('/'))]), h.by,
                 h.reason);
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

// Erases every person of `due` as `actor` (their role a privacy role), each planned before the
// first is erased, so that a refusal erases nobody. Prints a line per person.
int erase_due(EngineSession& session, const engine::RetentionReport& due, const store::Actor& actor,
              const std::string& reason) {
  if (!session.privacy.subjects)
    return report(Status::refused("this store keeps user ids in clear (it was made without a master key): it holds "
                                  "no key or pseudonym of anyone to erase"));
  store::Subjects& subjects = *session.privacy.subjects;
  std::vector<std::pair<std::string, engine::ErasurePlan>> plans;
  for (const engine::RetainedSubject& p : due.due) {
    const std::optional<std::string> user = subjects.user(p.user);
    if (!user) continue;  // erased meanwhile
    auto plan = engine::plan_erasure(*session.engine, subjects, {*user, actor.role, reason, {}});
    if (!plan.is_ok()) return report(plan.status());
    plans.emplace_back(*user, std::move(*plan));
  }
  auto dpo = session.privacy.pseudonyms->actor(actor, true);
  if (!dpo.is_ok()) return report(dpo.status());
  for (const auto& [user, plan] : plans) {
    auto erased = engine::erase_subject(*session.engine, subjects, plan, *dpo);
    if (!erased.is_ok()) return report(erased.status());
    fmt::print("erased {} (SubjectErased at position {}): {} case{}\n", user, erased->position, erased->cases.size(),
               erased->cases.size() == 1 ? "" : "s");
  }
  fmt::print("{} {} erased; {} held\n", plans.size(), plans.size() == 1 ? "person" : "people", due.held.size());
  return kExitOk;
}

int run_retention(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, {{"--store", "--at", "--as", "--reason", "--now"}, {"--json", "--erase"}}, error);
  if (!args) return usage_error("retention", error);
  const bool erase = args->has("--erase");
  std::optional<store::Actor> actor;
  if (erase) {
    const auto as = args->get("--as");
    if (!as) return usage_error("retention", "--erase needs --as ROLE:USER, a privacy role such as dpo");
    actor = parse_actor(*as);
    if (!actor) return usage_error("retention", fmt::format("--as '{}' is not ROLE:USER", *as));
    if (!args->get("--reason")) return usage_error("retention", "--erase needs --reason TEXT: why the people are erased");
    if (args->has("--json")) return usage_error("retention", "--erase prints what it erased, not JSON");
    // A list may look ahead; an erasure happens now (a rehearsal moves the clock with --now).
    if (args->get("--at")) return usage_error("retention", "--erase erases those due now: leave out --at");
  } else if (args->get("--as") || args->get("--reason")) {
    return usage_error("retention", "--as and --reason go with --erase");
  }
  if (!args->positionals().empty()) return usage_error("retention", "takes no CASE or EDITION: it looks at every edition");
  std::optional<UtcMicros> at;
  if (auto text = args->get("--at")) {
    std::string why;
    at = parse_time(*text, &why);
    if (!at) return usage_error("retention", fmt::format("--at '{}' is not a date-time{}", *text, why.empty() ? "" : ": " + why));
  }
  int exit_code = kExitOk;
  auto session = open_engine(*args, "retention", erase ? StoreAccess::kWrite : StoreAccess::kRead, exit_code);
  if (!session) return exit_code;
  auto due = engine::subjects_due_for_erasure(*session->engine, at.value_or(session->clock->now()),
                                              session->privacy.subjects.get());
  if (!due.is_ok()) return report(due.status());
  sort_by_revealed(*due, *session->privacy.pseudonyms);
  if (erase) return erase_due(*session, *due, *actor, *args->get("--reason"));
  if (args->has("--json")) fmt::print("{}\n", engine::retention_json(*due).dump(2));
  else print_text(*due);
  return kExitOk;
}

const Registration registration({"retention", "list the people due for erasure, and those held", kHelp, run_retention});

}  // namespace
}  // namespace mentorflow::cli
