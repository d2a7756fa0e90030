// What a participant reads of their own cases on a whole edition: UniMi 2025-26 run through the
// real CLI (examples/unimi-2025), then served. A mentee's history explains her matching outcome
// without naming the other mentees who filled her higher choices; her cases name no other mentee
// at all; the cohort, where the whole run is recorded, is for staff and auditors.
#include <fstream>
#include <regex>
#include <set>

#include "tests/api/unimi_server.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;

namespace {

const std::string kCamilla = "tok-camilla";    // mentee, not matched (every choice was full)
const std::string kBeatrice = "tok-beatrice";  // mentee, matched to her 2nd choice
const std::string kGiovanna = "tok-giovanna";  // career_service

// Every mentee of the scenario, by user id.
std::set<std::string> mentees() {
  std::ifstream in(source_dir() / "examples/unimi-2025/scenario.jsonl");
  const std::regex application("unimi-2025/mentee_application/([a-z.]+)\"");
  std::set<std::string> out;
  for (std::string line; std::getline(in, line);)
    for (std::sregex_iterator it(line.begin(), line.end(), application), end; it != end; ++it) out.insert((*it)[1]);
  return out;
}

api::TokenTable tokens() {
  return api::TokenTable::from_tokens({
      {kCamilla, {"camilla.rota", {"mentee"}, {"unimi-2025"}}},
      {kBeatrice, {"beatrice.leoni", {"mentee"}, {"unimi-2025"}}},
      {kGiovanna, {"giovanna.ricci", {"career_service"}, {"unimi-2025"}}},
  });
}

std::string matching_note(const nlohmann::json& history) {
  for (const auto& entry : history["entries"])
    for (const auto& note : entry["notes"])
      if (note.get<std::string>().starts_with("matching: ")) return note;
  return {};
}

}  // namespace

TEST_CASE("a mentee reads her matching outcome without the other mentees, and no cohort", "[api][slow]") {
  UnimiServer served(tokens());
  HttpClient c = served.client();
  const std::string camilla = "unimi-2025/mentee_application/camilla.rota";

  HttpReply history = c.get("/v1/history/" + camilla, kCamilla);
  REQUIRE(history.status == 200);
  CHECK(matching_note(history.json()) ==
        "matching: not matched: 1st choice valentina.greco was full; 2nd choice davide.ferri was full; "
        "3rd choice elisa.moretti was full");
  HttpReply state = c.get("/v1/cases/" + camilla, kCamilla);
  REQUIRE(state.status == 200);
  for (const std::string& other : mentees()) {
    if (other == "camilla.rota") continue;
    INFO(other);
    CHECK(history.body.find(other) == std::string::npos);
    CHECK(state.body.find(other) == std::string::npos);
  }
  // Staff read the run's full explanation, which names who took each place.
  HttpReply staff = c.get("/v1/history/" + camilla, kGiovanna);
  CHECK(matching_note(staff.json()).find("with alessia.conti who ranked it as high") != std::string::npos);

  // Matched at a lower choice: what she got, and why not higher, in her words only.
  HttpReply beatrice = c.get("/v1/history/unimi-2025/mentee_application/beatrice.leoni", kBeatrice);
  REQUIRE(beatrice.status == 200);
  CHECK(matching_note(beatrice.json()) == "matching: proposed davide.ferri (2nd choice): 1st choice valentina.greco was full");
  CHECK(beatrice.body.find("alessia.conti") == std::string::npos);
  // Her mentorship names her and her mentor, no other mentee.
  HttpReply pair = c.get("/v1/history/unimi-2025/mentorship/beatrice.leoni", kBeatrice);
  REQUIRE(pair.status == 200);
  for (const std::string& other : mentees())
    if (other != "beatrice.leoni") CHECK(pair.body.find(other) == std::string::npos);

  // The cohort records the whole run with everyone's rankings: not for participants.
  for (const std::string target : {"/v1/cases/unimi-2025/round", "/v1/history/unimi-2025/round",
                                   "/v1/streams/unimi-2025/round", "/v1/editions/unimi-2025/cases"}) {
    INFO(target);
    CHECK(c.get(target, kCamilla).status == 403);
  }
  CHECK(c.get("/v1/history/unimi-2025/round", kGiovanna).status == 200);
}
