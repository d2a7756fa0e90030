// The permission matrix of docs/API.md: every kind of caller against every endpoint, on a real
// server. Refused writes must leave the log exactly as it was.
#include <algorithm>
#include <array>

#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

// Columns of the matrix, in the order of docs/API.md.
const std::array<std::string, 9> kCallers = {"", kBogus, kAnna, kBruno, kMarco, kCarla, kOtto, kAudrey, kPat};
const std::array<std::string, 9> kCallerNames = {"no token", "unknown token", "anna (student, own case)",
                                                 "bruno (another student)", "marco (mentor)", "carla (staff)",
                                                 "otto (staff, other edition)", "audrey (auditor)", "pat (publisher)"};

struct Row {
  std::string method, target;
  nlohmann::json body;  // null: no body
  std::array<int, 9> expected;
};

std::string rules_body(const std::string& rules) {
  return nlohmann::json{{"rules", {{"name", rules}, {"text", file_text(rules)}}}}.dump();
}

void run_row(ApiFixture& api, const Row& row) {
  // The cells that succeed go last: a write that is accepted changes what the others would see.
  std::array<int, 9> order{};
  for (int i = 0; i < 9; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return (row.expected[a] < 300) < (row.expected[b] < 300); });
  for (int i : order) {
    const auto before = api.store().head().position;
    HttpClient c = api.client();
    HttpReply r = c.request(row.method, row.target, row.body.is_null() ? "" : row.body.dump(), kCallers[i]);
    INFO(row.method << " " << row.target << " by " << kCallerNames[i] << ": " << r.body);
    CHECK(r.status == row.expected[i]);
    if (r.status >= 400) {
      CHECK(api.store().head().position == before);
      CHECK(!r.error_code().empty());
    }
  }
}

}  // namespace

