// Flags from the user's side (issue 14, item 5), through the real CLI on a real store: a `flag`
// clause raises one and never refuses; a timer at the case's start date raises one through its
// command, or as its own action (`flag ... when`, only when the condition holds, the timer firing
// either way); `mentorflow flags` lists the open ones of an edition (text and --json); staff clear
// one with a reason (`clear-flag`), anyone else is refused and nothing is written; `history` shows both.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"

using mentorflow::testing::CliStore;

namespace {

constexpr const char* kFlow = R"(workflow mentoring "Meetings in the first month" {
  participants mentee
  staff office
  case mentorship {
    party mentee: mentee
    field starts_on: date
    counter meetings
    state active initial, closed final
    command join by mentee
      fills starts_on
    command log_meeting by mentee from active
      input held_on: date
      count meetings
      flag "meeting on {held_on}, before the start on {starts_on}" when held_on < starts_on
    command first_month by system from active
      flag "{meetings} meetings in the 30 days from the start; expected at least 3" when meetings < 3
    command close by office from active to closed
    timer first_month_over at starts_on + 30days do first_month
  }
}
)";

// The same workflow whose timer raises the flag itself, with no command to issue.
std::string timer_flag_flow() {
  std::string flow = kFlow;
  const std::string timer = "timer first_month_over at starts_on + 30days do first_month";
  flow.replace(flow.find(timer), timer.size(),
               "timer first_month_over at starts_on + 30days\n"
               "      flag \"{meetings} meetings in the 30 days from {starts_on}; expected at least 3\" when meetings < 3");
  return flow;
}

struct Mentoring : CliStore {
  explicit Mentoring(const std::string& flow = kFlow) : CliStore("2025-02-10 10:00 Europe/Rome") {
    publish("m", flow, "rules for mentoring edition \"1\" {\n  zone Europe/Rome\n}\n", "m");
    for (const char* who : {"anna", "bruno"})
      run({"exec", "--as", std::string("mentee:") + who, "--now", "2025-02-10 10:00 Europe/Rome",
           std::string("m/mentorship/") + who, "join", R"({"starts_on": "2025-03-01"})"});
  }
  // A call the test means to succeed: its output.
  std::string run(std::vector<std::string> args) const { return ok(cli(std::move(args))).out; }
  void meeting(const std::string& who, const std::string& on) const {
    run({"exec", "--as", "mentee:" + who, "--now", on + " 18:00 Europe/Rome", "m/mentorship/" + who, "log_meeting",
         "{\"held_on\": \"" + on + "\"}"});
  }
};

}  // namespace

TEST_CASE("flags are raised by a clause and by a timer's command, listed, and cleared by staff", "[engine][cli]") {
  Mentoring m;
  m.meeting("anna", "2025-02-25");  // before her start: flagged, not refused
  for (const char* on : {"2025-03-05", "2025-03-12", "2025-03-19"}) m.meeting("bruno", on);
  m.run({"tick", "--now", "2025-03-31 00:00 Europe/Rome"});  // 30 days from 1 March

  const std::string listed = m.run({"flags", "m"});
  INFO(listed);
  CHECK(listed.find("m: 2 open flags") != std::string::npos);
  CHECK(listed.find("m/mentorship/anna #1 rule") != std::string::npos);
  CHECK(listed.find("meeting on 2025-02-25, before the start on 2025-03-01") != std::string::npos);
  CHECK(listed.find("m/mentorship/anna #2 rule") != std::string::npos);
  CHECK(listed.find("1 meetings in the 30 days from the start; expected at least 3") != std::string::npos);
  CHECK(listed.find("bruno") == std::string::npos);  // three meetings, all after the start

  const auto json = nlohmann::json::parse(m.run({"flags", "m", "--json"}));
  REQUIRE(json.size() == 2);
  CHECK(json[0]["case"] == "m/mentorship/anna");
  CHECK(json[0]["flag"] == 1);
  CHECK(json[0]["raised_at"] == "2025-02-25T18:00:00+01:00[Europe/Rome]");

  // Refused, each in one sentence, with the store unchanged.
  const std::string before = m.run({"export"});
  auto as_mentee = m.cli({"clear-flag", "--as", "mentee:anna", "m/mentorship/anna", "1", "--reason", "mine"});
  CHECK(as_mentee.exit_code == 1);
  CHECK(as_mentee.err.find("only staff clear flags") != std::string::npos);
  CHECK(m.cli({"clear-flag", "--as", "office:carla", "m/mentorship/anna", "1"}).exit_code == 2);
  CHECK(m.cli({"clear-flag", "--as", "office:carla", "m/mentorship/anna", "x", "--reason", "r"}).exit_code == 2);
  auto no_such = m.cli({"clear-flag", "--as", "office:carla", "m/mentorship/anna", "3", "--reason", "r"});
  CHECK(no_such.exit_code == 1);
  CHECK(no_such.err.find("has no flag 3: its flags are numbered 1 to 2") != std::string::npos);
  CHECK(m.cli({"clear-flag", "--as", "office:carla", "m/mentorship/anna", "1", "--reason", "a\nb"}).exit_code == 1);
  CHECK(m.run({"export"}) == before);

  m.run({"clear-flag", "--as", "office:carla", "--now", "2025-04-01 09:00 Europe/Rome", "m/mentorship/anna", "1",
         "--reason", "she met her mentor at the welcome day"});
  auto twice = m.cli({"clear-flag", "--as", "office:carla", "m/mentorship/anna", "1", "--reason", "again"});
  CHECK(twice.exit_code == 1);
  CHECK(twice.err.find("was cleared already by carla") != std::string::npos);

  const std::string after = m.run({"flags", "m"});
  CHECK(after.find("m: 1 open flag\n") != std::string::npos);
  CHECK(after.find("#1") == std::string::npos);
  const std::string history = m.run({"history", "m/mentorship/anna"});
  INFO(history);
  CHECK(history.find("flagged: meeting on 2025-02-25, before the start on 2025-03-01") != std::string::npos);
  CHECK(history.find("carla (office): no command") != std::string::npos);
  CHECK(history.find("flag 1 (meeting on 2025-02-25, before the start on 2025-03-01) cleared: she met her mentor") !=
        std::string::npos);
  const auto flags = nlohmann::json::parse(m.run({"state", "m/mentorship/anna"})).at("flags");
  REQUIRE(flags.size() == 2);
  CHECK(flags[0].at("cleared").at("by") == "carla");
  CHECK(flags[0].at("cleared").at("reason") == "she met her mentor at the welcome day");
  CHECK_FALSE(flags[1].contains("cleared"));

  // A clearing retried with its key (--key) is applied once: the same answer, nothing more written.
  const auto clear_keyed = [&](const std::string& key) {
    return m.cli({"clear-flag", "--as", "office:carla", "--now", "2025-04-02 09:00 Europe/Rome", "m/mentorship/anna", "2",
                  "--reason", "agreed with the office", "--key", key});
  };
  CHECK(clear_keyed("bad\tkey").exit_code == 1);
  const auto first = clear_keyed("clear-anna-2");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const std::string once = m.run({"export"});
  const auto again = clear_keyed("clear-anna-2");
  CHECK(again.exit_code == 0);
  CHECK(again.out == first.out);
  CHECK(m.run({"export"}) == once);
}

