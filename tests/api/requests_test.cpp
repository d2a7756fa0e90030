// What the server does with requests of every shape: malformed, mistyped, oversized, slow, lost;
// and the statuses of the engine's answers (refused by a rule, wrong state, unknown, invalid).
#include <thread>

#include "api/web_assets.hpp"
#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

const std::string kAnnaCase = "/v1/cases/mie-2021/application/anna";

// An error body has exactly the documented shape.
void check_error_shape(const HttpReply& r) {
  INFO(r.body);
  auto j = r.json();
  REQUIRE(j.is_object());
  REQUIRE(j.size() == 1);
  REQUIRE(j["error"].is_object());
  CHECK(j["error"]["code"].is_string());
  CHECK(j["error"]["message"].is_string());
  CHECK(j["error"]["details"].is_object());
  CHECK(r.content_type == "application/json");
}

}  // namespace

TEST_CASE("malformed JSON, a body that is not an object and a wrong content type are refused", "[api]") {
  ApiFixture api;
  api.seed();
  const auto before = api.store().head().position;
  HttpClient c = api.client();
  HttpReply r = c.request("POST", kAnnaCase, "{\"command\": \"submit\", ", kAnna);
  CHECK(r.status == 400);
  CHECK(r.error_code() == "malformed");
  check_error_shape(r);
  r = c.request("POST", kAnnaCase, "[1, 2]", kAnna);
  CHECK(r.status == 400);
  r = c.request("POST", kAnnaCase, R"({"command": 7})", kAnna);
  CHECK(r.status == 400);
  r = c.request("POST", kAnnaCase, R"({"command": "submit", "inputs": "x"})", kAnna);
  CHECK(r.status == 400);
  r = c.request("POST", kAnnaCase, R"({"command": "submit"})", kAnna, "text/plain");
  CHECK(r.status == 415);
  check_error_shape(r);
  r = c.request("POST", kAnnaCase, R"({"command": "submit"})", kAnna, "");
  CHECK(r.status == 415);
  CHECK(api.store().head().position == before);
}

TEST_CASE("unknown routes, wrong methods and requests that are not HTTP get a JSON error", "[api]") {
  ApiFixture api;
  HttpClient c = api.client();
  for (const std::string target : {"/v1", "/v1/nothing", "/v2/health", "/v1/editions/", "/v1/editions/a/b/cases"}) {
    HttpReply r = c.get(target, kCarla);
    INFO(target);
    CHECK(r.status == 404);
    check_error_shape(r);
  }
  // `/` is the web app's page when the program was built with it (MENTORFLOW_WEB), else unknown.
  HttpReply root = c.get("/", kCarla);
  if (mentorflow::api::web_assets().empty()) {
    CHECK(root.status == 404);
    check_error_shape(root);
  } else {
    CHECK(root.status == 200);
    CHECK(root.content_type.starts_with("text/html"));
  }
  HttpReply r = c.request("DELETE", kAnnaCase, "", kCarla);
  CHECK(r.status == 405);
  check_error_shape(r);
  r = c.request("POST", "/v1/health", "{}", kCarla);
  CHECK(r.status == 405);

  HttpClient raw = api.client();
  REQUIRE(raw.send_raw("HELLO THERE\r\n\r\n"));
  r = raw.read_reply();
  CHECK(r.status == 400);
  check_error_shape(r);
}

TEST_CASE("the bearer scheme is case-insensitive, other schemes are not tokens", "[api]") {
  ApiFixture api;
  api.seed();
  for (const std::string scheme : {"Bearer", "bearer", "BEARER", "bEaReR"}) {
    HttpClient c = api.client();
    REQUIRE(c.send_raw("GET /v1/cases/mie-2021/application/anna HTTP/1.1\r\nHost: x\r\nAuthorization: " + scheme +
                       "  " + kAnna + "\r\n\r\n"));
    INFO(scheme);
    CHECK(c.read_reply().status == 200);
  }
  for (const std::string& header : std::vector<std::string>{"Basic " + kAnna, "Bearer", "Bearer ", "Bearerx " + kAnna, kAnna}) {
    HttpClient c = api.client();
    REQUIRE(c.send_raw("GET /v1/cases/mie-2021/application/anna HTTP/1.1\r\nHost: x\r\nAuthorization: " + header +
                       "\r\n\r\n"));
    HttpReply r = c.read_reply();
    INFO(header << ": " << r.body);
    CHECK(r.status == 401);
    CHECK(r.error_code() == "unauthorized");
  }
}

