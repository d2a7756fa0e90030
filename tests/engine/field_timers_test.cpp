// Timers due at a case's own date (issue 14, item 4): `timer review at starts_on + 30days` is
// scheduled by the command that sets the field (none while it is unset), at 00:00 of the date in
// the edition's zone plus calendar days; moved (old cancelled, new scheduled) when the field
// changes; fired once; and what replay rebuilds. Through the real CLI on a real store.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliStore;
using mentorflow::testing::occurrences;
using mentorflow::testing::run_cli;

namespace {

constexpr const char* kFlow = R"(workflow mentoring "Reviews a month after the start" {
  participants mentee
  staff staff
  case mentorship {
    party mentee: mentee
    field starts_on: date
    field kickoff: optional datetime
    state active initial, reviewed final
    command join by mentee
    command start by staff from active
      fills starts_on
    command plan_call by staff from active
      fills kickoff
    command confirm_call by staff from active
      input call_at: datetime
      requires call_at >= datetime(starts_on) else "the call at {call_at} is before the start on {starts_on}"
    command review by system from active to reviewed
    timer first_review at starts_on + 30days do review
    timer call at kickoff remind mentee "the kick-off call is today"
  }
}
)";

// An edition (zone Europe/Rome) in a fresh store with one mentorship, opened on 10 February.
struct Mentoring : CliStore {
  std::string mentorship = "m/mentorship/anna";

  Mentoring() : CliStore("2025-02-10 10:00 Europe/Rome") {
    publish("m", kFlow, "rules for mentoring edition \"1\" {\n  zone Europe/Rome\n}\n", "m");
    run({"exec", "--as", "mentee:anna", "--now", "2025-02-10 10:00 Europe/Rome", mentorship, "join"});
  }
  // A call the test means to succeed: its output.
  std::string run(std::vector<std::string> args) const { return ok(cli(std::move(args))).out; }
  nlohmann::json state() const { return CliStore::state(mentorship); }
  std::string start(const std::string& date, const std::string& now) const {
    return run({"exec", "--as", "staff:office", "--now", now, mentorship, "start",
                "{\"starts_on\": \"" + date + "\"}"});
  }
};

}  // namespace

TEST_CASE("a field timer waits for its field, then is due at 00:00 of the date plus calendar days", "[engine][cli]") {
  Mentoring m;
  CHECK(m.state().at("timers").empty());
  CHECK(m.run({"export"}).find("TimerScheduled") == std::string::npos);

  // 1 March + 30 days crosses the change to summer time: still midnight, local time.
  m.start("2025-03-01", "2025-02-11 10:00 Europe/Rome");
  const std::string history = m.run({"history", m.mentorship});
  INFO(history);
  CHECK(history.find("timer first_review due 2025-03-31 00:00 Europe/Rome") != std::string::npos);
  CHECK(occurrences(history, "timer call due") == 0);  // kickoff is still unset
}

TEST_CASE("changing the field moves its timer, which fires once at the new date", "[engine][cli]") {
  Mentoring m;
  m.start("2025-03-01", "2025-02-11 10:00 Europe/Rome");
  m.start("2025-03-01", "2025-02-12 10:00 Europe/Rome");  // the same date: nothing moves
  m.start("2025-03-10", "2025-02-13 10:00 Europe/Rome");

  std::string history = m.run({"history", m.mentorship});
  INFO(history);
  CHECK(occurrences(history, "timer first_review due") == 2);
  CHECK(occurrences(history, "timer first_review cancelled") == 1);
  CHECK(history.find("timer first_review due 2025-04-09 00:00 Europe/Rome") != std::string::npos);

  CHECK(m.run({"tick", "--now", "2025-03-31 12:00 Europe/Rome"}).find("0 timers fired") != std::string::npos);
  m.run({"tick", "--now", "2025-04-09 00:00 Europe/Rome"});
  CHECK(m.state().at("state") == "reviewed");
  CHECK(m.run({"tick", "--now", "2025-05-01 00:00 Europe/Rome"}).find("0 timers fired") != std::string::npos);
  history = m.run({"history", m.mentorship});
  CHECK(occurrences(history, "timer first_review fired") == 1);
}

TEST_CASE("a datetime field timer counts from the instant, and replay rebuilds the same state", "[engine][cli]") {
  Mentoring m;
  m.run({"exec", "--as", "staff:office", "--now", "2025-02-11 10:00 Europe/Rome", m.mentorship, "plan_call",
         "{\"kickoff\": \"2025-02-20T18:30:00+01:00[Europe/Rome]\"}"});
  CHECK(m.run({"history", m.mentorship}).find("timer call due 2025-02-20 18:30 Europe/Rome") != std::string::npos);
  const std::string before = m.run({"state", m.mentorship});
  m.run({"replay"});
  CHECK(m.run({"state", m.mentorship}) == before);
  m.run({"tick", "--now", "2025-02-20 18:30 Europe/Rome"});
  CHECK(m.run({"history", m.mentorship}).find("reminded mentee: the kick-off call is today") != std::string::npos);
}

TEST_CASE("datetime(date) is 00:00 of the date in the edition's zone", "[engine][cli]") {
  Mentoring m;
  m.start("2025-03-01", "2025-02-11 10:00 Europe/Rome");
  auto confirm = [&](const std::string& at) {
    return run_cli({"exec", "--store", m.store, "--as", "staff:office", "--now", "2025-02-12 10:00 Europe/Rome",
                    m.mentorship, "confirm_call", "{\"call_at\": \"" + at + "\"}"});
  };
  // 23:30 UTC on 28 February is already 1 March in Rome; 23:30 in Rome is not.
  auto early = confirm("2025-02-28T23:30:00+01:00[Europe/Rome]");
  CHECK(early.exit_code == 1);
  CHECK(early.err.find("is before the start on 2025-03-01") != std::string::npos);
  CHECK(confirm("2025-02-28T23:30:00Z").exit_code == 0);
}

TEST_CASE("a refused field value schedules nothing and leaves the store as it was", "[engine][cli]") {
  Mentoring m;
  const std::string before = m.run({"export"});
  auto r = run_cli({"exec", "--store", m.store, "--as", "staff:office", "--now", "2025-02-11 10:00 Europe/Rome",
                    m.mentorship, "start", "{\"starts_on\": \"2025-02-30\"}"});
  INFO(r.out << r.err);
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("starts_on") != std::string::npos);
  CHECK(m.run({"export"}) == before);
}
