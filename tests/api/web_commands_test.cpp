// What a person may do next, through a real server and a real client: the commands open to the
// caller on a case now (with their inputs' types and, for inputs naming other cases, the cases
// they may name), the commands that open a case (applying), and a dry run that says what a
// command would do and writes nothing.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;
using nlohmann::json;

namespace {

std::vector<std::string> names_of(const json& commands) {
  std::vector<std::string> names;
  for (const json& c : commands) names.push_back(c["name"]);
  return names;
}

const json& input_named(const json& command, const std::string& name) {
  const auto& inputs = command["inputs"];
  const auto it = std::find_if(inputs.begin(), inputs.end(), [&](const json& i) { return i["name"] == name; });
  REQUIRE(it != inputs.end());
  return *it;
}

void offer_and_publish(ApiFixture& api) {
  api.command(kMarco, "mie-2021/project/lyon-film", "offer_project",
              {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film production"}, {"language", "french"}},
              201);
  api.command(kCarla, "mie-2021/project/lyon-film", "publish_project", {}, 200);
}

}  // namespace

TEST_CASE("applying: the commands that open a case of a type, with the cases a ref input may name", "[api][web]") {
  ApiFixture api;
  offer_and_publish(api);
  api.command(kMarco, "mie-2021/project/paris-press", "offer_project",
              {{"host", "Le Monde"}, {"country", "France"}, {"sector", "press"}, {"language", "french"}}, 201);
  HttpClient c = api.client();

  HttpReply r = c.get("/v1/editions/mie-2021/commands?type=application", kAnna);
  INFO(r.body);
  REQUIRE(r.status == 200);
  const json open = r.json();
  CHECK(open["case"] == "mie-2021/application/anna");  // a participant's case is named by their id
  CHECK(open["exists"] == false);
  REQUIRE(names_of(open["commands"]) == std::vector<std::string>{"start_application"});
  const json& start = open["commands"][0];
  CHECK(start["role"] == "student");
  CHECK(start["creates"] == true);
  CHECK(start["label"] == json{{"en", "Start an application"}, {"it", "Inizia la candidatura"}});
  const json& project = input_named(start, "project");
  CHECK(project["label"]["it"] == "Progetto di mentoring");  // a filled field's label
  CHECK(project["type"]["kind"] == "ref");
  CHECK(project["type"]["case_type"] == "project");
  // Both projects are open to applications (neither is closed); each is offered with its host.
  REQUIRE(project["options"].size() == 2);
  CHECK(project["options"][0] == json{{"case", "mie-2021/project/lyon-film"}, {"id", "lyon-film"}, {"title", "Institut Lumière"}});
  CHECK(project["options"][1]["id"] == "paris-press");

  // Staff do not apply; a case type that does not exist or is a cohort is not offered.
  CHECK(c.get("/v1/editions/mie-2021/commands?type=application", kCarla).json()["commands"].empty());
  CHECK(c.get("/v1/editions/mie-2021/commands?type=nothing", kAnna).status == 404);
  CHECK(c.get("/v1/editions/mie-2021/commands?type=call", kAnna).status == 404);
  CHECK(c.get("/v1/editions/mie-2021/commands", kAnna).status == 400);
  CHECK(c.get("/v1/editions/mie-2021/commands?type=application", kOtto).status == 403);
  // A participant may not open a case in another person's name.
  CHECK(c.get("/v1/editions/mie-2021/commands?type=application&id=bruno", kAnna).json()["commands"].empty());
  CHECK(c.get("/v1/editions/mie-2021/commands?type=application&id=..%2Fx", kAnna).status == 400);

  api.command(kAnna, "mie-2021/application/anna", "start_application", {{"project", "mie-2021/project/lyon-film"}}, 201);
  HttpReply again = c.get("/v1/editions/mie-2021/commands?type=application", kAnna);
  CHECK(again.json()["exists"] == true);  // opened already: its commands are at /v1/commands/CASE
  CHECK(again.json()["commands"].empty());
}

TEST_CASE("the commands open on a case follow its state and the caller's roles", "[api][web]") {
  ApiFixture api;
  api.seed();  // anna has submitted, bruno's application is a draft
  HttpClient c = api.client();

  HttpReply bruno = c.get("/v1/commands/mie-2021/application/bruno", kBruno);
  INFO(bruno.body);
  REQUIRE(bruno.status == 200);
  const json open = bruno.json();
  CHECK(open["state"] == "draft");
  REQUIRE(names_of(open["commands"]) == std::vector<std::string>{"submit"});
  const json& submit = open["commands"][0];
  CHECK(input_named(submit, "certified_level")["type"]["kind"] == "cefr");
  CHECK(input_named(submit, "cv")["origin"] == "attach");

  // Submitted, anna's application is the staff's to decide; she has nothing to do.
  CHECK(c.get("/v1/commands/mie-2021/application/anna", kAnna).json()["commands"].empty());
  HttpReply carla = c.get("/v1/commands/mie-2021/application/anna", kCarla);
  CHECK(names_of(carla.json()["commands"]) ==
        std::vector<std::string>{"record_interview", "confirm_match", "not_select"});
  CHECK(carla.json()["commands"][0]["role"] == "staff");
  // The engine's own commands (expire, close_unmatched) are offered to no one.
  CHECK(c.get("/v1/commands/mie-2021/application/anna", kAudrey).json()["commands"].empty());

  // Another participant's case: refused, exactly as reading it, whether it exists or not.
  HttpReply other = c.get("/v1/commands/mie-2021/application/anna", kBruno);
  CHECK(other.status == 403);
  CHECK(c.get("/v1/commands/mie-2021/application/nobody", kBruno).status == 403);
  CHECK(c.get("/v1/commands/mie-2021/application/nobody", kCarla).status == 404);
  CHECK(c.get("/v1/commands/mie-2021/application/anna", kOtto).status == 403);
}

TEST_CASE("a dry run decides the command as for real and writes nothing", "[api][web]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  const auto before = api.store().head();

  HttpReply would = c.post("/v1/cases/mie-2021/application/anna", {{"command", "confirm_match"}, {"dry_run", true}}, kCarla);
  INFO(would.body);
  REQUIRE(would.status == 200);
  CHECK(would.json()["dry_run"] == true);
  CHECK(would.json()["state"] == "matched");
  CHECK(!would.json().contains("positions"));
  CHECK(!would.json()["other_cases"].empty());  // the mentorship it would create
  CHECK(api.store().head().position == before.position);
  CHECK(c.get("/v1/cases/mie-2021/application/anna", kCarla).json()["state"] == "submitted");

  // A refusal is the one the command would get.
  HttpReply refused = c.post("/v1/cases/mie-2021/application/anna",
                             {{"command", "not_select"}, {"inputs", {{"reason", "  "}}}, {"dry_run", true}}, kCarla);
  CHECK(refused.status == 422);
  CHECK(refused.json()["error"]["message"].get<std::string>().find("give the reason") != std::string::npos);
  CHECK(c.post("/v1/cases/mie-2021/application/anna", {{"command", "confirm_match"}, {"dry_run", true}}, kAnna).status == 403);
  CHECK(c.post("/v1/cases/mie-2021/application/anna", {{"command", "confirm_match"}, {"dry_run", "yes"}}, kCarla).status ==
        400);
  CHECK(api.store().head().position == before.position);
}

TEST_CASE("an edition's cases page by page: search, sort, order, total", "[api][web]") {
  ApiFixture api;
  api.seed();  // project lyon-film, applications anna (submitted) and bruno (draft), the call
  HttpClient c = api.client();
  const auto list = [&](const std::string& query) {
    HttpReply r = c.get("/v1/editions/mie-2021/cases" + query, kCarla);
    INFO(query << ": " << r.body);
    REQUIRE(r.status == 200);
    return r.json();
  };
  const auto ids = [](const json& page) {
    std::vector<std::string> out;
    for (const json& s : page["cases"]) out.push_back(s["case"]);
    return out;
  };

  const json all = list("");
  CHECK(all["total"] == 4);
  CHECK(all["offset"] == 0);
  CHECK(all["limit"] == 50);
  CHECK(ids(all) == std::vector<std::string>{"mie-2021/application/anna", "mie-2021/application/bruno", "mie-2021/call",
                                             "mie-2021/project/lyon-film"});
  CHECK(all["cases"][0]["parties"] == json{{"student", "anna"}});
  CHECK(all["cases"][0].contains("updated_at"));

  const json second = list("?type=application&limit=1&offset=1");
  CHECK(second["total"] == 2);  // the total counts every page
  CHECK(ids(second) == std::vector<std::string>{"mie-2021/application/bruno"});
  CHECK(list("?offset=10")["cases"].empty());
  CHECK(ids(list("?q=BRU")) == std::vector<std::string>{"mie-2021/application/bruno"});
  CHECK(ids(list("?q=marco")) == std::vector<std::string>{"mie-2021/project/lyon-film"});  // a party's id
  CHECK(ids(list("?type=application&sort=state&order=desc")) ==
        std::vector<std::string>{"mie-2021/application/anna", "mie-2021/application/bruno"});  // submitted > draft
  // Bruno's application changed last.
  CHECK(ids(list("?type=application&sort=updated_at&order=desc"))[0] == "mie-2021/application/bruno");

  for (const char* bad : {"?sort=name", "?order=up", "?limit=501", "?limit=-1", "?offset=x"}) {
    HttpReply r = c.get(std::string("/v1/editions/mie-2021/cases") + bad, kCarla);
    INFO(bad);
    CHECK(r.status == 400);
    CHECK(!r.json()["error"]["message"].get<std::string>().empty());
  }
  CHECK(c.get("/v1/editions/mie-2021/cases", kAnna).status == 403);
}
