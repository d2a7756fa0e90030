// The MILEAGE placement pilot (examples/mileage-pilot) through the real CLI on a temporary store:
// the scenario runs as expected (its refusals each for the reason it names), the placement search
// serves students with fewer opportunities first within the `suitable` rule, every student and
// placement ends where the story says, the credits follow the pilot's table; in the 2025-26
// edition the students the pilot did not place apply again and are placed; the log verifies.
#include "tests/examples/edition.hpp"

using namespace mentorflow::testing::examples;
using mentorflow::testing::CliResult;

namespace {
const std::string kEdition = "mileage-pilot";
const std::string kNext = "mileage-2025";
}

TEST_CASE("the MILEAGE pilot runs as its scenario expects", "[examples][cli]") {
  static const Edition e("mileage-pilot/scenario.jsonl");
  check_run(e.run, {.lines = 333, .accepted = 316, .refused = 15, .timers = 0, .ticks = 0,
                    .decisions = 47});

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

    // The offers count their own places (held by proposals, taken by confirmations, given back by a
    // withdrawal) as the read model does: every proposal was confirmed, so none is held.
    for (const auto& [offer, shown] : left) {
      INFO(offer);
      const auto fields = e.state(kEdition + "/placement_offer/" + offer).at("fields");
      CHECK(fields.at("places_proposed") == 0);
      const std::int64_t places = fields.at("places"), taken = fields.at("places_taken");
      CHECK(shown == std::to_string(places - taken) + "/" + std::to_string(places));
    }
  }
  SECTION("a reassignment needs a reason and an offer with a place left") {
    const auto karim = e.state(kEdition + "/placement_request/karim.mansour").at("fields");
    CHECK(contains(karim.at("override_reason").get<std::string>(), "named a supervisor"));
    // refused (scenario lines checked by the run): Karim's first try without a reason; Tommaso's
    // move to the 2025-26 refugee desk, whose one place Yusuf's proposal held
    const std::string scenario = read_file(e.scenario);
    CHECK(contains(scenario, R"("reason": "give the reason for the reassignment: it is recorded with the placement")"));
    CHECK(contains(scenario, R"("reason": "no place left at refugee welcome desk: 0 taken and 1 proposed of 1")"));
    const auto tommaso = e.state(kNext + "/placement_request/tommaso.villa").at("fields");
    CHECK(tommaso.at("proposed_offer") == kNext + "/placement_offer/rete-solidale");
    CHECK_FALSE(tommaso.contains("override_reason"));
  }
  SECTION("offers: eleven met the quality standards and closed with the search") {
    const auto offers = e.cases(kEdition, {"--type", "placement_offer"});
    CHECK(count_states(offers) == std::map<std::string, int>{{"closed", 11}, {"turned_down", 1}});
    CHECK(state_by_id(offers).at("ospitalita") == "turned_down");
    CHECK(e.cases(kEdition, {"--type", "pilot"}).at(0).state == "closed");
  }
  SECTION("2025-26: the students the pilot did not place apply again and are placed, fewer opportunities first") {
    const auto requests = e.cases(kNext, {"--type", "placement_request"});
    CHECK(state_by_id(requests) == std::map<std::string, std::string>{{"yusuf.kaya", "placed"},
                                                                      {"tommaso.villa", "placed"},
                                                                      {"ahmed.saleh", "placed"},
                                                                      {"beatrice.fontana", "placed"},
                                                                      {"fatima.benali", "placed"},
                                                                      {"leila.amrani", "placed"},
                                                                      {"matteo.colombo", "placed"}});
    // their pilot cases stay as they ended
    const auto pilot = state_by_id(e.cases(kEdition, {"--type", "placement_request"}));
    for (const char* who : {"yusuf.kaya", "tommaso.villa", "ahmed.saleh", "beatrice.fontana"})
      CHECK(pilot.at(who) == "not_placed");
    CHECK(state_by_id(e.cases(kEdition, {"--type", "placement"})).at("fatima.benali") == "withdrawn");

    std::map<std::string, std::string> offer_of;  // student -> offer
    for (const Listed& p : e.cases(kNext, {"--type", "placement"}))
      offer_of[p.id()] = e.state(p.name).at("fields").at("offer");
    CHECK(offer_of == std::map<std::string, std::string>{{"yusuf.kaya", kNext + "/placement_offer/refugee-desk"},
                                                         {"tommaso.villa", kNext + "/placement_offer/rete-solidale"},
                                                         {"ahmed.saleh", kNext + "/placement_offer/ospitalita"},
                                                         {"fatima.benali", kNext + "/placement_offer/ospitalita"},
                                                         {"leila.amrani", kNext + "/placement_offer/rete-solidale"},
                                                         {"beatrice.fontana", kNext + "/placement_offer/teatro-comunita"},
                                                         {"matteo.colombo", kNext + "/placement_offer/parco-nord"}});
    const CliResult search = e.cli({"history", kNext + "/pilot"});
    CHECK(contains(search.out, "stable matching of placement_request in 'ranked_priority' with placement_offer in "
                               "'open': 4 of 4 matched"));
    // the refugee desk's one place goes to Yusuf, who has fewer opportunities, before Tommaso is searched for
    CHECK(contains(search.out, "yusuf.kaya: proposed refugee-desk (1st choice)"));
    CHECK(contains(search.out, "tommaso.villa: proposed rete-solidale (2nd choice): 1st choice refugee-desk had no "
                               "place open"));

    // quality standards again: Ospitalità meets them now, a new youth club does not yet
    const auto offers = state_by_id(e.cases(kNext, {"--type", "placement_offer"}));
    CHECK(offers.at("ospitalita") == "closed");
    CHECK(offers.at("circolo-lambrate") == "turned_down");
    CHECK(count_states(e.cases(kNext, {"--type", "placement_offer"})) ==
          std::map<std::string, int>{{"closed", 5}, {"turned_down", 1}});

    const auto placements = e.cases(kNext, {"--type", "placement"});
    CHECK(count_states(placements) == std::map<std::string, int>{{"recognised", 7}});
    for (const Listed& p : placements) CHECK(p.words.at("ects") == (p.id() == "matteo.colombo" ? "6" : "4"));
    const Certificates pdfs(e, kNext);
    CHECK(pdfs.files.size() == 7);
    pdfs.check("mileage-2025-placement-yusuf.kaya-ects-yusuf.kaya.pdf", {"Yusuf Kaya", "ECTS credits: 4", "Hours of community work: "});

    const CliResult left = e.cli({"placements", kNext, "--state", "any", "--with-places"});
    CHECK(left.exit_code == 0);
    CHECK(contains(left.out, "mileage-2025/placement_offer/teatro-comunita  closed  1/2 left"));
    CHECK(contains(left.out, "2 offers\n"));  // and the turned-down youth club
  }
  SECTION("the log verifies: hash chain, every decision and the searches") {
    check_verified(e, 47, "4 matching runs");
  }
}

TEST_CASE("the committed MILEAGE scenario is what generate.py writes", "[examples]") {
  check_generated("mileage-pilot");
}
