// What-if through the API on the UniMi edition run to its end (issue 14, item 8): with two
// mentees per mentor, the answer holds each mentor's capacity 1 -> 2 among the field values and
// the recorded matching run's lost and gained pairs, with the parties; the text is the CLI's.
#include "tests/api/unimi_server.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;
using nlohmann::json;

namespace {

const std::string kGiovanna = "tok-giovanna";  // career_service: staff

api::TokenTable tokens() {
  return api::TokenTable::from_tokens({{kGiovanna, {"giovanna.ricci", {"career_service"}, {"unimi-2025"}}}});
}

}  // namespace

TEST_CASE("what-if answers the changed field values and matching pairs as JSON", "[api][slow]") {
  UnimiServer served(tokens());
  HttpClient c = served.client();
  const std::string rules = "tests/engine/what_if_rules/unimi-2025-two-mentees.rules";
  HttpReply r = c.post("/v1/editions/unimi-2025/what-if", {{"rules", {{"name", rules}, {"text", file_text(rules)}}}},
                       kGiovanna);
  INFO(r.body);
  REQUIRE(r.status == 200);
  const json answer = r.json();
  CHECK(answer["field_values"] == 134);
  CHECK(answer["field_value_changes"] == 20);
  CHECK(answer["output_value_changes"] == 0);
  CHECK(answer["matching_runs"] == 1);
  CHECK(answer["matching_runs_changed"] == 1);

  // Every clause that produced values is there, those that change none too.
  json capacity;
  for (const json& g : answer["value_groups"])
    if (g["clause"] == "set capacity = mentees_per_mentor") capacity = g;
  REQUIRE(capacity.is_object());
  CHECK(capacity["values"] == 20);
  REQUIRE(capacity["changes"].size() == 20);
  CHECK(capacity["kind"] == "field");
  CHECK(capacity["changes"][0] == json{{"position", 228},
                                      {"case", "unimi-2025/mentor_application/paola.rinaldi"},
                                      {"parties", "mentor paola.rinaldi"},
                                      {"name", "capacity"},
                                      {"old_value", "1"},
                                      {"new_value", "2"},
                                      {"reason", ""}});

  const json& run = answer["runs"][0];
  CHECK(run["command"] == "run_matching");
  CHECK(run["pairs"] == 16);
  CHECK(run["new_pairs"] == 19);
  CHECK(run["problem"].is_null());
  REQUIRE(run["lost"].size() == 2);
  CHECK(run["lost"][1] == json{{"left", "unimi-2025/mentee_application/beatrice.leoni"},  // riccardo.mele applied first
                               {"left_parties", "mentee beatrice.leoni"},
                               {"right", "unimi-2025/mentor_application/davide.ferri"},
                               {"right_parties", "mentor davide.ferri"}});
  CHECK(run["gained"].size() == 5);
  CHECK(answer["text"].get<std::string>().find("16 pairs recorded, 19 under the new rules: 2 lost, 5 gained\n") != std::string::npos);
}
