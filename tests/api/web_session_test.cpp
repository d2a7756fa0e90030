// What the web app stands on, through a real server and a real client: signing in with a token
// opens a session carried by an HttpOnly, SameSite=Strict cookie; a browser's writes need the
// session's CSRF token and may not come from another origin; sessions expire and sign out;
// single sign-on believes the proxy's user header from the proxy's address only; every response
// carries the security headers.
#include <catch2/catch.hpp>

#include <fstream>

#include "tests/api/api_fixture.hpp"

using namespace mentorflow::testing;

namespace {

// The cookie a Set-Cookie header sets ("mf_session=abc; Path=/..." -> "mf_session=abc").
std::string cookie_of(const HttpReply& r) {
  const std::string set = r.header("Set-Cookie");
  return set.substr(0, set.find(';'));
}

struct SignedIn {
  std::string cookie, csrf;
};

SignedIn sign_in(HttpClient& c, const std::string& token) {
  HttpReply r = c.post("/v1/session", {{"token", token}}, "");
  INFO(r.body);
  REQUIRE(r.status == 200);
  return {cookie_of(r), r.json()["csrf"].get<std::string>()};
}

}  // namespace

TEST_CASE("signing in with a token opens a session in an HttpOnly, SameSite=Strict cookie", "[api][web]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  HttpReply r = c.post("/v1/session", {{"token", kAnna}}, "");
  REQUIRE(r.status == 200);
  const std::string set = r.header("Set-Cookie");
  CHECK(set.starts_with("mf_session="));
  CHECK(set.find("HttpOnly") != std::string::npos);
  CHECK(set.find("SameSite=Strict") != std::string::npos);
  CHECK(set.find("Path=/") != std::string::npos);
  CHECK(set.find("Secure") == std::string::npos);  // plain HTTP on the loopback
  CHECK(r.json()["user"] == "anna");
  CHECK(r.json()["auth"] == "session");
  CHECK(r.json()["csrf"].get<std::string>().size() == 64);
  CHECK(r.body.find(kAnna) == std::string::npos);  // the token itself is never sent back

  HttpReply me = c.request("GET", "/v1/me", "", "", "", {{"Cookie", cookie_of(r)}});
  REQUIRE(me.status == 200);
  CHECK(me.json()["user"] == "anna");
  CHECK(me.json()["roles"] == nlohmann::json::array({"student"}));
  REQUIRE(me.json()["editions"].size() == 1);
  CHECK(me.json()["editions"][0]["edition"] == "mie-2021");
  CHECK(me.json()["editions"][0]["participant_roles"] == nlohmann::json::array({"student"}));

  CHECK(c.post("/v1/session", {{"token", kBogus}}, "").status == 401);
  CHECK(c.post("/v1/session", {{"nothing", 1}}, "").status == 400);
  CHECK(c.request("GET", "/v1/me", "", "", "", {{"Cookie", "mf_session=forged"}}).status == 401);
}

TEST_CASE("a browser's write needs the session's CSRF token and this server's origin", "[api][web]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  const SignedIn bruno = sign_in(c, kBruno);
  const auto before = api.store().head().position;
  const std::string body = nlohmann::json{{"command", "submit"}, {"inputs", ApiFixture::submit_inputs()}}.dump();
  const std::string target = "/v1/cases/mie-2021/application/bruno";

  // A forged cross-site POST: the browser sends the cookie, but the page cannot know the token.
  HttpReply forged = c.request("POST", target, body, "", "application/json",
                               {{"Cookie", bruno.cookie}, {"Origin", "https://evil.example"}});
  CHECK(forged.status == 403);
  CHECK(forged.error_code() == "csrf");
  HttpReply no_token = c.request("POST", target, body, "", "application/json", {{"Cookie", bruno.cookie}});
  CHECK(no_token.status == 403);
  CHECK(no_token.error_code() == "csrf");
  HttpReply wrong = c.request("POST", target, body, "", "application/json",
                              {{"Cookie", bruno.cookie}, {"X-CSRF-Token", std::string(64, '0')}});
  CHECK(wrong.status == 403);
  CHECK(api.store().head().position == before);  // nothing written

  HttpReply good = c.request("POST", target, body, "", "application/json",
                             {{"Cookie", bruno.cookie}, {"X-CSRF-Token", bruno.csrf},
                              {"Origin", "http://127.0.0.1:" + std::to_string(api.port())}});
  INFO(good.body);
  CHECK(good.status == 200);
  // Reading needs no CSRF token.
  CHECK(c.request("GET", target, "", "", "", {{"Cookie", bruno.cookie}}).status == 200);
}

