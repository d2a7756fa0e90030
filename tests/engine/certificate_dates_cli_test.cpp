// Issue 14, item 15: an activity dated by a `date` input (a meeting held on a day, with no time) is
// listed on the certificate on that day, not at the time it was logged; read back with pdftotext
// through the real CLI, and the certificate still verifies. The calendar export lists it as an
// all-day event on that day.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "tests/support/cli_store.hpp"
#include "tests/support/pdf_text.hpp"

using mentorflow::testing::CliStore;

namespace {

constexpr const char* kFlow = R"(workflow club "A reading club" {
  participants member
  staff office
  case membership {
    party member: member
    counter sessions "Reading sessions" min 1
    output certificate "Certificate of attendance" for member
    state open initial, closed final
    command join by member
    command log_session by member from open
      input held_on: date
      count sessions
    command upload_notes by member from open
      count sessions
    command close by office from open to closed
      issue certificate
  }
}
)";

struct Club : CliStore {
  Club() : CliStore("2025-11-20 10:00 Europe/Rome") {
    publish("club", kFlow, "rules for club edition \"1\" {\n  zone Europe/Rome\n}\n", "c");
  }
};

}  // namespace

TEST_CASE("an activity dated by a date input is listed on the certificate on that day", "[engine][cli]") {
  Club club;
  CliStore::ok(club.exec("member:anna", "c/membership/anna", "join"));
  CliStore::ok(club.exec("member:anna", "c/membership/anna", "log_session", {{"held_on", "2025-11-05"}}));
  CliStore::ok(club.exec("member:anna", "c/membership/anna", "upload_notes", {}, "2025-11-21 09:15 Europe/Rome"));
  CliStore::ok(club.exec("office:sara", "c/membership/anna", "close", {}, "2025-11-28 10:00 Europe/Rome"));

  CliStore::ok(club.cli({"certificates", "c/membership/anna", "--out", (club.dir / "out").string()}));
  const auto pdf = club.dir / "out" / "c-membership-anna-certificate-anna.pdf";
  REQUIRE(std::filesystem::exists(pdf));
  const std::string text = mentorflow::testing::pdf_text(pdf);
  INFO(text);
  CHECK(text.find("1. 2025-11-05\n") != std::string::npos);                          // the day it was held
  CHECK(text.find("2025-11-20 10:00") == std::string::npos);                         // not when it was logged
  CHECK(text.find("2. 2025-11-21 09:15 Europe/Rome (recorded)") != std::string::npos);  // undated: as before
  CHECK(text.find("(layout 5)") != std::string::npos);

  auto verified = club.cli({"verify"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
}

TEST_CASE("an activity dated by a date input is an all-day event in the calendar export", "[engine][cli]") {
  Club club;
  CliStore::ok(club.exec("member:anna", "c/membership/anna", "join"));
  CliStore::ok(club.exec("member:anna", "c/membership/anna", "log_session", {{"held_on", "2025-11-05"}}));
  CliStore::ok(club.exec("member:anna", "c/membership/anna", "upload_notes"));
  const std::string ics = CliStore::ok(club.cli({"ics", "c/membership/anna"})).out;
  INFO(ics);
  CHECK(ics.find("DTSTART;VALUE=DATE:20251105\r\n") != std::string::npos);
  CHECK(ics.find("BEGIN:VEVENT") == ics.rfind("BEGIN:VEVENT"));  // the notes uploaded are no event
}