TEST_CASE("every caller against every endpoint gets the status of the matrix", "[api]") {
  ApiFixture api;
  api.seed();
  const std::string anna = "/v1/cases/mie-2021/application/anna";
  const nlohmann::json what_if = nlohmann::json::parse(rules_body("rules/mie-2022.rules"));
  const nlohmann::json publish = {{"workflow", {{"name", "workflows/mie.flow"}, {"text", file_text("workflows/mie.flow")}}},
                                  {"rules", {{"name", "rules/mie-2021.rules"}, {"text", file_text("rules/mie-2021.rules")}}}};
  const nlohmann::json submit = {{"command", "submit"}, {"inputs", ApiFixture::submit_inputs()}};
  const nlohmann::json confirm = {{"command", "confirm_match"}};
  //                                                         none  bogus anna  bruno marco carla otto  audr  pat
  const std::vector<Row> rows = {
      {"GET", "/v1/health", nullptr, {200, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET", "/metrics", nullptr, {200, 200, 200, 200, 200, 200, 200, 200, 200}},
      {"GET", anna, nullptr, {401, 401, 200, 403, 403, 200, 403, 200, 403}},
      {"GET", "/v1/history/mie-2021/application/anna", nullptr, {401, 401, 200, 403, 403, 200, 403, 200, 403}},
      {"GET", "/v1/cases/mie-2021/project/lyon-film", nullptr, {401, 401, 403, 403, 200, 200, 403, 200, 403}},
      {"GET", "/v1/cases/mie-2021/call", nullptr, {401, 401, 403, 403, 403, 200, 403, 200, 403}},
      {"GET", "/v1/editions/mie-2021/cases", nullptr, {401, 401, 403, 403, 403, 200, 403, 200, 403}},
      {"GET", "/v1/editions/mie-2021/placements", nullptr, {401, 401, 200, 200, 200, 200, 403, 200, 403}},
      {"GET", "/v1/streams/mie-2021/application/anna", nullptr, {401, 401, 403, 403, 403, 200, 403, 200, 403}},
      {"POST", "/v1/editions/mie-2021/what-if", what_if, {401, 401, 403, 403, 403, 200, 403, 200, 403}},
      {"PUT", "/v1/editions/mie-2021", publish, {401, 401, 403, 403, 403, 403, 403, 403, 200}},
      {"POST", "/v1/cases/mie-2021/application/bruno", submit, {401, 401, 403, 200, 403, 403, 403, 403, 403}},
      {"POST", anna, confirm, {401, 401, 403, 403, 403, 200, 403, 403, 403}},
  };
  for (const Row& row : rows) run_row(api, row);
}

TEST_CASE("a participant reads only their own cases and no lists", "[api]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  // bruno asks for anna's case, her history, her stream, and the edition's list: all refused.
  for (const std::string target : {"/v1/cases/mie-2021/application/anna", "/v1/history/mie-2021/application/anna",
                                   "/v1/streams/mie-2021/application/anna", "/v1/editions/mie-2021/cases",
                                   "/v1/editions/mie-2021/cases?state=submitted"}) {
    HttpReply r = c.get(target, kBruno);
    INFO(target << ": " << r.body);
    CHECK(r.status == 403);
    CHECK(r.body.find("cv-fr.pdf") == std::string::npos);  // nothing of anna's leaks into the refusal
  }
  // His own case he sees whole.
  HttpReply own = c.get("/v1/cases/mie-2021/application/bruno", kBruno);
  REQUIRE(own.status == 200);
  CHECK(own.json()["parties"]["student"] == "bruno");
}

TEST_CASE("a participant acting on someone else's case, or in a role they do not hold, is forbidden", "[api]") {
  ApiFixture api;
  api.seed();
  const auto before = api.store().head().position;
  // bruno tries to submit anna's application (a student command, but not his case).
  HttpReply r = api.command(kBruno, "mie-2021/application/anna", "submit", ApiFixture::submit_inputs());
  CHECK(r.status == 403);
  CHECK(r.error_code() == "forbidden");
  CHECK(r.json()["error"]["message"].get<std::string>().find("not a party") != std::string::npos);
  // anna claims the staff role her token does not hold.
  HttpClient c = api.client();
  r = c.post("/v1/cases/mie-2021/application/anna", {{"command", "confirm_match"}, {"role", "staff"}}, kAnna);
  CHECK(r.status == 403);
  // the auditor may read everything but write nothing, even naming the role.
  r = c.post("/v1/cases/mie-2021/application/bruno", {{"command", "submit"}, {"role", "auditor"}}, kAudrey);
  CHECK(r.status == 403);
  CHECK(api.store().head().position == before);
}

TEST_CASE("a participant sees other participants' entries in a shared history without their data", "[api]") {
  ApiFixture api;
  api.seed();
  api.command(kCarla, "mie-2021/application/anna", "confirm_match", {}, 200);
  const std::string pair = "mie-2021/mentorship/anna";
  api.command(kMarco, pair, "sign_agreement_as_mentor", {}, 200);
  api.command(kAnna, pair, "sign_agreement_as_mentee", {}, 200);
  api.command(kAnna, pair, "send_agreement", {{"topics", "film production abroad"}, {"agreement", "agreement.pdf"}}, 200);
  api.command(kMarco, pair, "log_meeting", {{"held_on", "2021-09-19 18:00 Europe/Rome"}, {"length", "90min"}}, 200);

  auto entry_of = [](const nlohmann::json& history, const std::string& command) {
    for (const auto& e : history["entries"])
      if (e["command"] == command) return e;
    FAIL("no entry for " << command);
    return nlohmann::json();
  };
  HttpClient c = api.client();
  HttpReply as_anna = c.get("/v1/history/" + pair, kAnna);
  REQUIRE(as_anna.status == 200);
  const auto meeting = entry_of(as_anna.json(), "log_meeting");
  CHECK(meeting["inputs"].empty());
  CHECK(meeting["redacted"] == true);
  CHECK(meeting["actor"]["user"] == "marco");
  CHECK(entry_of(as_anna.json(), "send_agreement")["inputs"]["topics"] == "film production abroad");  // her own

  HttpReply as_marco = c.get("/v1/history/" + pair, kMarco);
  REQUIRE(as_marco.status == 200);
  CHECK(entry_of(as_marco.json(), "log_meeting")["inputs"]["length"] == "90min");
  CHECK(entry_of(as_marco.json(), "send_agreement")["inputs"].empty());

  HttpReply as_staff = c.get("/v1/history/" + pair, kCarla);
  REQUIRE(as_staff.status == 200);
  CHECK(entry_of(as_staff.json(), "log_meeting")["inputs"]["length"] == "90min");
  CHECK(!entry_of(as_staff.json(), "log_meeting").contains("redacted"));
}
