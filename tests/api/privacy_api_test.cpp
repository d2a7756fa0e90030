// Personal data through the API on the UniMi edition served from a store with a master key
// (docs/API.md, "Personal data: legal holds and a person's own copy"): a mentee downloads her own
// copy (her fields, her history, her certificate; her mentor named by his part, never by id or
// name), and the Career Service places and releases a legal hold, which a mentee may not.
#include <regex>

#include "store/seal.hpp"
#include "tests/api/unimi_server.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;
using nlohmann::json;

namespace {

const std::string kMartina = "tok-martina";  // mentee, matched with Laura Bassi
const std::string kAlberto = "tok-alberto";  // career_service
const std::string kZoe = "tok-zoe";          // a mentee the log has never seen
const std::string kPaola = "tok-paola";      // dpo, the data-protection officer
const std::string kMartinaCase = "unimi-2025/mentee_application/martina.sala";

api::TokenTable tokens() {
  return api::TokenTable::from_tokens({
      {kMartina, {"martina.sala", {"mentee"}, {"unimi-2025"}}},
      {kAlberto, {"alberto.fossati", {"career_service"}, {"unimi-2025"}}},
      {kZoe, {"zoe.bianchi", {"mentee"}, {"unimi-2025"}}},
      {kPaola, {"paola.dpo", {"dpo"}, {"unimi-2025"}}},
  });
}

}  // namespace

TEST_CASE("a mentee downloads her own copy, and staff hold and release her case", "[api][privacy][slow]") {
  UnimiServer server(tokens(), Sealed::kWithMasterKey);
  HttpClient http = server.client();

  SECTION("GET /v1/me/export: her own data, and nobody else's") {
    const HttpReply r = http.get("/v1/me/export", kMartina);
    INFO(r.body.substr(0, 2000));
    REQUIRE(r.status == 200);
    CHECK(contains(r.header("Content-Disposition"), "attachment"));
    const json copy = json::parse(r.body);
    CHECK(copy.at("subject") == "martina.sala");
    REQUIRE(copy.at("cases").size() == 2);
    const json& application = copy.at("cases")[0];
    CHECK(application.at("case") == kMartinaCase);
    CHECK(application.at("parties_as") == json::array({"mentee"}));
    CHECK(application.at("state").at("fields").at("full_name") == "Martina Sala");
    CHECK(application.at("state").at("fields").at("degree_course") == "Law");
    CHECK(application.at("history")[0].at("command") == "apply_as_mentee");
    const json& mentorship = copy.at("cases")[1];
    CHECK(mentorship.at("state").at("parties") == json({{"mentee", "martina.sala"}, {"mentor", "[mentor]"}}));
    REQUIRE(mentorship.at("certificates").size() == 1);  // hers; not her mentor's
    const auto pdf = store::bytes_of_base64(mentorship.at("certificates")[0].at("pdf_base64").get<std::string>());
    REQUIRE(pdf);
    CHECK(pdf->starts_with("%PDF-"));
    // Her mentor, the staff and the other applicants are not named, by id or by name.
    for (const char* other : {"laura.bassi", "Laura Bassi", "alberto.fossati", "giovanna.ricci", "alessia.conti"})
      CHECK_FALSE(contains(r.body, other));
    CHECK_FALSE(std::regex_search(r.body, std::regex("_s[a-z2-7]{26}")));
    CHECK(contains(r.body, "[career_service]"));

    const HttpReply zoe = http.get("/v1/me/export", kZoe);  // a party of no case: nothing is kept
    CHECK(zoe.status == 200);
    CHECK(json::parse(zoe.body).at("cases") == json::array());
  }

  SECTION("POST /v1/hold and /v1/release-hold: staff only, with a reason, once") {
    const json reason = {{"reason", "appeal against the matching, ref. 2026/114"}};
    const HttpReply hers = http.post("/v1/hold/" + kMartinaCase, reason, kMartina);
    CHECK(hers.status == 403);
    CHECK(contains(hers.body, "only the staff of unimi-2025 or a privacy role place legal holds; martina.sala is neither"));
    CHECK(http.post("/v1/hold/" + kMartinaCase, json::object(), kAlberto).status == 400);
    CHECK(http.post("/v1/hold/" + kMartinaCase, {{"reason", " "}}, kAlberto).status == 400);
    CHECK(http.post("/v1/hold/unimi-2025/mentee_application/nobody.here", reason, kAlberto).status == 404);
    CHECK(http.post("/v1/release-hold/" + kMartinaCase, reason, kAlberto).status == 409);

    const HttpReply placed = http.post("/v1/hold/" + kMartinaCase, reason, kAlberto);
    INFO(placed.body);
    CHECK(placed.status == 200);
    CHECK(json::parse(placed.body).at("hold") == "placed");
    const HttpReply again = http.post("/v1/hold/" + kMartinaCase, reason, kAlberto);
    CHECK(again.status == 409);
    CHECK(contains(again.body, "is held already"));
    const json state = json::parse(http.get("/v1/cases/" + kMartinaCase, kAlberto).body);
    CHECK(state.at("hold").at("by") == "alberto.fossati");
    CHECK(state.at("hold").at("reason") == reason.at("reason"));
    CHECK(contains(http.get("/v1/history/" + kMartinaCase, kAlberto).body, "legal hold placed: appeal"));

    CHECK(http.post("/v1/release-hold/" + kMartinaCase, {{"reason", "decided"}}, kAlberto).status == 200);
    CHECK_FALSE(json::parse(http.get("/v1/cases/" + kMartinaCase, kAlberto).body).contains("hold"));

    // The data-protection officer may too, in their privacy role.
    CHECK(http.post("/v1/hold/" + kMartinaCase, reason, kPaola).status == 200);
    CHECK(json::parse(http.get("/v1/cases/" + kMartinaCase, kAlberto).body).at("hold").at("by") == "paola.dpo");
    CHECK(http.post("/v1/release-hold/" + kMartinaCase, {{"reason", "decided"}}, kPaola).status == 200);
  }
}
