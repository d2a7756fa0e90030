// The permission matrix of docs/API.md: every kind of caller against every endpoint, on a real
// server. Refused writes must leave the log exactly as it was.
#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <thread>
#include <vector>

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
  const nlohmann::json mentor_signs = {{"command", "sign_agreement_as_mentor"}};
  const nlohmann::json mentee_signs = {{"command", "sign_agreement_as_mentee"}};
  const nlohmann::json close = {{"command", "close_applications"}};
  const nlohmann::json results = {{"command", "publish_results"}};
  const std::string nobody = "/v1/cases/mie-2021/application/nobody";
  // Time travel to just after anna opened her application (her case then, as it is now to decide who reads).
  HttpClient staff = api.client();
  const auto opened = staff.get("/v1/history/mie-2021/application/anna", kCarla).json()["entries"][0]["positions"]["last"];
  const std::string anna_then = anna + "?at=" + std::to_string(opened.get<std::uint64_t>());
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
      {"GET", anna_then, nullptr, {401, 401, 200, 403, 403, 200, 403, 200, 403}},
      // A case that does not exist: participants hear what they hear of a case not theirs.
      {"GET", nobody, nullptr, {401, 401, 403, 403, 403, 404, 403, 404, 403}},
      {"GET", nobody + "?at=3", nullptr, {401, 401, 403, 403, 403, 404, 403, 404, 403}},
      {"GET", "/v1/history/mie-2021/application/nobody", nullptr, {401, 401, 403, 403, 403, 404, 403, 404, 403}},
      {"POST", nobody, submit, {401, 401, 403, 403, 403, 403, 403, 403, 403}},
      {"POST", "/v1/cases/mie-2021/application/bruno", submit, {401, 401, 403, 200, 403, 403, 403, 403, 403}},
      {"POST", anna, confirm, {401, 401, 403, 403, 403, 200, 403, 403, 403}},
      // The mentorship confirming created: each party signs for their own side only.
      {"POST", "/v1/cases/mie-2021/mentorship/anna", mentor_signs, {401, 401, 403, 403, 200, 403, 403, 403, 403}},
      {"POST", "/v1/cases/mie-2021/mentorship/anna", mentee_signs, {401, 401, 200, 403, 403, 403, 403, 403, 403}},
      {"GET", "/v1/cases/mie-2021/mentorship/anna", nullptr, {401, 401, 200, 403, 200, 200, 403, 200, 403}},
      // Cohort commands: staff only, and only from the cohort's state.
      {"POST", "/v1/cases/mie-2021/call", results, {401, 401, 403, 403, 403, 409, 403, 403, 403}},
      {"POST", "/v1/cases/mie-2021/call", close, {401, 401, 403, 403, 403, 200, 403, 403, 403}},
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

TEST_CASE("a token holding the engine's own role system may not act in it", "[api]") {
  ApiFixture api;
  api.seed();
  const auto before = api.store().head().position;
  HttpClient c = api.client();
  // `expire` is a command only `system` may issue (the deadline's timer does).
  HttpReply r = c.post("/v1/cases/mie-2021/application/bruno", {{"command", "expire"}}, kSystem);
  CHECK(r.status == 403);
  r = c.post("/v1/cases/mie-2021/application/bruno", {{"command", "expire"}, {"role", "system"}}, kSystem);
  CHECK(r.status == 403);
  CHECK(r.json()["error"]["message"] ==
        "system is the engine's own role (timers, for each, matching): no caller may act in it");
  CHECK(api.store().head().position == before);
  CHECK(c.get("/v1/cases/mie-2021/application/bruno", kCarla).json()["state"] == "draft");
  CHECK(api.client().get("/metrics").body.find("mentorflow_commands_refused_total 2\n") != std::string::npos);
}

TEST_CASE("a participant gets the same answer for a case not theirs whether it exists or not", "[api]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  // bruno asks about anna's application, which exists, and about nobody's, which does not.
  const auto same = [&](const std::string& method, const std::string& path, const nlohmann::json& body) {
    const std::string text = body.is_null() ? "" : body.dump();
    HttpReply there = c.request(method, path + "anna", text, kBruno);
    HttpReply absent = c.request(method, path + "nobody", text, kBruno);
    INFO(method << " " << path << ": " << there.body << " / " << absent.body);
    CHECK(there.status == 403);
    CHECK(absent.status == there.status);
    std::string expected = there.body;
    for (auto at = expected.find("anna"); at != std::string::npos; at = expected.find("anna", at))
      expected.replace(at, 4, "nobody");
    CHECK(absent.body == expected);
  };
  same("GET", "/v1/cases/mie-2021/application/", nullptr);
  same("GET", "/v1/history/mie-2021/application/", nullptr);
  same("POST", "/v1/cases/mie-2021/application/", {{"command", "submit"}, {"inputs", ApiFixture::submit_inputs()}});
  HttpReply there = c.get("/v1/cases/mie-2021/application/anna?at=4", kBruno);
  HttpReply absent = c.get("/v1/cases/mie-2021/application/nobody?at=4", kBruno);
  CHECK(there.status == 403);
  CHECK(absent.status == 403);
  // Callers of other kinds are told why in their own words.
  HttpReply publisher = c.get("/v1/cases/mie-2021/application/anna", kPat);
  CHECK(publisher.status == 403);
  CHECK(publisher.json()["error"]["message"] ==
        "pat may not read mie-2021/application/anna: the token holds no role of its edition that reads cases");
}

