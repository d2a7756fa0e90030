// The placement search through the server, on the shipped MILEAGE workflow and pilot rules:
// every role of the edition may search; only staff and auditors see who holds the places.
#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

const std::string kSearch = "/v1/editions/mileage-pilot/placements";

void publish_pilot(ApiFixture& api) {
  const nlohmann::json body = {
      {"workflow", {{"name", "workflows/mileage-placement.flow"}, {"text", file_text("workflows/mileage-placement.flow")}}},
      {"rules", {{"name", "rules/mileage-pilot.rules"}, {"text", file_text("rules/mileage-pilot.rules")}}}};
  HttpReply r = api.client().request("PUT", "/v1/editions/mileage-pilot", body.dump(), kPilotPublisher);
  INFO(r.body);
  REQUIRE(r.status == 201);
}

void offer(ApiFixture& api, const std::string& id, const std::string& language, int places) {
  const std::string name = "mileage-pilot/placement_offer/" + id;
  api.command(kNgo, name, "offer_placement",
              {{"ngo", "NGO " + id}, {"title", "Placement " + id}, {"area", "education"}, {"location", "Zagreb"},
               {"language", language}, {"starts", "2024-03-01"}, {"ends", "2024-06-30"}, {"places", places},
               {"hours", 120}, {"fewer_opportunities_support", false}},
              201);
  api.command(kAna, name, "review_placement", {{"meets_quality_standards", true}, {"note", "meets them"}}, 200);
}

std::vector<std::string> offers_of(const HttpReply& r) {
  std::vector<std::string> names;
  const nlohmann::json body = r.json();
  for (const auto& o : body["offers"]) names.push_back(o["offer"]);
  return names;
}

}  // namespace

TEST_CASE("the placement search answers every role of the edition, with filters", "[api]") {
  ApiFixture api;
  api.clock().set(rome("2024-01-15 09:00"));
  publish_pilot(api);
  offer(api, "library", "croatian", 2);
  offer(api, "youth-club", "english", 1);
  HttpClient c = api.client();

  HttpReply all = c.get(kSearch, kIva);
  REQUIRE(all.status == 200);
  CHECK(offers_of(all) == std::vector<std::string>{"mileage-pilot/placement_offer/library",
                                                    "mileage-pilot/placement_offer/youth-club"});
  CHECK(all.json()["offers"][0]["places_left"] == 2);
  CHECK(!all.json()["offers"][0].contains("taken_by"));  // a student does not see who holds places

  HttpReply english = c.get(kSearch + "?language=English&with_places=true", kIva);
  REQUIRE(english.status == 200);
  CHECK(offers_of(english) == std::vector<std::string>{"mileage-pilot/placement_offer/youth-club"});

  HttpReply staff = c.get(kSearch + "?state=any", kAna);
  REQUIRE(staff.status == 200);
  CHECK(staff.json()["offers"][0].contains("taken_by"));
  CHECK(c.get(kSearch, kAudrey).status == 200);

  CHECK(c.get(kSearch).status == 401);
  CHECK(c.get(kSearch, kAnna).status == 403);            // a token of another edition
  CHECK(c.get(kSearch, kPilotPublisher).status == 403);  // publishing is not a role of the edition
  CHECK(c.get(kSearch + "?from=March", kIva).status == 400);
  CHECK(c.get(kSearch + "?with_places=yes", kIva).status == 400);
  CHECK(c.get("/v1/editions/mie-2021/placements", kCarla).json()["offers"].empty());
}
