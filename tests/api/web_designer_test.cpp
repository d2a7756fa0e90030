// What staff and designers do from a page, through a real server and a real client: importing
// applicants from a CSV (every row decided first; one bad row and nothing is written), and
// checking a designer's files exactly as `mentorflow check` prints the result.
#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;
using nlohmann::json;

namespace {

std::string shipped(const std::string& path) {
  std::ifstream in(source_dir() / path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kImport = "/v1/editions/mie-2021/import?type=application&command=start_application";

}  // namespace

TEST_CASE("staff import applicants from a CSV, and one bad row means nothing is written", "[api][web]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  const auto before = api.store().head().position;

  HttpReply bad = c.request("POST", kImport,
                            "user,project,full_name\ncarlo,mie-2021/project/lyon-film,Carlo Neri\n"
                            "Dora Bad,mie-2021/project/lyon-film,Dora\n",
                            kCarla, "text/csv");
  INFO(bad.body);
  CHECK(bad.status == 422);
  REQUIRE(bad.json()["error"]["details"]["problems"].size() == 1);
  CHECK(bad.json()["error"]["details"]["problems"][0]["row"] == 3);
  CHECK(!bad.json()["error"]["details"]["problems"][0]["message"].get<std::string>().empty());
  CHECK(api.store().head().position == before);

  HttpReply dry = c.request("POST", kImport + "&dry_run=true", "user,project\ncarlo,mie-2021/project/lyon-film\n", kCarla,
                            "text/csv");
  CHECK(dry.status == 200);
  CHECK(dry.json()["dry_run"] == true);
  CHECK(api.store().head().position == before);

  HttpReply good = c.request("POST", kImport, "user,project,full_name\ncarlo,mie-2021/project/lyon-film,Carlo Neri\n",
                             kCarla, "text/csv");
  INFO(good.body);
  REQUIRE(good.status == 200);
  CHECK(good.json()["imported"] ==
        json::array({{{"row", 2}, {"case", "mie-2021/application/carlo"}, {"state", "draft"}, {"notes", json::array()}}}));
  CHECK(c.get("/v1/cases/mie-2021/application/carlo", kCarla).json()["parties"]["student"] == "carlo");

  // Only the edition's staff speak for applicants; a CSV comes as CSV.
  CHECK(c.request("POST", kImport, "user,project\nx,mie-2021/project/lyon-film\n", kAnna, "text/csv").status == 403);
  CHECK(c.request("POST", kImport, "user,project\nx,mie-2021/project/lyon-film\n", kAudrey, "text/csv").status == 403);
  CHECK(c.request("POST", kImport, "{}", kCarla, "application/json").status == 415);
  CHECK(c.request("POST", "/v1/editions/mie-2021/import?type=application", "user\nx\n", kCarla, "text/csv").status == 400);
}

TEST_CASE("a designer's files are checked as the CLI prints them, and drawn when they check", "[api][web]") {
  ApiFixture api;
  HttpClient c = api.client();
  const auto before = api.store().head().position;
  const std::string workflow = shipped("workflows/mie.flow");
  const std::string rules = shipped("rules/mie-2021.rules");

  HttpReply ok = c.post("/v1/check",
                        {{"workflow", {{"name", "workflows/mie.flow"}, {"text", workflow}}},
                         {"rules", {{"name", "rules/mie-2021.rules"}, {"text", rules}}}},
                        kAnna);
  INFO(ok.body.substr(0, 1000));
  REQUIRE(ok.status == 200);
  CHECK(ok.json()["ok"] == true);
  CHECK(ok.json()["items"].empty());
  CHECK(ok.json()["summary"].get<std::string>().starts_with("edition \"2021\" of mie"));
  CHECK(ok.json()["svg"].get<std::string>().find("<svg") != std::string::npos);

  // A typo in a state name: the same diagnostic `mentorflow check` prints, caret and all.
  std::string broken = workflow;
  const std::string from = "command confirm_match by staff from submitted to matched";
  REQUIRE(broken.find(from) != std::string::npos);
  broken.replace(broken.find(from), from.size(), "command confirm_match by staff from submited to matched");
  HttpReply bad = c.post("/v1/check", {{"workflow", {{"name", "workflows/mie.flow"}, {"text", broken}}}}, kAnna);
  REQUIRE(bad.status == 200);
  const json b = bad.json();
  CHECK(b["ok"] == false);
  CHECK(!b.contains("svg"));
  REQUIRE(!b["items"].empty());
  const json& first = b["items"][0];
  CHECK(first["severity"] == "error");
  CHECK(first["file"] == "workflows/mie.flow");
  const std::string diagnostics = b["diagnostics"];
  const std::string at = fmt::format("workflows/mie.flow:{}:{}: error: ", first["line"].get<int>(), first["column"].get<int>());
  CHECK(diagnostics.starts_with(at));
  CHECK(diagnostics.find("submited") != std::string::npos);
  CHECK(diagnostics.find('^') != std::string::npos);  // the caret under the word
  CHECK(b["summary"].get<std::string>().find("error") != std::string::npos);

  // Checking writes nothing; a body without a workflow is malformed.
  CHECK(api.store().head().position == before);
  CHECK(c.post("/v1/check", {{"rules", {{"text", rules}}}}, kAnna).status == 400);
  HttpReply rules_only = c.post("/v1/check", {{"workflow", {{"name", "rules/mie-2021.rules"}, {"text", rules}}}}, kAnna);
  CHECK(rules_only.status == 400);
}
