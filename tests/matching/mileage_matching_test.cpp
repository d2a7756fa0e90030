// The MILEAGE placement search end to end through the real CLI with the shipped workflow and its
// pilot rules: two `match` clauses in one command (students with fewer opportunities first, then
// everyone else on the places left), the edition's `suitable` rule as acceptability, and the
// coordinator's confirmation creating the placement.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::source_dir;
using mentorflow::testing::contains;

namespace {

const std::string kEdition = "mileage-pilot";
const std::string kNow = "2024-01-15 10:00 Europe/Rome";

std::string offer(const std::string& id) { return kEdition + "/placement_offer/" + id; }
std::string request(const std::string& id) { return kEdition + "/placement_request/" + id; }

struct Mileage : CliStore {

  Mileage() : CliStore(kNow) {
    ok(cli({"publish", (source_dir() / "workflows/mileage-placement.flow").string(), "--rules",
            (source_dir() / "rules/mileage-pilot.rules").string(), "--edition", kEdition, "--now", kNow}));
  }
  void add_offer(const std::string& id, const std::string& language, bool support) {
    ok(exec("ngo_mentor:" + id + "_tutor", offer(id), "offer_placement",
            {{"ngo", id}, {"title", "community work"}, {"area", "youth_work"}, {"location", "Ljubljana"},
             {"language", language}, {"starts", "2024-03-01"}, {"ends", "2024-06-30"}, {"places", 1},
             {"hours", 120}, {"fewer_opportunities_support", support}}));
    ok(exec("coordinator:maja", offer(id), "review_placement", {{"meets_quality_standards", true}, {"note", "ok"}}));
  }
  void add_request(const std::string& id, bool fewer, const std::vector<std::string>& languages,
                   const std::vector<std::string>& choices) {
    ok(exec("student:" + id, request(id), "request_placement",
            {{"study_programme", "social work"}, {"fewer_opportunities", fewer}, {"languages", languages},
             {"interests", {"youth_work"}}, {"available_from", "2024-01-01"}, {"available_until", "2024-12-31"}}));
    ok(exec("counsellor:tina", request(id), "hold_advisory",
            {{"held_on", "2024-01-10T10:00:00+01:00"}, {"notes", "ready"}}));
    nlohmann::json list = nlohmann::json::array();
    for (const auto& c : choices) list.push_back(offer(c));
    ok(exec("student:" + id, request(id), "choose_placements", {{"choices", list}}));
  }
};

}  // namespace

TEST_CASE("MILEAGE: students with fewer opportunities are matched first, on suitable placements", "[matching][cli]") {
  Mileage m;
  m.add_offer("ngo1", "italian", true);
  m.add_offer("ngo2", "english", false);
  m.add_request("gina", true, {"italian", "english"}, {"ngo2", "ngo1"});  // ngo2 cannot support her
  m.add_request("hugo", false, {"italian"}, {"ngo1"});
  m.add_request("ivo", false, {"english"}, {"ngo2"});
  REQUIRE(m.state(request("gina")).at("state") == "ranked_priority");
  REQUIRE(m.state(request("hugo")).at("state") == "ranked");

  auto run = m.ok(m.exec("coordinator:maja", kEdition + "/pilot", "run_placement_search", nlohmann::json::object()));
  INFO(run.out);
  CHECK(contains(run.out, "placement_request in 'ranked_priority' with placement_offer in 'open': 1 of 1 matched"));
  CHECK(contains(run.out, "placement_request in 'ranked' with placement_offer in 'open': 1 of 2 matched"));
  CHECK(contains(run.out, "not matched: hugo"));

  CHECK(m.state(request("gina")).at("fields").at("proposed_offer") == offer("ngo1"));
  CHECK(m.state(request("ivo")).at("fields").at("proposed_offer") == offer("ngo2"));
  CHECK(m.state(request("hugo")).at("state") == "ranked");
  auto gina = m.ok(m.cli({"history", request("gina")}));
  CHECK(contains(gina.out, "matching: proposed ngo1 (2nd choice): 1st choice ngo2 is not acceptable (rule suitable)"));
  auto hugo = m.ok(m.cli({"history", request("hugo")}));
  CHECK(contains(hugo.out, "matching: not matched: 1st choice ngo1 had no place open"));

  m.ok(m.exec("coordinator:maja", request("gina"), "confirm_placement", nlohmann::json::object()));
  auto placement = m.state(kEdition + "/placement/gina");
  CHECK(placement.at("state") == "agreed");
  CHECK(placement.at("parties").at("ngo_mentor") == "ngo1_tutor");
  CHECK(m.state(request("gina")).at("state") == "placed");
  CHECK(contains(m.ok(m.cli({"verify"})).out, "re-ran 2 matching runs: each gives the matches recorded"));
}
