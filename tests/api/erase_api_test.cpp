// POST /v1/subjects/erase (docs/API.md): the erasure of `mentorflow erase` through the API, allowed
// only to a privacy role of an edition the person has a case in and the token covers; the UniMi
// edition served from a store made with a master key.
#include "tests/api/unimi_server.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;

namespace {

const std::string kCamilla = "tok-camilla";     // mentee
const std::string kGiovanna = "tok-giovanna";   // career_service
const std::string kPaola = "tok-paola";         // dpo of unimi-2025
const std::string kElsewhere = "tok-marta";     // dpo of another edition only
const std::string kReason = "request under GDPR article 17 received by the office";

api::TokenTable tokens() {
  return api::TokenTable::from_tokens({
      {kCamilla, {"camilla.rota", {"mentee"}, {"unimi-2025"}}},
      {kGiovanna, {"giovanna.ricci", {"career_service"}, {"unimi-2025"}}},
      {kPaola, {"paola.bianchi", {"dpo"}, {"unimi-2025"}}},
      {kElsewhere, {"marta.neri", {"dpo"}, {"unimi-2024"}}},
  });
}

nlohmann::json erasing(const std::string& subject, const std::string& reason = kReason) {
  return {{"subject", subject}, {"reason", reason}};
}

}  // namespace

TEST_CASE("only a privacy role of the person's edition erases them through the API", "[api][erase][slow]") {
  UnimiServer server(tokens(), Sealed::kWithMasterKey);
  HttpClient c = server.client();
  REQUIRE(contains(c.get("/v1/editions/unimi-2025/cases?q=camilla", kGiovanna).body, "camilla.rota"));

  const auto refused = [&](const nlohmann::json& body, const std::string& token, int status, const std::string& sentence) {
    const HttpReply r = c.post("/v1/subjects/erase", body, token);
    INFO(r.body);
    CHECK(r.status == status);
    CHECK(contains(r.body, sentence));
  };
  refused(erasing("camilla.rota"), kGiovanna, 403,
          "role career_service may not erase camilla.rota: only a privacy role (such as dpo) of unimi-2025 may");
  refused(erasing("camilla.rota"), kCamilla, 403, "role mentee may not erase camilla.rota");
  refused(erasing("camilla.rota"), kElsewhere, 403, "role dpo may not erase camilla.rota");
  refused(erasing("nobody.known"), kPaola, 404, "there is nobody with user id nobody.known");
  refused(erasing("camilla.rota", "Camilla.Rota asked us"), kPaola, 400, "the reason names camilla.rota");
  refused({{"subject", "camilla.rota"}}, kPaola, 400, "the body needs \\\"subject\\\"");
  // Nothing was erased by the refusals.
  CHECK(contains(c.get("/v1/editions/unimi-2025/cases?q=camilla", kGiovanna).body, "camilla.rota"));

  const HttpReply erased = c.post("/v1/subjects/erase", erasing("camilla.rota"), kPaola);
  INFO(erased.body);
  REQUIRE(erased.status == 200);
  const auto answer = nlohmann::json::parse(erased.body);
  CHECK(answer["subject"] == "camilla.rota");
  CHECK(answer["cases"].get<int>() >= 1);
  CHECK(answer["position"].get<std::uint64_t>() > 0);

  // The read models were rebuilt: the office's list shows [erased] where her id was.
  const HttpReply cases = c.get("/v1/editions/unimi-2025/cases?limit=500", kGiovanna);
  CHECK(contains(cases.body, "unimi-2025/mentee_application/[erased]"));
  CHECK_FALSE(contains(cases.body, "camilla.rota"));
  CHECK(c.get("/v1/cases/unimi-2025/mentee_application/camilla.rota", kGiovanna).status == 404);
  CHECK_FALSE(contains(c.get("/v1/history/unimi-2025/round", kGiovanna).body, "camilla.rota"));
  refused(erasing("camilla.rota"), kPaola, 404, "there is nobody with user id camilla.rota");
}

TEST_CASE("a store with ids in clear has nobody to erase through the API", "[api][erase][slow]") {
  UnimiServer server(tokens());
  HttpClient c = server.client();
  const HttpReply r = c.post("/v1/subjects/erase", erasing("camilla.rota"), kPaola);
  CHECK(r.status == 422);
  CHECK(contains(r.body, "keeps user ids in clear"));
}
