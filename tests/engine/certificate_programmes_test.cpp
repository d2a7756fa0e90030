// Certificates of the other shipped programmes through the real CLI: UniMi's certificates of
// attendance for mentee and mentor (and the mentor's acknowledgement), and MILEAGE's record of
// community work recognised as ECTS credits by the pilot's decision table, with the hours and the
// NGO placement it rests on, in the pilot's zone.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/engine/outputs_fixture.hpp"

using namespace mentorflow::testing;

namespace {

// One UniMi 2025-26 pair, from the applications through the matching run to the certificates.
struct UnimiPair : CliStore {
  std::string mentorship = "unimi-2025/mentorship/anna";

  UnimiPair() {
    Scenario s("unimi-2025/", " Europe/Rome");
    const auto line = [&](auto&&... args) { s.line(args...); };
    unimi_pair_matched(s);
    for (const char* day : {"2025-11-05", "2025-11-26", "2025-12-17", "2026-01-14", "2026-02-04", "2026-02-25"})
      line(std::string(day) + " 20:00", "mentee:anna", "mentorship/anna", "log_meeting",
           R"({"held_on": ")" + std::string(day) + R"( 18:00 Europe/Rome", "length": "90min", "mode": "online"})");
    line("2026-05-04 09:00", "career_service:cs", "mentorship/anna", "end_mentoring");
    line("2026-05-05 09:00", "career_service:cs", "mentorship/anna", "certify");
    s.run(*this);
  }
};

// One MILEAGE pilot placement, from the NGO's offer to the recognition of its community work.
struct MileagePlacement : CliStore {
  MileagePlacement() {
    Scenario s("mileage-pilot/", " Europe/Zagreb");
    const auto line = [&](auto&&... args) { s.line(args...); };
    s.publish("workflows/mileage-placement.flow", "rules/mileage-pilot.rules", "mileage-pilot",
              "2024-01-10 09:00 Europe/Zagreb");
    line("2024-01-11 09:00", "ngo_mentor:ivana", "placement_offer/kitchen", "offer_placement",
         R"({"ngo": "Caritas", "title": "Community kitchen", "area": "social_services", "location": "Zagreb", )"
         R"("language": "croatian", "starts": "2024-03-01", "ends": "2024-06-30", "places": 2, "hours": 120, )"
         R"("fewer_opportunities_support": true})");
    line("2024-01-12 09:00", "coordinator:ana", "placement_offer/kitchen", "review_placement",
         R"({"meets_quality_standards": true, "note": "meets them"})");
    line("2024-01-15 09:00", "student:luka", "placement_request/luka", "request_placement",
         R"({"full_name": "Luka Horvat", "study_programme": "social work", "fewer_opportunities": true, )"
         R"("languages": ["croatian"], "interests": ["social_services"], "available_from": "2024-02-01", )"
         R"("available_until": "2024-07-31"})");
    line("2024-01-16 09:00", "counsellor:maja", "placement_request/luka", "hold_advisory",
         R"({"held_on": "2024-01-16 09:00 Europe/Zagreb", "notes": "motivated"})");
    line("2024-01-17 09:00", "student:luka", "placement_request/luka", "choose_placements",
         R"({"choices": ["mileage-pilot/placement_offer/kitchen"]})");
    line("2024-01-20 09:00", "coordinator:ana", "pilot", "run_placement_search");
    line("2024-01-22 09:00", "coordinator:ana", "placement_request/luka", "confirm_placement");
    line("2024-03-01 09:00", "ngo_mentor:ivana", "placement/luka", "start_placement", R"({"started_on": "2024-03-01"})");
    for (const char* day : {"2024-03-15", "2024-04-15", "2024-05-15"})
      line(std::string(day) + " 17:00", "ngo_mentor:ivana", "placement/luka", "supervise",
           R"({"held_on": ")" + std::string(day) + R"( 15:00 Europe/Zagreb", "notes": "on track"})");
    line("2024-06-30 17:00", "ngo_mentor:ivana", "placement/luka", "finish_placement",
         R"({"community_hours": 120, "evaluation": "reliable and kind"})");
    line("2024-07-05 10:00", "coordinator:ana", "placement/luka", "recognise_community_work");
    s.run(*this);
  }
};

}  // namespace