TEST_CASE("listing cases in a state no case can be in is 404 naming the states", "[api]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  HttpReply r = c.get("/v1/editions/mie-2021/cases?type=application&state=nonsense", kCarla);
  INFO(r.body);
  CHECK(r.status == 404);
  CHECK(r.json()["error"]["message"] ==
        "case type 'application' has no state 'nonsense'; its states are draft, submitted, ineligible, expired, matched, "
        "not_selected");
  CHECK(r.json()["error"]["details"]["states"].size() == 6);
  r = c.get("/v1/editions/mie-2021/cases?state=nonsense", kCarla);
  CHECK(r.status == 404);
  CHECK(r.json()["error"]["message"].get<std::string>().starts_with("edition 'mie-2021' has no state 'nonsense'; its states are offered, open, closed, draft"));
  // A state of another type is known to the edition, so it lists nothing rather than failing.
  r = c.get("/v1/editions/mie-2021/cases?state=signing", kCarla);
  CHECK(r.status == 200);
  CHECK(r.json()["cases"].empty());
}

TEST_CASE("refusals decided before the engine count as refused commands", "[api]") {
  ApiFixture api;
  api.seed();
  const nlohmann::json submit = {{"command", "submit"}, {"inputs", ApiFixture::submit_inputs()}};
  HttpClient c = api.client();
  CHECK(c.post("/v1/cases/mie-2021/application/bruno", submit, kAudrey).status == 403);  // an auditor writing
  CHECK(c.post("/v1/cases/mie-2021/application/bruno", submit, kOtto).status == 403);    // another edition's staff
  CHECK(c.post("/v1/cases/mie-2021/application/bruno", submit, kPat).status == 403);     // no role of the workflow
  CHECK(c.get("/metrics").body.find("mentorflow_commands_refused_total 3\n") != std::string::npos);
}

TEST_CASE("a body over the limit gets 413 and headers over the limit 431, and nothing is written", "[api]") {
  ApiFixture api;
  const auto before = api.store().head().position;
  HttpClient c = api.client();
  const std::string big = nlohmann::json{{"command", "submit"}, {"inputs", {{"pad", std::string(300 * 1024, 'x')}}}}.dump();
  HttpReply r = c.request("POST", kAnnaCase, big, kAnna);
  CHECK(r.status == 413);
  CHECK(r.error_code() == "too_large");
  check_error_shape(r);

  HttpClient h = api.client();
  REQUIRE(h.send_raw("GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Pad: " + std::string(20 * 1024, 'y') + "\r\n\r\n"));
  r = h.read_reply();
  CHECK(r.status == 431);
  CHECK(api.store().head().position == before);
  // The server is still there for everyone else.
  CHECK(api.client().get("/v1/health").status == 200);
}

