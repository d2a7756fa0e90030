// The placement search through the real CLI, on the shipped MILEAGE workflow and pilot rules:
// offers listed with their places left, filters, a place taken by a confirmed placement and
// given back by a withdrawal, and the same answers after `mentorflow replay`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/event_store.hpp"
#include "tests/support/cli_store.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::source_dir;

namespace {

const std::string kEdition = "mileage-pilot";

struct Pilot : CliStore {
  // `command` on the edition's case `c` (TYPE/ID), which must accept it; `json`: the inputs' text.
  void act(const std::string& as, const std::string& c, const std::string& command, const std::string& json = "{}") {
    ok(exec_text(as, kEdition + "/" + c, command, json));
  }
  void offer(const std::string& id, const std::string& area, const std::string& location, const std::string& language,
             const std::string& starts, const std::string& ends, int places, bool fewer, bool open) {
    act("ngo_mentor:ngo-" + id, "placement_offer/" + id, "offer_placement",
         nlohmann::json{{"ngo", "NGO " + id}, {"title", "Placement " + id}, {"area", area}, {"location", location},
                        {"language", language}, {"starts", starts}, {"ends", ends}, {"places", places},
                        {"hours", 120}, {"fewer_opportunities_support", fewer}}
             .dump());
    act("coordinator:ana", "placement_offer/" + id, "review_placement",
         nlohmann::json{{"meets_quality_standards", open}, {"note", open ? "meets them" : "no supervisor"}}.dump());
  }
  // A student asks, is advised and chooses `offer`.
  void choose(const std::string& student, const std::string& offer) {
    act("student:" + student, "placement_request/" + student, "request_placement",
         R"({"study_programme": "social work", "fewer_opportunities": false, "languages": ["croatian", "english"],
             "interests": ["education"], "available_from": "2024-02-01", "available_until": "2024-09-30"})");
    act("counsellor:maja", "placement_request/" + student, "hold_advisory",
         R"({"held_on": "2024-01-15 09:00 Europe/Zagreb", "notes": "motivated"})");
    act("student:" + student, "placement_request/" + student, "choose_placements",
         R"({"choices": [")" + kEdition + "/placement_offer/" + offer + R"("]})");
  }
  // The pilot's search run: each student who chose is proposed a placement, which holds one of
  // its places (every student here speaks the offers' languages and is free on their dates).
  void run_search() { act("coordinator:ana", "pilot", "run_placement_search"); }
  // The coordinator confirms a proposal: the placement takes the place.
  void confirm(const std::string& student) { act("coordinator:ana", "placement_request/" + student, "confirm_placement"); }
  // The offer's own count of its places: {proposed, taken}.
  std::pair<int, int> held(const std::string& id) {
    auto r = cli({"state", kEdition + "/placement_offer/" + id});
    REQUIRE(r.exit_code == 0);
    const auto fields = nlohmann::json::parse(r.out).at("fields");
    return {fields.at("places_proposed").get<int>(), fields.at("places_taken").get<int>()};
  }
  std::vector<std::string> offers(std::vector<std::string> filters) {
    filters.insert(filters.begin(), {"placements", kEdition, "--json"});
    auto r = cli(filters);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> names;
    for (const auto& o : nlohmann::json::parse(r.out)) names.push_back(o.at("offer").get<std::string>().substr(kEdition.size() + 17));
    return names;
  }
  nlohmann::json offer_json(const std::string& id) {
    auto r = cli({"placements", kEdition, "--json", "--state", "any"});
    REQUIRE(r.exit_code == 0);
    for (const auto& o : nlohmann::json::parse(r.out))
      if (o.at("offer") == kEdition + "/placement_offer/" + id) return o;
    FAIL("no offer " << id);
    return {};
  }

