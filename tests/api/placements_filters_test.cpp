// The placement search's filters through the server, on the shipped MILEAGE workflow and pilot
// rules: a state or field of work no offer can have is a 400 naming the known ones, as the CLI's
// error (the same engine::read_models::search_placements answers both).
#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

const std::string kSearch = "/v1/editions/mileage-pilot/placements";

std::string message_of(const HttpReply& r) { return r.json()["error"]["message"].get<std::string>(); }

}  // namespace

TEST_CASE("the placement search answers 400 for a state or field of work no offer can have", "[api]") {
  ApiFixture api;
  api.clock().set(rome("2024-01-15 09:00"));
  const nlohmann::json body = {
      {"workflow", {{"name", "workflows/mileage-placement.flow"}, {"text", file_text("workflows/mileage-placement.flow")}}},
      {"rules", {{"name", "rules/mileage-pilot.rules"}, {"text", file_text("rules/mileage-pilot.rules")}}}};
  REQUIRE(api.client().request("PUT", "/v1/editions/mileage-pilot", body.dump(), kPilotPublisher).status == 201);
  HttpClient c = api.client();

  HttpReply field = c.get(kSearch + "?field=bogus", kIva);
  CHECK(field.status == 400);
  CHECK(field.error_code() == "invalid");
  CHECK(message_of(field) ==
        "unknown field of work 'bogus': the known fields of work are social_services, education, youth_work, health, "
        "environment, culture, community_development");
  HttpReply state = c.get(kSearch + "?state=opne", kAna);
  CHECK(state.status == 400);
  CHECK(message_of(state) == "unknown offer state 'opne': the known offer states are proposed, open, turned_down, closed");

  // A known value with no offer is an empty answer; language is text in MILEAGE: any value searches.
  HttpReply health = c.get(kSearch + "?field=health&state=closed", kIva);
  REQUIRE(health.status == 200);
  CHECK(health.json()["offers"].empty());
  CHECK(c.get(kSearch + "?language=klingon", kIva).status == 200);
}