TEST_CASE("a participant opens a case their party names under their own user id, never under another's", "[api]") {
  ApiFixture api;
  api.seed();
  const auto before = api.store().head().position;
  const nlohmann::json start = {{"project", "mie-2021/project/lyon-film"}};
  // The audit's case: anna opening an application in bruno's name (which exists) or in marco's.
  HttpReply r = api.command(kAnna, "mie-2021/application/bruno", "start_application", start);
  CHECK(r.status == 403);
  CHECK(r.json()["error"]["message"] ==
        "anna opens application under their own user id only (mie-2021/application/anna), not under 'bruno'");
  r = api.command(kAnna, "mie-2021/application/marco", "start_application", start);
  CHECK(r.status == 403);
  // Nor in the name of someone who has no token yet.
  r = api.command(kAnna, "mie-2021/application/elena", "start_application", start);
  CHECK(r.status == 403);
  CHECK(api.store().head().position == before);
  CHECK(api.client().get("/v1/cases/mie-2021/application/marco", kCarla).status == 404);
  // What is not a person is named by its own name: a mentor offers a second project.
  api.command(kMarco, "mie-2021/project/berlin-radio", "offer_project",
              {{"host", "Radio Eins"}, {"country", "Germany"}, {"sector", "radio"}, {"language", "german"}}, 201);
  // Staff are not bound by it (they do not open applications, but their commands name any case).
  CHECK(api.client().get("/v1/cases/mie-2021/project/berlin-radio", kCarla).json()["parties"]["mentor"] == "marco");
}

TEST_CASE("a participant sees in a shared case what both sides share, and the same in state and history", "[api]") {
  ApiFixture api;
  api.seed();
  api.command(kCarla, "mie-2021/application/anna", "confirm_match", {}, 200);
  const std::string pair = "mie-2021/mentorship/anna";
  // Signing: both parties act in `signing`, so the agreement anna sends is marco's to read too.
  api.command(kMarco, pair, "sign_agreement_as_mentor", {}, 200);
  api.command(kAnna, pair, "sign_agreement_as_mentee", {}, 200);
  api.command(kAnna, pair, "send_agreement", {{"topics", "film production abroad"}, {"agreement", "agreement.pdf"}}, 200);
  // Meetings: both log them in `active`.
  for (int i = 1; i <= 6; ++i)
    api.command(i % 2 ? kMarco : kAnna, pair, "log_meeting",
                {{"held_on", "2021-09-1" + std::to_string(i) + " 18:00 Europe/Rome"}, {"length", "90min"}}, 200);
  api.command(kAnna, pair, "finish_meetings", {}, 200);
  // Reporting: only the mentee acts; her diaries and questionnaire are hers.
  for (int i = 1; i <= 6; ++i) api.command(kAnna, pair, "upload_diary", {{"diary", "diary-" + std::to_string(i) + ".pdf"}}, 200);
  api.command(kAnna, pair, "submit_questionnaire", {{"answers", "my private answers"}}, 200);

  auto entry_of = [](const nlohmann::json& history, const std::string& command) {
    for (const auto& e : history["entries"])
      if (e["command"] == command) return e;
    FAIL("no entry for " << command);
    return nlohmann::json();
  };
  HttpClient c = api.client();
  const auto history = [&](const std::string& token) { return c.get("/v1/history/" + pair, token).json(); };
  const auto state = [&](const std::string& token) { return c.get("/v1/cases/" + pair, token).json(); };

  const nlohmann::json marco_history = history(kMarco), marco_state = state(kMarco);
  // What they share, marco reads in both views.
  CHECK(entry_of(marco_history, "send_agreement")["inputs"]["topics"] == "film production abroad");
  CHECK(!entry_of(marco_history, "send_agreement").contains("redacted"));
  CHECK(marco_state["fields"]["topics"] == "film production abroad");
  CHECK(marco_state["fields"].contains("mentee_signed"));
  CHECK(marco_state["documents"]["agreement"].dump().find("agreement.pdf") != std::string::npos);
  CHECK(entry_of(marco_history, "log_meeting")["inputs"]["length"] == "90min");
  // What is anna's alone he reads in neither: the entry keeps what happened and the counters.
  const nlohmann::json questionnaire = entry_of(marco_history, "submit_questionnaire");
  CHECK(questionnaire["redacted"] == true);
  CHECK(questionnaire["inputs"].empty());
  CHECK(questionnaire["state"]["to"] == "completed");
  CHECK(entry_of(marco_history, "upload_diary")["inputs"].empty());
  CHECK(entry_of(marco_history, "upload_diary")["notes"] == nlohmann::json::array({"diaries now 1"}));
  CHECK(!marco_state["fields"].contains("questionnaire"));
  CHECK(!marco_state["documents"].contains("diary"));
  CHECK(marco_state["counters"]["diaries"] == 6);
  CHECK(marco_history.dump().find("my private answers") == std::string::npos);
  CHECK(marco_state.dump().find("diary-6.pdf") == std::string::npos);
  // Time travel is the same view of an earlier state.
  const auto at = entry_of(marco_history, "upload_diary")["positions"]["last"].get<std::uint64_t>();
  const nlohmann::json marco_then = c.get("/v1/cases/" + pair + "?at=" + std::to_string(at), kMarco).json();
  CHECK(marco_then["counters"]["diaries"] == 1);
  CHECK(!marco_then["documents"].contains("diary"));
  CHECK(marco_then["fields"]["topics"] == "film production abroad");

  // anna reads her own whole, and marco's meetings.
  const nlohmann::json anna_history = history(kAnna), anna_state = state(kAnna);
  CHECK(anna_state["fields"]["questionnaire"] == "my private answers");
  CHECK(anna_state["documents"]["diary"].dump().find("diary-6.pdf") != std::string::npos);
  CHECK(entry_of(anna_history, "submit_questionnaire")["inputs"]["answers"] == "my private answers");
  CHECK(entry_of(anna_history, "log_meeting")["actor"]["user"] == "marco");
  CHECK(entry_of(anna_history, "log_meeting")["inputs"]["length"] == "90min");
  CHECK(anna_history.dump().find("redacted") == std::string::npos);

  // Staff read everything.
  CHECK(state(kCarla)["fields"]["questionnaire"] == "my private answers");
  CHECK(!entry_of(history(kCarla), "submit_questionnaire").contains("redacted"));
}