TEST_CASE("signing out ends the session, a session expires", "[api][web]") {
  SECTION("sign out") {
    ApiFixture api;
    HttpClient c = api.client();
    const SignedIn carla = sign_in(c, kCarla);
    // Another site cannot sign the browser out.
    CHECK(c.request("DELETE", "/v1/session", "", "", "", {{"Cookie", carla.cookie}}).status == 403);
    HttpReply out = c.request("DELETE", "/v1/session", "", "", "", {{"Cookie", carla.cookie}, {"X-CSRF-Token", carla.csrf}});
    CHECK(out.status == 204);
    CHECK(out.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
    CHECK(c.request("GET", "/v1/me", "", "", "", {{"Cookie", carla.cookie}}).status == 401);
  }
  SECTION("expiry") {
    auto options = ApiFixture::quick_options();
    options.session_lifetime = std::chrono::seconds(0);  // expired as soon as it opens
    ApiFixture api(options);
    HttpClient c = api.client();
    const SignedIn carla = sign_in(c, kCarla);
    HttpReply r = c.request("GET", "/v1/me", "", "", "", {{"Cookie", carla.cookie}});
    CHECK(r.status == 401);
    CHECK(r.json()["error"]["message"] == "the session has expired: sign in again");
  }
}

TEST_CASE("single sign-on believes the proxy's user header from the proxy's address only", "[api][web]") {
  TempDir dir;
  {
    std::ofstream users(dir / "users");
    users << "# the university's people\ncarla staff mie-2021\n";
  }
  auto users = mentorflow::api::UserTable::load(dir / "users");
  REQUIRE(users.is_ok());
  auto options = ApiFixture::quick_options();
  options.user_header = "X-Remote-User";
  options.trusted_proxy = "127.0.0.1";
  options.users = &*users;
  ApiFixture api(options);

  HttpClient proxy = api.client();
  HttpReply me = proxy.request("GET", "/v1/me", "", "", "", {{"X-Remote-User", "carla"}});
  INFO(me.body);
  REQUIRE(me.status == 200);
  CHECK(me.json()["user"] == "carla");
  CHECK(me.json()["auth"] == "proxy");
  const std::string csrf = me.json()["csrf"];
  // Someone the file does not list is signed in at the university but not here.
  CHECK(proxy.request("GET", "/v1/me", "", "", "", {{"X-Remote-User", "mallory"}}).status == 403);
  // A write through the proxy is a browser's write: it needs the CSRF token too.
  const std::string close = nlohmann::json{{"command", "close_applications"}}.dump();
  CHECK(proxy.request("POST", "/v1/cases/mie-2021/call", close, "", "application/json", {{"X-Remote-User", "carla"}})
            .status == 403);

  // The same header straight from another machine (here 127.0.0.2) is refused.
  HttpClient elsewhere = api.client();
  elsewhere.bind_to("127.0.0.2");
  HttpReply forged = elsewhere.request("GET", "/v1/me", "", "", "", {{"X-Remote-User", "carla"}});
  CHECK(forged.status == 403);
  CHECK(forged.json()["error"]["message"] == "the X-Remote-User header is accepted only from the reverse proxy");
  (void)csrf;
}

TEST_CASE("every response carries the security headers, the web app's paths are served or 404", "[api][web]") {
  ApiFixture api;
  HttpClient c = api.client();
  for (const char* path : {"/v1/health", "/v1/me", "/", "/nothing-here"}) {
    HttpReply r = c.get(path);
    INFO(path);
    CHECK(r.header("Content-Security-Policy").find("default-src 'none'; script-src 'self'") != std::string::npos);
    CHECK(r.header("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
    CHECK(r.header("X-Content-Type-Options") == "nosniff");
    CHECK(r.header("Referrer-Policy") == "no-referrer");
  }
  CHECK(c.get("/nothing-here").status == 404);
}

TEST_CASE("the editions, a definition and its picture, and a participant's own cases", "[api][web]") {
  ApiFixture api;
  api.seed();
  HttpClient c = api.client();
  HttpReply editions = c.get("/v1/editions", kCarla);
  REQUIRE(editions.status == 200);
  const nlohmann::json listed = editions.json();
  const auto& e = listed["editions"];
  REQUIRE(e.size() == 1);
  CHECK(e[0]["edition"] == "mie-2021");
  CHECK(e[0]["workflow"] == "mie");
  CHECK(e[0]["zone"] == "Europe/Rome");
  CHECK(e[0]["staff_roles"] == nlohmann::json::array({"staff"}));
  CHECK(e[0]["cohorts"][0]["case"] == "mie-2021/call");
  CHECK(e[0]["cohorts"][0]["state"] == "applications_open");
  CHECK(c.get("/v1/editions", kOtto).json()["editions"].empty());  // mie-2022 is not published here

  HttpReply definition = c.get("/v1/editions/mie-2021/definition", kAnna);
  REQUIRE(definition.status == 200);
  const auto d = definition.json();
  CHECK(d["workflow"] == "mie");
  const auto& types = d["case_types"];
  const auto application = std::find_if(types.begin(), types.end(), [](const auto& t) { return t["name"] == "application"; });
  REQUIRE(application != types.end());
  const auto& commands = (*application)["commands"];
  const auto submit = std::find_if(commands.begin(), commands.end(), [](const auto& x) { return x["name"] == "submit"; });
  REQUIRE(submit != commands.end());
  CHECK((*submit)["from"] == nlohmann::json::array({"draft"}));
  CHECK((*submit)["roles"] == nlohmann::json::array({"student"}));
  const auto& inputs = (*submit)["inputs"];
  const auto level = std::find_if(inputs.begin(), inputs.end(), [](const auto& i) { return i["name"] == "certified_level"; });
  REQUIRE(level != inputs.end());
  CHECK((*level)["type"]["kind"] == "cefr");
  const auto cv = std::find_if(inputs.begin(), inputs.end(), [](const auto& i) { return i["name"] == "cv"; });
  REQUIRE(cv != inputs.end());
  CHECK((*cv)["type"] == nlohmann::json{{"kind", "document"}, {"variants", {"it", "foreign"}}});
  // The workflow's `personal` marks: an attach input has its document's, a fills input its field's.
  CHECK((*cv)["personal"] == true);
  CHECK((*level)["personal"] == true);
  const auto project = std::find_if(inputs.begin(), inputs.end(), [](const auto& i) { return i["name"] == "project"; });
  if (project != inputs.end()) CHECK((*project)["personal"] == false);
  const auto& fields = (*application)["fields"];
  const auto full_name = std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f["name"] == "full_name"; });
  REQUIRE(full_name != fields.end());
  CHECK((*full_name)["personal"] == true);
  const auto project_field = std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f["name"] == "project"; });
  REQUIRE(project_field != fields.end());
  CHECK((*project_field)["personal"] == false);
  // Labels and help are Text, language -> text, from the workflow's own labels (mie: en, it).
  CHECK(d["languages"] == nlohmann::json::array({"en", "it"}));
  CHECK(d["title"]["it"] == "Mentoring per l'esperienza internazionale");
  CHECK((*application)["label"] == nlohmann::json{{"en", "Application"}, {"it", "Candidatura"}});
  CHECK((*submit)["label"] == nlohmann::json{{"en", "Submit the application"}, {"it", "Invia la candidatura"}});
  CHECK((*cv)["label"]["it"] == "Curriculum vitae");
  CHECK((*level)["label"] == nlohmann::json{{"en", "Certified level"}, {"it", "Livello certificato"}});
  const auto language = std::find_if(inputs.begin(), inputs.end(), [](const auto& i) { return i["name"] == "certificate_language"; });
  REQUIRE(language != inputs.end());
  CHECK((*language)["type"]["name"] == "foreign_language");
  CHECK((*language)["type"]["value_labels"][0] == nlohmann::json{{"en", "English"}, {"it", "Inglese"}});
  const auto& states = (*application)["states"];
  const auto draft = std::find_if(states.begin(), states.end(), [](const auto& s) { return s["name"] == "draft"; });
  REQUIRE(draft != states.end());
  CHECK((*draft)["label"]["it"] == "Bozza");
  CHECK(d["roles"][0]["label"] == nlohmann::json{{"en", "Student"}, {"it", "Studente"}});
  CHECK(e[0]["languages"] == nlohmann::json::array({"en", "it"}));
  CHECK(e[0]["title"]["en"] == "Mentoring for International Experience");
  CHECK(c.get("/v1/editions/mie-2021/definition", kOtto).status == 403);
  CHECK(c.get("/v1/editions/nowhere/definition", kAudrey).status == 404);

  HttpReply svg = c.get("/v1/editions/mie-2021/graph.svg", kAnna);
  REQUIRE(svg.status == 200);
  CHECK(svg.content_type == "image/svg+xml");
  CHECK(svg.body.find("<svg") != std::string::npos);
  CHECK(svg.body.find("submit") != std::string::npos);

  HttpReply mine = c.get("/v1/me/cases", kAnna);
  REQUIRE(mine.status == 200);
  REQUIRE(mine.json()["cases"].size() == 1);
  CHECK(mine.json()["cases"][0]["case"] == "mie-2021/application/anna");
  CHECK(mine.json()["cases"][0]["state"] == "submitted");
  HttpReply marco = c.get("/v1/me/cases", kMarco);
  REQUIRE(marco.json()["cases"].size() == 1);
  CHECK(marco.json()["cases"][0]["case"] == "mie-2021/project/lyon-film");
  CHECK(c.get("/v1/me/cases", kCarla).json()["cases"].empty());
}
