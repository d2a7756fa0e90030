// The office's flags through the API, on the UniMi edition run to its end (issue 14, item 5):
// martina.sala's mentorship has the cadence flag its meetings raised. Staff list the open flags
// and clear one with a reason; participants may do neither; a wrong request is one sentence and
// changes nothing; the clearing is in the case's history.
#include "tests/api/unimi_server.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;
using nlohmann::json;

namespace {

const std::string kMartina = "tok-martina";    // mentee, the flagged mentorship's party
const std::string kGiovanna = "tok-giovanna";  // career_service: staff
const std::string kMentorship = "unimi-2025/mentorship/martina.sala";

api::TokenTable tokens() {
  return api::TokenTable::from_tokens({
      {kMartina, {"martina.sala", {"mentee"}, {"unimi-2025"}}},
      {kGiovanna, {"giovanna.ricci", {"career_service"}, {"unimi-2025"}}},
  });
}

const json* flag_of(const json& flags, const std::string& case_name) {
  for (const json& f : flags)
    if (f["case"] == case_name) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("staff list an edition's open flags and clear one with a reason", "[api][slow]") {
  UnimiServer served(tokens());
  HttpClient c = served.client();

  HttpReply listed = c.get("/v1/editions/unimi-2025/flags", kGiovanna);
  INFO(listed.body);
  REQUIRE(listed.status == 200);
  const json open = listed.json()["flags"];
  const json* martina = flag_of(open, kMentorship);
  REQUIRE(martina != nullptr);
  CHECK((*martina)["flag"] == 1);
  CHECK((*martina)["kind"] == "cadence");
  CHECK((*martina)["text"].get<std::string>().find("expected") != std::string::npos);
  CHECK(c.get("/v1/editions/unimi-2025/flags", kMartina).status == 403);

  // Participants may not clear; malformed or pointless requests are refused; nothing is written.
  const auto head = c.get("/v1/health").json()["position"];
  CHECK(c.post("/v1/flags/" + kMentorship, {{"flag", 1}, {"reason", "fine"}}, kMartina).status == 403);
  CHECK(c.post("/v1/flags/" + kMentorship, {{"flag", 1}}, kGiovanna).status == 400);
  CHECK(c.post("/v1/flags/" + kMentorship, {{"flag", "one"}, {"reason", "fine"}}, kGiovanna).status == 400);
  CHECK(c.post("/v1/flags/" + kMentorship, {{"flag", 1}, {"reason", "  "}}, kGiovanna).status == 400);
  HttpReply missing = c.post("/v1/flags/" + kMentorship, {{"flag", 7}, {"reason", "fine"}}, kGiovanna);
  CHECK(missing.status == 404);
  CHECK(missing.json()["error"]["message"].get<std::string>().find("numbered 1 to 1") != std::string::npos);
  CHECK(c.get("/v1/health").json()["position"] == head);

  // Cleared with an Idempotency-Key: a retry whose answer was lost gets the first answer again,
  // and nothing more is written.
  const auto clear_keyed = [&](const std::string& key) {
    const json body = {{"flag", 1}, {"reason", "the mentor was ill in March; agreed with the office"}};
    return c.request("POST", "/v1/flags/" + kMentorship, body.dump(), kGiovanna, "application/json", {{"Idempotency-Key", key}});
  };
  CHECK(clear_keyed("bad\tkey").status == 400);
  CHECK(c.get("/v1/health").json()["position"] == head);
  HttpReply cleared = clear_keyed("clear-martina-1");
  INFO(cleared.body);
  REQUIRE(cleared.status == 200);
  CHECK(cleared.json()["flag"] == 1);
  const auto after_clearing = c.get("/v1/health").json()["position"];
  HttpReply retried = clear_keyed("clear-martina-1");
  CHECK(retried.status == 200);
  CHECK(retried.json()["position"] == cleared.json()["position"]);
  CHECK(c.get("/v1/health").json()["position"] == after_clearing);
  CHECK(c.post("/v1/flags/" + kMentorship, {{"flag", 1}, {"reason", "again"}}, kGiovanna).status == 409);

  const json after = c.get("/v1/editions/unimi-2025/flags", kGiovanna).json()["flags"];
  CHECK(flag_of(after, kMentorship) == nullptr);
  const std::string history = c.get("/v1/history/" + kMentorship, kGiovanna).body;
  CHECK(history.find("flag 1 (") != std::string::npos);
  CHECK(history.find("cleared: the mentor was ill in March") != std::string::npos);
}