TEST_CASE("students racing for an id that is not theirs are all refused, and each opens their own at once", "[api]") {
  auto options = ApiFixture::quick_options();
  options.workers = kRacerTokens;
  ApiFixture api(options);
  api.seed();
  const nlohmann::json start = {{"command", "start_application"}, {"inputs", {{"project", "mie-2021/project/lyon-film"}}}};
  // One connection and one token per racer, all sent at once.
  auto race = [&](auto case_of) {
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < kRacerTokens; ++i) {
      clients.push_back(std::make_unique<HttpClient>(api.port()));
      REQUIRE(clients.back()->get("/v1/health").status == 200);
    }
    std::vector<HttpReply> replies(kRacerTokens);
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < kRacerTokens; ++i)
      threads.emplace_back([&, i] {
        while (!go) std::this_thread::yield();
        replies[i] = clients[i]->post("/v1/cases/" + case_of(i), start, racer_token(i));
      });
    go = true;
    for (auto& t : threads) t.join();
    return replies;
  };
  const auto before = api.store().head().position;
  // elena has no token yet: none of the racers takes her id.
  for (const HttpReply& r : race([](int) { return std::string("mie-2021/application/elena"); })) {
    CHECK(r.status == 403);
    CHECK(r.json()["error"]["message"].get<std::string>().ends_with("not under 'elena'"));
  }
  CHECK(api.store().head().position == before);
  // Each opens their own, all at once.
  for (const HttpReply& r : race([](int i) { return "mie-2021/application/racer" + std::to_string(i); })) CHECK(r.status == 201);
  for (int i = 0; i < kRacerTokens; ++i)
    CHECK(api.client().get("/v1/cases/mie-2021/application/racer" + std::to_string(i), kCarla).json()["parties"]["student"] ==
          "racer" + std::to_string(i));
  // A case that exists is refused to another student as one that does not: 403, not 409.
  HttpReply taken = api.command(racer_token(1), "mie-2021/application/racer0", "start_application", start["inputs"]);
  CHECK(taken.status == 403);
  // The commands a participant is offered for another's id are none (the web app's Apply page).
  CHECK(api.client().get("/v1/editions/mie-2021/commands?type=application&id=elena", kAnna).json()["commands"].empty());
  CHECK(api.client().get("/v1/editions/mie-2021/commands?type=application", kBruno).json()["exists"] == true);
}