TEST_CASE("a slow client is cut off at the read deadline without holding up others", "[api]") {
  auto options = ApiFixture::quick_options();
  options.read_timeout = std::chrono::milliseconds(300);
  ApiFixture api(options);
  api.seed();
  const auto before = api.store().head().position;
  HttpClient slow = api.client();
  // Headers announce a body that never comes whole.
  REQUIRE(slow.send_raw("POST /v1/cases/mie-2021/application/anna HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                        kAnna + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"comm"));
  // Meanwhile another caller is served.
  HttpClient other = api.client();
  CHECK(other.get("/v1/cases/mie-2021/application/anna", kAnna).status == 200);
  CHECK(slow.closed_by_server());  // blocks until the server gives up on it
  CHECK(api.store().head().position == before);
  // The stream closes the socket at the deadline before the session counts the drop: wait for it.
  std::string metrics;
  for (int i = 0; i < 250 && metrics.find("mentorflow_connections_dropped_total 1\n") == std::string::npos; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    metrics = api.client().get("/metrics").body;
  }
  CHECK(metrics.find("mentorflow_connections_dropped_total 1\n") != std::string::npos);
}

TEST_CASE("a client that expects 100-continue is told to go on, then answered", "[api]") {
  ApiFixture api;
  api.seed();
  const std::string body = nlohmann::json{{"command", "submit"}, {"inputs", ApiFixture::submit_inputs()}}.dump();
  HttpClient c = api.client();
  REQUIRE(c.send_raw("POST /v1/cases/mie-2021/application/bruno HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kBruno +
                     "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n"));
  HttpReply go_on = c.read_reply();  // before any byte of the body is sent
  CHECK(go_on.status == 100);
  REQUIRE(c.send_raw(body));
  HttpReply r = c.read_reply();
  INFO(r.body);
  CHECK(r.status == 200);
  CHECK(r.json()["state"] == "submitted");
}

TEST_CASE("a connection is kept alive across requests", "[api]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  for (int i = 0; i < 5; ++i) {
    HttpReply r = c.get("/v1/cases/mie-2021/application/anna", kAnna);
    CHECK(r.status == 200);
    CHECK(r.keep_alive);
  }
  CHECK(c.connections() == 1);
}

TEST_CASE("the engine's answers map to statuses: refused 422, wrong state 409, unknown 404, invalid 400", "[api]") {
  ApiFixture api;
  api.seed();
  const auto before = api.store().head().position;
  // Wrong state: anna's application is submitted already.
  HttpReply r = api.command(kAnna, "mie-2021/application/anna", "submit", ApiFixture::submit_inputs());
  CHECK(r.status == 409);
  CHECK(r.error_code() == "wrong_state");
  // A case that exists already.
  r = api.command(kAnna, "mie-2021/application/anna", "start_application", {{"project", "mie-2021/project/lyon-film"}});
  CHECK(r.status == 409);
  // Invalid inputs.
  auto bad = ApiFixture::submit_inputs();
  bad["year"] = "third";
  r = api.command(kBruno, "mie-2021/application/bruno", "submit", bad);
  CHECK(r.status == 400);
  check_error_shape(r);
  // Unknown command, case, edition, case type; a name that is not a case name.
  CHECK(api.command(kBruno, "mie-2021/application/bruno", "fly").status == 404);
  CHECK(api.command(kCarla, "mie-2021/application/nobody", "confirm_match").status == 404);
  HttpClient c = api.client();
  CHECK(c.get("/v1/cases/mie-2021/application/nobody", kCarla).status == 404);
  CHECK(c.get("/v1/editions/mie-2099/cases", kAudrey).status == 404);
  CHECK(c.get("/v1/editions/mie-2021/cases?type=spaceship", kCarla).status == 404);
  CHECK(c.get("/v1/cases/mie-2021/a/b/c", kCarla).status == 400);
  CHECK(api.store().head().position == before);

  // Refused by a requirement, with its explanation: no application after the deadline.
  api.clock().set(rome("2021-10-08 09:00"));
  r = api.command(racer_token(0), "mie-2021/application/racer0", "start_application", {{"project", "mie-2021/project/lyon-film"}});
  CHECK(r.status == 422);
  CHECK(r.error_code() == "refused");
  CHECK(r.json()["error"]["message"].get<std::string>().find("applications for this edition closed on") != std::string::npos);
  CHECK(r.json()["error"]["details"]["command"] == "start_application");
  CHECK(api.store().head().position == before);
}

TEST_CASE("state, history, lists, time travel and stream export answer with the engine's data", "[api]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  HttpReply state = c.get("/v1/cases/mie-2021/application/anna", kCarla);
  REQUIRE(state.status == 200);
  CHECK(state.json()["state"] == "submitted");
  const auto opened_at = state.json()["position"].get<std::uint64_t>();
  HttpReply then = c.get("/v1/cases/mie-2021/application/anna?at=" + std::to_string(opened_at - 1), kCarla);
  REQUIRE(then.status == 200);
  CHECK(then.json()["state"] == "draft");

  HttpReply history = c.get("/v1/history/mie-2021/application/anna", kAnna);
  REQUIRE(history.status == 200);
  const auto entries = history.json()["entries"];
  REQUIRE(entries.size() == 2);
  CHECK(entries[1]["command"] == "submit");
  REQUIRE(entries[1]["decisions"].size() == 1);
  CHECK(!entries[1]["decisions"][0]["reason"].get<std::string>().empty());

  HttpReply drafts = c.get("/v1/editions/mie-2021/cases?type=application&state=draft", kCarla);
  REQUIRE(drafts.status == 200);
  REQUIRE(drafts.json()["cases"].size() == 1);
  CHECK(drafts.json()["cases"][0]["case"] == "mie-2021/application/bruno");
  CHECK(c.get("/v1/editions/mie-2021/cases", kAudrey).json()["cases"].size() == 4);  // project, 2 applications, call

  HttpReply stream = c.get("/v1/streams/mie-2021/application/anna", kAudrey);
  REQUIRE(stream.status == 200);
  CHECK(stream.content_type == "application/x-ndjson");
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = stream.body.find('\n', at)) != std::string::npos; ++at) ++lines;
  CHECK(lines == state.json()["version"].get<std::size_t>());
  CHECK(c.get("/v1/streams/mie-2021/application/nobody", kAudrey).status == 404);
}

