// mentorflow replay, through the real CLI: it rebuilds, byte for byte, the read models that the
// commands kept up to date one by one, and every case's state stays what it was.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "store/event_store.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
namespace store = mentorflow::store;

namespace {

const std::string kOpen = "2021-09-20 10:00 Europe/Rome";
const std::string kPastDeadline = "2021-10-08 09:00 Europe/Rome";

struct Views {
  std::uint64_t checkpoint = 0, head = 0;
  std::map<std::string, std::string> all;  // key -> value
  std::map<std::string, std::string> states;  // case -> `mentorflow state` output
};

// The store's views, read in-process once no CLI has it open, and every case's state as the CLI prints it.
Views read_views(const CliStore& s) {
  Views v;
  std::vector<std::string> cases;
  {
    auto opened = store::EventStore::open(s.store, {.read_only = true});
    REQUIRE(opened.is_ok());
    store::EventStore& log = **opened;
    v.checkpoint = *log.views_checkpoint();
    v.head = log.head().position;
    REQUIRE(log.scan_views("", [&](std::string_view key, std::string_view value) {
                 v.all.emplace(key, value);
                 return true;
               })
                .is_ok());
    for (const store::StreamInfo& info : *log.list_streams(""))
      if (contains(info.name, "/")) cases.push_back(info.name);
  }
  for (const std::string& c : cases) v.states[c] = s.ok(s.cli({"state", c})).out;
  return v;
}

// A 2021 edition run through the CLI: eligible, ineligible, expired, matched, meetings.
void run_edition(const CliStore& s) {
  const auto exec = [&](const std::string& as, const std::string& c, const std::string& command,
                        const std::string& json = "{}", const std::string& now = kOpen) {
    s.ok(s.exec_text(as, c, command, json, now));
  };
  s.ok(s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
              (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now",
              "2021-09-01 09:00 Europe/Rome"}));
  exec("mentor:marco", "mie-2021/project/lyon", "offer_project",
       R"({"host": "Institut Lumière", "country": "France", "sector": "film", "language": "french"})");
  exec("staff:carla", "mie-2021/project/lyon", "publish_project");
  for (const auto& [who, degree, level] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"bruno", "bachelor", "B2"}, {"anna", "master", "B1"}, {"elsa", "master", "C1"}}) {
    exec("student:" + who, "mie-2021/application/" + who, "start_application", R"({"project": "mie-2021/project/lyon"})");
    exec("student:" + who, "mie-2021/application/" + who, "submit",
         R"({"degree": ")" + degree + R"(", "year": 2, "certificate_language": "french", "certified_level": ")" + level +
             R"(", "cv": {"it": "a.pdf", "foreign": "b.pdf"}, "letter": {"it": "c.pdf", "foreign": "d.pdf"}, "certificate": "e.pdf"})");
  }
  exec("student:dario", "mie-2021/application/dario", "start_application", R"({"project": "mie-2021/project/lyon"})");
  s.ok(s.cli({"tick", "--now", kPastDeadline}));  // dario's draft expires
  exec("staff:carla", "mie-2021/application/bruno", "confirm_match", "{}", kPastDeadline);
  const std::string m = "mie-2021/mentorship/bruno";
  exec("student:bruno", m, "sign_agreement_as_mentee", "{}", kPastDeadline);
  exec("mentor:marco", m, "sign_agreement_as_mentor", "{}", kPastDeadline);
  exec("student:bruno", m, "send_agreement", R"({"topics": "film", "agreement": "agreement.pdf"})", kPastDeadline);
  exec("mentor:marco", m, "log_meeting", R"({"held_on": "2021-11-02T18:00:00+01:00", "length": "90min"})", kPastDeadline);
}

}  // namespace

TEST_CASE("replay rebuilds the read models byte for byte and leaves every state as it was", "[engine][cli]") {
  CliStore s;
  run_edition(s);
  const Views before = read_views(s);
  CHECK(before.checkpoint == before.head);  // the commands kept them up to date
  REQUIRE(before.states.size() >= 6);
  CHECK(contains(before.states.at("mie-2021/application/dario"), R"("state": "expired")"));

  const CliResult replay = s.ok(s.cli({"replay"}));
  CHECK(contains(replay.out, "replayed " + std::to_string(before.head) + " events"));
  CHECK(contains(replay.out, "events/s"));
  CHECK(contains(replay.out, "mie-2021: " + std::to_string(before.states.size()) + " cases"));
  CHECK(contains(replay.out, "  application expired: 1\n"));
  CHECK(contains(replay.out, "  application ineligible: 1\n"));
  CHECK(contains(replay.out, "  mentorship active: 1\n"));
  CHECK(replay.err.empty());  // no progress line when stderr is not a terminal

  const Views after = read_views(s);
  CHECK(after.checkpoint == before.head);
  CHECK(after.all == before.all);
  CHECK(after.states == before.states);
}

TEST_CASE("replay builds the read models of an imported log, which import does not", "[engine][cli]") {
  CliStore original, copy;
  run_edition(original);
  const Views expected = read_views(original);
  REQUIRE(copy.cli({"import"}, "", original.ok(original.cli({"export"})).out).exit_code == 0);
  CHECK(read_views(copy).all.empty());

  copy.ok(copy.cli({"replay"}));
  const Views rebuilt = read_views(copy);
  CHECK(rebuilt.all == expected.all);
  CHECK(rebuilt.states == expected.states);
}

TEST_CASE("replay of an empty store, and its usage errors", "[engine][cli]") {
  CliStore s;
  s.ok(s.cli({"import"}));
  const CliResult empty = s.ok(s.cli({"replay"}));
  CHECK(contains(empty.out, "replayed 0 events"));
  CHECK(contains(empty.out, "0 cases in 0 editions"));

  CHECK(run_cli({"replay"}).exit_code == 2);
  const CliResult missing = s.cli({"replay"}, (s.dir / "nowhere").string());
  CHECK(missing.exit_code == 1);
  CHECK(contains(missing.err, "does not exist"));
}
