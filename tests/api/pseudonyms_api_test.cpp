// A store made with a master key keeps pseudonyms in its log in place of user ids; through the API
// it reads exactly as a store with ids in clear (docs/PRIVACY.md): people and cases named by their
// ids in paths, queries and bodies, every answer revealed. The same UniMi edition served twice.
#include <regex>

#include "tests/api/unimi_server.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;

namespace {

const std::string kCamilla = "tok-camilla";    // mentee
const std::string kGiovanna = "tok-giovanna";  // career_service
const std::string kNewcomer = "tok-zoe";       // a mentee the log has never seen
const std::string kCamillaCase = "unimi-2025/mentee_application/camilla.rota";

api::TokenTable tokens() {
  return api::TokenTable::from_tokens({
      {kCamilla, {"camilla.rota", {"mentee"}, {"unimi-2025"}}},
      {kGiovanna, {"giovanna.ricci", {"career_service"}, {"unimi-2025"}}},
      {kNewcomer, {"zoe.bianchi", {"mentee"}, {"unimi-2025"}}},
  });
}

// A cohort's step writes its cases' events in one append, ordered by stream name: by pseudonym on
// the one store, so positions within such an append differ between the two; nothing else may.
std::string without_positions(const std::string& body) {
  static const std::regex position(R"re("([a-z_]*position|positions|version|first|last)":(\[[0-9,]*\]|[0-9]+))re");
  // A certificate's PDF is rendered from what the log holds, pseudonyms included, so its hash differs
  // too (docs/PRIVACY.md, "Limits").
  static const std::regex sha256(R"re((sha256"?:? ?"?)[0-9a-f]{64})re");
  return std::regex_replace(std::regex_replace(body, position, "\"$1\":0"), sha256, "$1H");
}

}  // namespace

TEST_CASE("the API answers a store with pseudonyms as one with ids in clear", "[api][pseudonyms][slow]") {
  UnimiServer clear(tokens()), sealed(tokens(), Sealed::kWithMasterKey);
  HttpClient in_clear = clear.client(), pseudonymised = sealed.client();

  const std::vector<std::pair<std::string, std::string>> questions = {
      {"/v1/me", kCamilla},
      {"/v1/me/cases", kCamilla},
      {"/v1/cases/" + kCamillaCase, kCamilla},
      {"/v1/history/" + kCamillaCase, kCamilla},
      {"/v1/commands/" + kCamillaCase, kCamilla},
      {"/v1/history/unimi-2025/mentorship/beatrice.leoni", kGiovanna},
      {"/v1/history/unimi-2025/round", kGiovanna},
      {"/v1/editions/unimi-2025/cases", kGiovanna},
      {"/v1/editions/unimi-2025/cases?q=camilla&sort=case&order=desc", kGiovanna},
      {"/v1/editions/unimi-2025/matching", kGiovanna},
      {"/v1/editions/unimi-2025/dashboard", kGiovanna},
      {"/v1/editions/unimi-2025/flags", kGiovanna},
      {"/v1/editions/unimi-2025/certificates", kGiovanna},
      {"/v1/editions/unimi-2025/commands?type=mentee_application&id=camilla.rota", kGiovanna},
      {"/v1/editions/unimi-2025/commands?type=mentee_application&id=nobody.here", kGiovanna},
      {"/v1/editions/unimi-2025/commands?type=mentee_application", kNewcomer},
      {"/v1/cases/unimi-2025/mentee_application/nobody.here", kGiovanna},
      {"/v1/me/cases", kNewcomer},
  };
  for (const auto& [target, token] : questions) {
    INFO(target);
    const HttpReply a = in_clear.get(target, token), b = pseudonymised.get(target, token);
    CHECK(b.status == a.status);
    CHECK(without_positions(b.body) == without_positions(a.body));
  }
  // The answers name people: the comparison above is not between two empty lists.
  CHECK(contains(pseudonymised.get("/v1/editions/unimi-2025/cases?q=camilla", kGiovanna).body, kCamillaCase));

  // A certificate is downloaded by the name the list gives, and saved under it.
  const std::string mentorship = "unimi-2025/mentorship/beatrice.leoni";
  const auto listed = nlohmann::json::parse(pseudonymised.get("/v1/certificates/" + mentorship, kGiovanna).body);
  REQUIRE_FALSE(listed["certificates"].empty());
  const std::string pdf_name = listed["certificates"][0]["file"].get<std::string>();
  CHECK(contains(pdf_name, "beatrice.leoni"));
  const HttpReply pdf = pseudonymised.get("/v1/certificates/" + mentorship + "?file=" + pdf_name, kGiovanna);
  CHECK(pdf.status == 200);
  CHECK(contains(pdf.header("Content-Disposition"), pdf_name));

  // Someone who only looked has no record in the subjects: it is made on their first write.
  CHECK(sealed.subjects()->pseudonym("zoe.bianchi", false).status().is_not_found());

  // A command names its case and its inputs by ids, and is answered in the same words.
  const nlohmann::json apply = {{"command", "apply_as_mentee"}, {"inputs", nlohmann::json::object()}};
  const HttpReply a = in_clear.post("/v1/cases/unimi-2025/mentee_application/zoe.bianchi", apply, kNewcomer);
  const HttpReply b = pseudonymised.post("/v1/cases/unimi-2025/mentee_application/zoe.bianchi", apply, kNewcomer);
  CHECK(b.status == a.status);
  CHECK(b.body == a.body);
  CHECK(sealed.subjects()->pseudonym("zoe.bianchi", false).is_ok());

  // The log as it is (GET /v1/streams) carries pseudonyms, never the ids.
  const HttpReply stream = pseudonymised.get("/v1/streams/" + kCamillaCase, kGiovanna);
  REQUIRE(stream.status == 200);
  // (Her values, such as a file's name, are sealed apart: docs/PRIVACY.md.)
  CHECK_FALSE(contains(stream.body, "_application/camilla.rota\""));
  CHECK_FALSE(contains(stream.body, "\"user\":\"camilla.rota\""));
  CHECK(contains(stream.body, "\"_s"));
  CHECK(contains(in_clear.get("/v1/streams/" + kCamillaCase, kGiovanna).body, "\"user\":\"camilla.rota\""));

  // Nobody names a case or acts by a pseudonym: only the store makes them.
  const HttpReply posing = pseudonymised.get("/v1/cases/unimi-2025/mentee_application/_saaaaaaaaaaaaaaaaaaaaaaaaaa", kGiovanna);
  CHECK(posing.status == 400);
  CHECK(contains(posing.body, "cannot be a user id"));
}