  Pilot() : CliStore("2024-01-15 09:00 Europe/Zagreb") {
    auto r = cli({"publish", (source_dir() / "workflows/mileage-placement.flow").string(), "--rules",
                  (source_dir() / "rules/mileage-pilot.rules").string(), "--edition", kEdition, "--now",
                  "2024-01-10 09:00 Europe/Zagreb"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    offer("kitchen", "social_services", "Zagreb", "croatian", "2024-03-01", "2024-06-30", 2, true, true);
    offer("school", "education", "Split", "croatian", "2024-02-15", "2024-05-31", 1, false, true);
    offer("youth", "youth_work", "Zagreb", "english", "2024-04-01", "2024-09-30", 3, true, true);
    offer("museum", "culture", "Rijeka", "croatian", "2024-03-01", "2024-06-30", 2, false, false);
  }
};

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("the placement search lists open offers and filters them", "[engine][cli]") {
  Pilot pilot;
  CHECK(pilot.offers({}) == Names{"kitchen", "school", "youth"});  // the museum was turned down
  CHECK(pilot.offers({"--state", "any"}) == Names{"kitchen", "museum", "school", "youth"});
  CHECK(pilot.offers({"--state", "turned_down"}) == Names{"museum"});
  CHECK(pilot.offers({"--field", "education"}) == Names{"school"});
  CHECK(pilot.offers({"--location", "zagreb"}) == Names{"kitchen", "youth"});
  CHECK(pilot.offers({"--language", "English"}) == Names{"youth"});
  CHECK(pilot.offers({"--fewer-opportunities"}) == Names{"kitchen", "youth"});
  CHECK(pilot.offers({"--from", "2024-03-01"}) == Names{"kitchen", "youth"});
  CHECK(pilot.offers({"--until", "2024-06-30"}) == Names{"kitchen", "school"});
  CHECK(pilot.offers({"--from", "2024-03-01", "--until", "2024-06-30", "--location", "Zagreb"}) == Names{"kitchen"});

  const nlohmann::json kitchen = pilot.offer_json("kitchen");
  CHECK(kitchen["ngo"] == "NGO kitchen");
  CHECK(kitchen["places"] == 2);
  CHECK(kitchen["places_left"] == 2);
  CHECK(kitchen["fewer_opportunities_support"] == true);
  CHECK(kitchen["starts"] == "2024-03-01");

  auto text = pilot.cli({"placements", kEdition, "--field", "social_services"});
  CHECK(text.out ==
        "mileage-pilot/placement_offer/kitchen  open  2/2 left  social_services  Zagreb  croatian  "
        "2024-03-01..2024-06-30  fewer-opportunities  NGO kitchen: Placement kitchen\n1 offer\n");
}

TEST_CASE("a confirmed placement takes a place, a withdrawn one gives it back, a full offer drops out of --with-places",
          "[engine][cli]") {
  Pilot pilot;
  pilot.choose("luka", "school");
  pilot.choose("mia", "kitchen");
  pilot.choose("ivo", "kitchen");
  pilot.run_search();
  CHECK(pilot.offer_json("kitchen")["places_left"] == 2);  // proposals hold places; only confirmed ones take them
  pilot.confirm("luka");
  nlohmann::json school = pilot.offer_json("school");
  CHECK(school["places_left"] == 0);
  CHECK(school["taken_by"] == nlohmann::json::array({"mileage-pilot/placement/luka"}));
  CHECK(pilot.offers({"--with-places"}) == Names{"kitchen", "youth"});

  pilot.confirm("mia");
  CHECK(pilot.offer_json("kitchen")["places_left"] == 1);
  CHECK(pilot.offers({"--with-places"}) == Names{"kitchen", "youth"});
  pilot.confirm("ivo");
  CHECK(pilot.offer_json("kitchen")["places_left"] == 0);
  CHECK(pilot.offers({"--with-places"}) == Names{"youth"});

  // A student who withdraws gives the place back.
  pilot.act("student:luka", "placement/luka", "withdraw_placement", R"({"reason": "moved to another city"})");
  school = pilot.offer_json("school");
  CHECK(school["places_left"] == 1);
  CHECK(school["taken_by"] == nlohmann::json::array());
  CHECK(pilot.offers({"--with-places"}) == Names{"school", "youth"});

  // A closed offer is no longer searched; its record stays.
  pilot.act("coordinator:ana", "placement_offer/youth", "close_placement");
  CHECK(pilot.offers({}) == Names{"kitchen", "school"});
  CHECK(pilot.offers({"--with-places"}) == Names{"school"});
  CHECK(pilot.offers({"--state", "closed"}) == Names{"youth"});
}

TEST_CASE("a reassignment goes only to an open offer with a place left, with a reason, nothing else is written",
          "[engine][cli]") {
  Pilot pilot;
  pilot.choose("luka", "school");
  pilot.choose("mia", "kitchen");
  pilot.run_search();
  pilot.confirm("luka");  // the school's one place is taken; mia's proposal holds one of the kitchen's
  CHECK(pilot.held("kitchen") == std::pair{1, 0});
  const auto reassign = [&](const std::string& offer, const std::string& reason) {
    return pilot.cli({"exec", "--as", "coordinator:ana", "--now", pilot.now,
                      kEdition + "/placement_request/mia", "reassign_placement",
                      nlohmann::json{{"offer", kEdition + "/placement_offer/" + offer}, {"reason", reason}}.dump()});
  };
  const auto before = pilot.cli({"export"});

  auto full = reassign("school", "closer to home");
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("hold_place refused on mileage-pilot/placement_offer/school: no place left at Placement school: "
                      "1 taken and 0 proposed of 1") != std::string::npos);
  auto closed = reassign("museum", "closer to home");  // turned down at the review
  CHECK(closed.exit_code == 1);
  CHECK(closed.err.find("is allowed only from 'open'") != std::string::npos);
  auto silent = reassign("youth", "");
  CHECK(silent.exit_code == 1);
  CHECK(silent.err.find("give the reason for the reassignment") != std::string::npos);
  CHECK(pilot.cli({"export"}).out == before.out);  // refused: the store is as it was

  auto moved = reassign("youth", "the youth centre asked for her");
  INFO(moved.err);
  CHECK(moved.exit_code == 0);
  CHECK(pilot.held("kitchen") == std::pair{0, 0});  // the place the proposal held is given back
  CHECK(pilot.held("youth") == std::pair{1, 0});
  pilot.act("coordinator:ana", "placement_request/mia", "confirm_placement");
  CHECK(pilot.held("youth") == std::pair{0, 1});
  CHECK(pilot.offer_json("youth")["places_left"] == 2);
  pilot.act("student:mia", "placement/mia", "withdraw_placement", R"({"reason": "moved abroad"})");
  CHECK(pilot.held("youth") == std::pair{0, 0});
  CHECK(pilot.offer_json("youth")["places_left"] == 3);
}

TEST_CASE("replay rebuilds the placement search to the same answer, byte for byte", "[engine][cli]") {
  Pilot pilot;
  for (auto [student, offer] : {std::pair{"luka", "school"}, {"mia", "kitchen"}, {"ivo", "kitchen"}})
    pilot.choose(student, offer);
  pilot.run_search();
  for (const char* student : {"luka", "mia", "ivo"}) pilot.confirm(student);
  pilot.act("coordinator:ana", "placement/mia", "withdraw_placement", R"({"reason": "ended by the NGO"})");
  auto before = pilot.cli({"placements", "--json", "--state", "any"});
  REQUIRE(before.exit_code == 0);
  REQUIRE(pilot.cli({"replay"}).exit_code == 0);
  auto after = pilot.cli({"placements", "--json", "--state", "any"});
  CHECK(after.out == before.out);
  const auto offers = nlohmann::json::parse(after.out);
  CHECK(offers.size() == 4);
  CHECK(offers[0]["taken_by"] == nlohmann::json::array({"mileage-pilot/placement/ivo"}));  // kitchen: mia withdrew
}

TEST_CASE("placements refuses a malformed date and extra arguments", "[engine][cli]") {
  Pilot pilot;
  auto bad = pilot.cli({"placements", "--from", "March"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("'March' is not a date (YYYY-MM-DD)") != std::string::npos);
  CHECK(pilot.cli({"placements", "a", "b"}).exit_code == 2);
  CHECK(pilot.cli({"placements", "--colour", "red"}).exit_code == 2);
}

TEST_CASE("placements refuses a state or field of work no offer can have, naming the known ones", "[engine][cli]") {
  Pilot pilot;
  auto field = pilot.cli({"placements", kEdition, "--field", "bogus"});
  CHECK(field.exit_code == 1);
  CHECK(field.out.empty());
  CHECK(field.err ==
        "mentorflow: unknown field of work 'bogus': the known fields of work are social_services, education, "
        "youth_work, health, environment, culture, community_development\n");
  auto state = pilot.cli({"placements", "--state", "opne"});  // every edition: the same vocabulary here
  CHECK(state.exit_code == 1);
  CHECK(state.err == "mentorflow: unknown offer state 'opne': the known offer states are proposed, open, turned_down, closed\n");

  // A known value is an answer, even an empty one; the field of work compares without case.
  CHECK(pilot.offers({"--field", "health"}).empty());
  CHECK(pilot.offers({"--field", "Education"}) == Names{"school"});
  // Location and language are text in MILEAGE's workflow: any value is a search.
  CHECK(pilot.offers({"--language", "klingon"}).empty());
  CHECK(pilot.offers({"--location", "Atlantis"}).empty());
  // The vocabulary is part of the read model: rebuilt by replay to the same answer.
  REQUIRE(pilot.cli({"replay"}).exit_code == 0);
  CHECK(pilot.cli({"placements", kEdition, "--field", "bogus"}).err == field.err);
}

TEST_CASE("the search answers while another process holds the store, from the views as they are", "[engine][cli]") {
  Pilot pilot;
  pilot.choose("luka", "school");
  pilot.run_search();
  pilot.confirm("luka");
  const auto expected = pilot.cli({"placements", "--json"});
  REQUIRE(expected.exit_code == 0);
  {
    // This test process holds the store as a server would: the CLI may only read it.
    auto held = mentorflow::store::EventStore::open(pilot.store);
    REQUIRE(held.is_ok());
    auto busy = pilot.cli({"exec", "--as", "student:mia", kEdition + "/placement_request/mia", "request_placement", "{}"});
    CHECK(busy.exit_code == 1);  // a writer is refused
    auto read = pilot.cli({"placements", "--json"});
    INFO(read.err);
    CHECK(read.exit_code == 0);
    CHECK(read.out == expected.out);
    CHECK(read.err.empty());  // the views are current: nothing to warn about
  }
  auto missing = pilot.cli({"placements"}, (pilot.dir / "missing").string());
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("does not exist") != std::string::npos);
  CHECK(!std::filesystem::exists(pilot.dir / "missing"));  // a search never creates a store
}
