// `party NAME: ROLE names case` through the real CLI (issue 13, "who may open a case in whose
// name"): a participant opens such a case under their own user id only, a participant of another
// role not at all, staff for anyone; a case named by what it is is free to name. Each refusal is
// one sentence, exit 1, the log as it was.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "tests/support/cli_store.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;

namespace {

constexpr const char* kFlow = R"(workflow club "A peer club" {
  participants mentee, mentor
  staff office
  auditors auditor
  case membership {
    party mentee: mentee names case
    party mentor: mentor
    state open initial, closed final
    command join by mentee, mentor
    command enrol by office
    command close by office from open to closed
  }
  case topic {
    party mentor: mentor
    state open initial, closed final
    command suggest by mentor
    command drop by office from open to closed
  }
}
)";

struct Club : CliStore {
  Club() : CliStore("2025-01-10 10:00 Europe/Rome") {
    std::ofstream(dir / "club.flow") << kFlow;
    std::ofstream(dir / "club.rules") << "rules for club edition \"1\" {\n}\n";
    ok(cli({"publish", (dir / "club.flow").string(), "--rules", (dir / "club.rules").string(), "--edition", "c",
            "--now", now}));
  }
  std::string log() const { return ok(cli({"export"})).out; }
  void refused(const CliResult& r, const std::string& message, const std::string& before) const {
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: " + message + "\n");
    CHECK(log() == before);
  }
};

}  // namespace

TEST_CASE("a case its party names is opened by that person under their own id, or by staff for them", "[engine][cli]") {
  Club club;
  const std::string before = club.log();
  club.refused(club.exec("mentee:anna", "c/membership/bruno", "join"),
               "anna opens membership under their own user id only (c/membership/anna), not under 'bruno'", before);
  club.refused(club.exec("mentor:marco", "c/membership/marco", "join"),
               "membership is named by its mentee, who opens it under their own user id (or staff for them): a mentor "
               "may not open c/membership/marco",
               before);
  CliStore::ok(club.exec("mentee:anna", "c/membership/anna", "join"));
  // Taken or not, another's case is refused alike (not "already exists", which would tell).
  const std::string after_anna = club.log();
  club.refused(club.exec("mentee:bruno", "c/membership/anna", "join"),
               "bruno opens membership under their own user id only (c/membership/bruno), not under 'anna'", after_anna);
  // Staff are not bound by it: they open cases for people.
  CliStore::ok(club.exec("office:sara", "c/membership/gia", "enrol"));
  // A case named by what it is takes any name.
  CliStore::ok(club.exec("mentor:marco", "c/topic/film-and-radio", "suggest"));
}