TEST_CASE("UniMi: mentee and mentor each get a certificate of attendance listing their meetings", "[engine][cli]") {
  UnimiPair unimi;
  const auto out = unimi.dir / "out";
  auto written = unimi.cli({"certificates", "unimi-2025", "--out", out.string()});
  INFO(written.out << written.err);
  REQUIRE(written.exit_code == 0);
  CHECK(contains(written.out, "3 certificates written"));

  const std::string mentee = pdf_text(out / "unimi-2025-mentorship-anna-certificate-anna.pdf");
  const std::string mentor = pdf_text(out / "unimi-2025-mentorship-anna-certificate-marco.pdf");
  const std::string thanks = pdf_text(out / "unimi-2025-mentorship-anna-acknowledgement-marco.pdf");
  for (const std::string* text : {&mentee, &mentor}) {
    INFO(*text);
    CHECK(contains(*text, "Certificate of attendance"));
    CHECK(contains(*text, "Mentoring at the University of Milan"));
    CHECK(contains(*text, "edition unimi-2025"));
    CHECK(contains(*text, "Meetings (6):"));  // the value, said once, the counter's name in words
    CHECK(contains(*text, "1. 2025-11-05 18:00 Europe/Rome, 90min"));
    CHECK(contains(*text, "6. 2026-02-25 18:00 Europe/Rome, 90min"));
    CHECK(contains(*text, "Issued on 2026-05-05 09:00 Europe/Rome"));
  }
  CHECK(contains(mentee, "Anna Bianchi"));
  CHECK(contains(mentee, "took part as mentee"));
  CHECK(contains(mentor, "Marco Rossi"));
  CHECK(contains(mentor, "took part as mentor"));
  CHECK(contains(thanks, "Acknowledged on the project's website"));
  CHECK(contains(thanks, "Marco Rossi"));

  // Every one of them is recognised, and the mentor's is not the mentee's.
  auto check = unimi.cli({"verify-certificate", (out / "unimi-2025-mentorship-anna-certificate-marco.pdf").string()});
  CHECK(check.exit_code == 0);
  CHECK(contains(check.out, "issued to Marco Rossi (marco, mentor)"));
}

TEST_CASE("MILEAGE: recognised community work gives a credit record with the table's ECTS", "[engine][cli]") {
  MileagePlacement mileage;
  const auto out = mileage.dir / "out";
  auto written = mileage.cli({"certificates", "mileage-pilot/placement/luka", "--out", out.string()});
  INFO(written.out << written.err);
  REQUIRE(written.exit_code == 0);
  const std::string text = pdf_text(out / "mileage-pilot-placement-luka-ects-luka.pdf");
  INFO(text);
  CHECK(contains(text, "Recognition of community work (ECTS credits)"));
  CHECK(contains(text, "Luka Horvat"));
  CHECK(contains(text, "MILEAGE study placements"));
  // 120 hours: the pilot's table gives 4 (100..149 => 4), said in words, never as the rule's call
  CHECK(contains(text, "ECTS credits: 4"));
  CHECK_FALSE(contains(text, "community_ects"));
  // What the record rests on: the hours confirmed and the NGO placement they were done in.
  CHECK(contains(text, "Hours of community work: 120"));
  CHECK(contains(text, "NGO: Caritas"));
  CHECK(contains(text, "Placement: Community kitchen"));
  CHECK(contains(text, "Placement started on: 2024-03-01"));
  CHECK(contains(text, "Supervision sessions with the NGO mentor (3):"));
  CHECK(contains(text, "3. 2024-05-15 15:00 Europe/Rome"));  // the pilot's own zone (rules: zone Europe/Rome)

  // The history tells the record in words: the output with its value, then the document.
  auto history = mileage.cli({"history", "mileage-pilot/placement/luka"});
  CHECK(contains(history.out, "issued ects to luka (4)"));
  CHECK(contains(history.out, "certificate for luka (Luka Horvat): mileage-pilot-placement-luka-ects-luka.pdf sha256 "));
}
