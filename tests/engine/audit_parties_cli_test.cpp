// Issue 14, item 9: `history` and `what-if` name the people a case concerns, each by the party they
// are, not only the case id. In a pair case named after the mentee, the mentor (who gains the
// credits) is named too.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliStore;
using mentorflow::testing::contains;

namespace {

constexpr const char* kFlow = R"(workflow pairs "Mentoring pairs" {
  participants mentee, mentor
  staff office
  param meetings_needed: int = 2
  case mentorship {
    party mentee: mentee
    party mentor: mentor
    counter meetings
    state active initial, completed final, incomplete final
    command meet by mentee, mentor from active
      count meetings
    command close by office from active
      decide meetings >= meetings_needed then completed else incomplete
  }
  cohort round {
    state open initial, closed final
    command pair by office from open
      input mentee: text
      input mentor: text
      create mentorship with mentee = mentee, mentor = mentor
    command close by office from open to closed
  }
}
)";

struct Pairs : CliStore {
  Pairs() : CliStore("2025-01-10 10:00 Europe/Rome") {
    publish("pairs", kFlow, "rules for pairs edition \"1\" {\n  zone Europe/Rome\n}\n", "p");
    std::ofstream(dir / "stricter.rules")
        << "rules for pairs edition \"2\" {\n  zone Europe/Rome\n  set meetings_needed = 3\n}\n";
  }
};

}  // namespace

TEST_CASE("history and what-if name a pair case's parties, the mentor as well as the mentee", "[engine][cli][audit]") {
  Pairs p;
  CliStore::ok(p.exec("office:sara", "p/round", "pair", {{"mentee", "anna"}, {"mentor", "marco"}}));
  const std::string pair = "p/mentorship/round";
  CliStore::ok(p.exec("mentee:anna", pair, "meet"));
  CliStore::ok(p.exec("mentor:marco", pair, "meet"));
  CliStore::ok(p.exec("office:sara", pair, "close"));

  auto history = CliStore::ok(p.cli({"history", pair}));
  INFO(history.out);
  CHECK(history.out.starts_with(pair + " (mentee anna, mentor marco): "));

  auto what_if = p.cli({"what-if", "--edition", "p", "--rules", (p.dir / "stricter.rules").string()});
  INFO(what_if.out << what_if.err);
  REQUIRE(what_if.exit_code == 0);
  CHECK(contains(what_if.out, "  " + pair + " (mentee anna, mentor marco; position "));
  CHECK(contains(what_if.out, "): completed -> incomplete: "));
}