TEST_CASE("publish and what-if take the designer's texts and answer diagnostics with 400", "[api]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  const nlohmann::json same = {{"workflow", {{"name", "workflows/mie.flow"}, {"text", file_text("workflows/mie.flow")}}},
                               {"rules", {{"name", "rules/mie-2021.rules"}, {"text", file_text("rules/mie-2021.rules")}}}};
  HttpReply r = c.request("PUT", "/v1/editions/mie-2021", same.dump(), kPat);
  CHECK(r.status == 200);
  CHECK(r.json()["already_published"] == true);
  nlohmann::json other = same;
  other["rules"] = {{"name", "rules/mie-2022.rules"}, {"text", file_text("rules/mie-2022.rules")}};
  r = c.request("PUT", "/v1/editions/mie-2021", other.dump(), kPat);
  CHECK(r.status == 409);
  nlohmann::json broken = same;
  broken["workflow"]["text"] = "workflow oops {";
  const auto before = api.store().head().position;
  r = c.request("PUT", "/v1/editions/mie-2021", broken.dump(), kPat);
  CHECK(r.status == 400);
  CHECK(r.json()["error"]["details"]["diagnostics"].get<std::string>().find("workflows/mie.flow:1:") != std::string::npos);
  CHECK(api.store().head().position == before);

  r = c.post("/v1/editions/mie-2021/what-if", {{"rules", {{"name", "rules/mie-2022.rules"}, {"text", file_text("rules/mie-2022.rules")}}}},
             kCarla);
  REQUIRE(r.status == 200);
  CHECK(r.json()["decisions"] == 1);  // anna's eligibility
  CHECK(r.json()["groups"].size() == 1);
  r = c.post("/v1/editions/mie-2021/what-if", {{"rules", {{"name", "new.rules"}, {"text", "rules for mie edition"}}}}, kCarla);
  CHECK(r.status == 400);
  CHECK(r.json()["error"]["details"]["diagnostics"].get<std::string>().find("new.rules:1:") != std::string::npos);
}

TEST_CASE("metrics count requests, accepted and refused commands, events and latency", "[api]") {
  ApiFixture api;
  api.seed();  // five accepted commands
  api.command(kBruno, "mie-2021/application/anna", "submit", ApiFixture::submit_inputs(), 403);
  HttpReply m = api.client().get("/metrics");
  REQUIRE(m.status == 200);
  CHECK(m.content_type.starts_with("text/plain"));
  CHECK(m.body.find("mentorflow_commands_accepted_total 5\n") != std::string::npos);
  CHECK(m.body.find("mentorflow_commands_refused_total 1\n") != std::string::npos);
  CHECK(m.body.find("mentorflow_http_requests_total{code=\"403\"} 1\n") != std::string::npos);
  CHECK(m.body.find("mentorflow_http_request_duration_seconds_bucket{le=\"+Inf\"} 6\n") != std::string::npos);
  CHECK(m.body.find("mentorflow_http_request_duration_seconds_count 6\n") != std::string::npos);
  CHECK(m.body.find("# TYPE mentorflow_http_request_duration_seconds histogram") != std::string::npos);
}

TEST_CASE("due timers fire from the server's clock loop", "[api]") {
  auto options = ApiFixture::quick_options();
  options.tick_every = std::chrono::milliseconds(20);
  ApiFixture api(options);
  api.seed();
  api.clock().set(rome("2021-10-07 12:31"));  // just past the application deadline
  HttpClient c = api.client();
  std::string state;
  for (int i = 0; i < 500 && state != "expired"; ++i) {  // waits for the loop, up to ~10 s
    state = c.get("/v1/cases/mie-2021/application/bruno", kCarla).json().value("state", "");
    if (state != "expired") std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(state == "expired");
  CHECK(c.get("/v1/cases/mie-2021/call", kCarla).json()["state"] == "evaluation");
}
