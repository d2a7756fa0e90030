// The MILEAGE placement pilot (examples/mileage-pilot) through the real CLI on a temporary store:
// the scenario runs as expected (its refusals each for the reason it names), the placement search
// serves students with fewer opportunities first within the `suitable` rule, every student and
// placement ends where the story says, the credits follow the pilot's table, the log verifies.
#include "tests/examples/edition.hpp"

using namespace mentorflow::testing::examples;
using mentorflow::testing::CliResult;

namespace {
const std::string kEdition = "mileage-pilot";
}

TEST_CASE("the MILEAGE pilot runs as its scenario expects", "[examples][cli]") {
  static const Edition e("mileage-pilot/scenario.jsonl");
  check_run(e.run, {.lines = 245, .accepted = 232, .refused = 12, .timers = 0, .ticks = 0,
                    .decisions = 34});

  SECTION("requests end in the states the story gives them") {
    const auto requests = e.cases(kEdition, {"--type", "placement_request"});
    CHECK(requests.size() == 24);
    CHECK(count_states(requests) == std::map<std::string, int>{{"placed", 20}, {"not_placed", 4}});
    const auto state = state_by_id(requests);
    for (const char* who : {"yusuf.kaya", "tommaso.villa", "ahmed.saleh", "beatrice.fontana"})
      CHECK(state.at(who) == "not_placed");
  }
  SECTION("the search placed students with fewer opportunities first, within the suitable rule") {
    std::map<std::string, std::string> offer_of;  // student -> offer
    for (const Listed& p : e.cases(kEdition, {"--type", "placement"})) {
      offer_of[p.id()] = e.state(p.name).at("fields").at("offer");
    }
    CHECK(offer_of.size() == 20);
    CHECK(offer_of.at("amina.diallo") == kEdition + "/placement_offer/refugee-desk");
    CHECK(offer_of.at("omar.haddad") == kEdition + "/placement_offer/refugee-desk");
    // Parco Nord cannot support students with fewer opportunities: set aside, his 2nd choice
    CHECK(offer_of.at("marco.pellegrini") == kEdition + "/placement_offer/biblioteca-vivente");
    // free only until the end of May: the food bank (until 13 June) does not suit her
    CHECK(offer_of.at("martina.serra") == kEdition + "/placement_offer/salute-quartiere");
    // moved by the coordinator, with the reason recorded
    CHECK(offer_of.at("karim.mansour") == kEdition + "/placement_offer/parco-nord");
    CHECK(offer_of.at("giulia.conti") == kEdition + "/placement_offer/parco-nord");

    const CliResult search = e.cli({"history", kEdition + "/pilot"});
    CHECK(contains(search.out, "stable matching of placement_request in 'ranked_priority' with placement_offer in "
                               "'open': 16 of 17 matched"));
    CHECK(contains(search.out, "stable matching of placement_request in 'ranked' with placement_offer in 'open': "
                               "4 of 5 matched"));
    CHECK(contains(search.out, "marco.pellegrini: proposed biblioteca-vivente (2nd choice): 1st choice parco-nord "
                               "is not acceptable (rule suitable)"));
    CHECK(contains(search.out, "tommaso.villa: not matched: 1st choice refugee-desk had no place open"));
  }
  SECTION("placements are recognised as ECTS from the pilot's table; one withdrawn, one without credits") {
    const auto placements = e.cases(kEdition, {"--type", "placement"});
    CHECK(count_states(placements) == std::map<std::string, int>{{"recognised", 18}, {"completed", 1}, {"withdrawn", 1}});
    std::map<std::string, int> by_credits;
    int total = 0;
    for (const Listed& p : placements) {
      INFO(p.name);
      CHECK(p.words.contains("ngo_mentor"));
      if (p.state == "withdrawn") {
        CHECK(p.id() == "fatima.benali");
        CHECK(p.words.at("supervision") == "1");
        continue;
      }
      CHECK(p.words.at("supervision") == "3");
      if (p.state == "completed") {
        CHECK(p.id() == "anna.ferraro");  // 45 hours: no credits under the pilot's table
        CHECK_FALSE(p.words.contains("ects"));
        continue;
      }
      ++by_credits[p.words.at("ects")];
      total += std::stoi(p.words.at("ects"));
    }
    CHECK(by_credits == std::map<std::string, int>{{"2", 2}, {"4", 12}, {"6", 4}});
    CHECK(total == 76);
    CHECK(contains(e.state(kEdition + "/placement/fatima.benali").at("fields").at("withdrawal_reason").get<std::string>(),
                   "family reasons"));
  }
  SECTION("the ECTS records as PDFs, one per recognised placement") {
    const Certificates pdfs(e, kEdition);
    CHECK(pdfs.files.size() == 18);
    pdfs.check("mileage-pilot-placement-amina.diallo-ects-amina.diallo.pdf",
               {"Amina Diallo", "took part as student", "Recognition of community work (ECTS credits)",
                "ECTS credits: 4", "Hours of community work: "});
    pdfs.check("mileage-pilot-placement-karim.mansour-ects-karim.mansour.pdf", {"Karim Mansour", "ECTS credits: 6"});
  }
  SECTION("the placement search read model: places left after the confirmations") {
    const CliResult r = e.cli({"placements", kEdition, "--state", "any"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::map<std::string, std::string> left;  // offer -> "LEFT/PLACES"
    std::istringstream lines(r.out);
    for (std::string name, state, places, rest; lines >> name >> state >> places && std::getline(lines, rest);)
      left[name.substr(name.rfind('/') + 1)] = places;
    CHECK(left.size() == 12);
    // Karim moved to Parco Nord: a place left at Quartieri Connessi nobody could take any more
    for (const char* offer : {"quartieri-connessi", "teatro-comunita", "sport-per-tutti"}) CHECK(left.at(offer) == "1/2");
    CHECK(left.at("parco-nord") == "0/2");
    CHECK(left.at("rete-solidale") == "1/3");  // Fatima withdrew: her place is given back
    CHECK(left.at("ospitalita") == "2/2");  // turned down
  }
  SECTION("offers: eleven met the quality standards and closed with the search") {
    const auto offers = e.cases(kEdition, {"--type", "placement_offer"});
    CHECK(count_states(offers) == std::map<std::string, int>{{"closed", 11}, {"turned_down", 1}});
    CHECK(state_by_id(offers).at("ospitalita") == "turned_down");
    CHECK(e.cases(kEdition, {"--type", "pilot"}).at(0).state == "closed");
  }
  SECTION("the log verifies: hash chain, every decision and the search") { check_verified(e, 34, "2 matching runs"); }
}

TEST_CASE("the committed MILEAGE scenario is what generate.py writes", "[examples]") {
  check_generated("mileage-pilot");
}