TEST_CASE("an unknown edition has no flags to list", "[engine][cli]") {
  Mentoring m;
  auto r = m.cli({"flags", "nope"});
  CHECK(r.exit_code == 1);
  CHECK(!r.err.empty());
}

TEST_CASE("a timer's flag action flags the case when its condition holds", "[engine][cli]") {
  Mentoring m(timer_flag_flow());
  m.meeting("anna", "2025-03-05");
  for (const char* on : {"2025-03-05", "2025-03-12", "2025-03-19"}) m.meeting("bruno", on);

  const std::string ticked = m.run({"tick", "--now", "2025-03-31 00:00 Europe/Rome"});  // 30 days from 1 March
  INFO(ticked);
  CHECK(ticked.find("m/mentorship/anna first_month_over") != std::string::npos);
  CHECK(ticked.find("flagged: 1 meetings in the 30 days from 2025-03-01; expected at least 3") != std::string::npos);
  CHECK(ticked.find("no flag: its condition does not hold") != std::string::npos);  // bruno: three
  CHECK(ticked.find("2 timers fired") != std::string::npos);

  const std::string listed = m.run({"flags", "m"});
  INFO(listed);
  CHECK(listed.find("m: 1 open flag\n") != std::string::npos);
  CHECK(listed.find("m/mentorship/anna #1 rule") != std::string::npos);
  CHECK(listed.find("bruno") == std::string::npos);

  // Both timers fired, flagged or not: a later tick fires nothing.
  for (const char* who : {"m/mentorship/anna", "m/mentorship/bruno"}) CHECK(m.state(who).at("timers").empty());
  CHECK(m.run({"tick", "--now", "2025-04-30 00:00 Europe/Rome"}).find("0 timers fired") != std::string::npos);

  const auto flags = m.state("m/mentorship/anna").at("flags");
  REQUIRE(flags.size() == 1);
  CHECK(flags[0].at("kind") == "rule");
  CHECK(flags[0].at("command") == "timer first_month_over");

  m.run({"clear-flag", "--as", "office:carla", "--now", "2025-04-01 09:00 Europe/Rome", "m/mentorship/anna", "1",
         "--reason", "she met her mentor at the welcome day"});
  CHECK(m.run({"flags", "m"}).find("m: 0 open flags") != std::string::npos);
  const std::string history = m.run({"history", "m/mentorship/anna"});
  INFO(history);
  CHECK(history.find("flagged: 1 meetings in the 30 days from 2025-03-01; expected at least 3") != std::string::npos);
  CHECK(history.find("flag 1 (1 meetings in the 30 days from 2025-03-01; expected at least 3) cleared") !=
        std::string::npos);
}
