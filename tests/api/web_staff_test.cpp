// What the staff, the auditors and a participant's own files look like through the API on a whole
// UniMi edition run to its end: the dashboard's funnel and timers, the matching review, the
// certificates (a PDF that hashes as recorded), the meetings as .ics, and verify run from a page.
#include <numeric>

#include "store/hash.hpp"
#include "tests/api/unimi_server.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;
using nlohmann::json;

namespace {

const std::string kBeatrice = "tok-beatrice";  // mentee, matched to her 2nd choice
const std::string kCamilla = "tok-camilla";    // mentee, not matched
const std::string kGiovanna = "tok-giovanna";  // career_service
const std::string kAudit = "tok-audit";        // auditor of every edition

api::TokenTable tokens() {
  return api::TokenTable::from_tokens({
      {kBeatrice, {"beatrice.leoni", {"mentee"}, {"unimi-2025"}}},
      {kCamilla, {"camilla.rota", {"mentee"}, {"unimi-2025"}}},
      {kGiovanna, {"giovanna.ricci", {"career_service"}, {"unimi-2025"}}},
      {kAudit, {"ada", {"auditor"}, {"*"}}},
  });
}

const json* row_of(const json& run, const std::string& left) {
  for (const json& row : run["rows"])
    if (row["left"] == left) return &row;
  return nullptr;
}

}  // namespace

TEST_CASE("staff read the edition's dashboard, its matching run and its certificates", "[api][web][slow]") {
  UnimiServer served(tokens());
  HttpClient c = served.client();

  HttpReply dashboard = c.get("/v1/editions/unimi-2025/dashboard", kGiovanna);
  INFO(dashboard.body.substr(0, 2000));
  REQUIRE(dashboard.status == 200);
  const json d = dashboard.json();
  // The funnel counts every case once: its sum is the number of cases the list pages through.
  const json& counts = d["counts"];
  const auto counted = std::accumulate(counts.begin(), counts.end(), std::int64_t{0},
                                       [](std::int64_t n, const json& c) { return n + c["count"].get<std::int64_t>(); });
  const json all = c.get("/v1/editions/unimi-2025/cases?limit=1", kGiovanna).json();
  const auto cohorts = d["cohorts"].size();
  CHECK(counted + static_cast<std::int64_t>(cohorts) == all["total"].get<std::int64_t>());
  CHECK(counts[0]["type"] == "mentee_application");  // in the workflow's order
  REQUIRE(cohorts >= 1);
  CHECK(d["cohorts"][0]["case"].get<std::string>().starts_with("unimi-2025/"));
  CHECK(d["timers"].is_array());
  CHECK(d["flags"].is_array());
  CHECK(c.get("/v1/editions/unimi-2025/dashboard", kBeatrice).status == 403);

  HttpReply matching = c.get("/v1/editions/unimi-2025/matching", kGiovanna);
  REQUIRE(matching.status == 200);
  const json runs = matching.json()["runs"];
  REQUIRE(!runs.empty());
  const json& run = runs[0];
  CHECK(run["method"] == "stable");
  CHECK(run["blocking_pairs"] == 0);
  CHECK(!run["summary"].get<std::string>().empty());
  const json* beatrice = row_of(run, "unimi-2025/mentee_application/beatrice.leoni");
  REQUIRE(beatrice != nullptr);
  CHECK((*beatrice)["place"] == 2);  // her 2nd choice
  CHECK((*beatrice)["right"].is_string());
  CHECK((*beatrice)["choices"].size() >= 2);
  CHECK(!(*beatrice)["explanation"].get<std::string>().empty());
  const json* camilla = row_of(run, "unimi-2025/mentee_application/camilla.rota");
  REQUIRE(camilla != nullptr);
  CHECK((*camilla)["right"].is_null());
  CHECK((*camilla)["place"].is_null());
  CHECK(c.get("/v1/editions/unimi-2025/matching", kCamilla).status == 403);

  HttpReply issued = c.get("/v1/editions/unimi-2025/certificates", kGiovanna);
  REQUIRE(issued.status == 200);
  CHECK(!issued.json()["certificates"].empty());
}

TEST_CASE("a participant downloads her own certificates and meetings, and no one else's", "[api][web][slow]") {
  UnimiServer served(tokens());
  HttpClient c = served.client();
  const std::string mentorship = "unimi-2025/mentorship/beatrice.leoni";

  HttpReply mine = c.get("/v1/certificates/" + mentorship, kBeatrice);
  INFO(mine.body);
  REQUIRE(mine.status == 200);
  const json list = mine.json()["certificates"];
  REQUIRE(!list.empty());
  for (const json& cert : list) CHECK(cert["recipient"] == "beatrice.leoni");  // not her mentor's
  const std::string file = list[0]["file"];
  HttpReply pdf = c.get("/v1/certificates/" + mentorship + "?file=" + file, kBeatrice);
  REQUIRE(pdf.status == 200);
  CHECK(pdf.content_type == "application/pdf");
  CHECK(pdf.body.starts_with("%PDF-"));
  CHECK(store::to_hex(store::sha256(pdf.body)) == list[0]["sha256"]);  // exactly the file the log records
  CHECK(pdf.header("Content-Disposition") == "attachment; filename=\"" + file + "\"");

  // Staff see every certificate of the case; another mentee sees none and cannot fetch one.
  CHECK(c.get("/v1/certificates/" + mentorship, kGiovanna).json()["certificates"].size() >= list.size());
  CHECK(c.get("/v1/certificates/" + mentorship, kCamilla).status == 403);
  CHECK(c.get("/v1/certificates/" + mentorship + "?file=" + file, kCamilla).status == 403);
  CHECK(c.get("/v1/certificates/" + mentorship + "?file=nothing.pdf", kBeatrice).status == 404);

  HttpReply ics = c.get("/v1/calendar/" + mentorship, kBeatrice);
  REQUIRE(ics.status == 200);
  CHECK(ics.content_type.starts_with("text/calendar"));
  CHECK(ics.body.starts_with("BEGIN:VCALENDAR\r\n"));
  CHECK(ics.body.find("BEGIN:VEVENT") != std::string::npos);
  CHECK(c.get("/v1/calendar/" + mentorship, kCamilla).status == 403);
}

TEST_CASE("an auditor runs verify from a page and reads what the CLI prints", "[api][web][slow]") {
  UnimiServer served(tokens());
  HttpClient c = served.client();
  HttpReply r = c.post("/v1/verify", json::object(), kAudit);
  INFO(r.body.substr(0, 2000));
  REQUIRE(r.status == 200);
  const json v = r.json();
  CHECK(v["ok"] == true);
  CHECK(v["chain"]["intact"] == true);
  CHECK(v["chain"]["head"]["position"] == served.store().head().position);
  CHECK(v["decisions"]["checked"].get<int>() > 0);
  CHECK(v["matching"]["runs_checked"].get<int>() >= 1);
  CHECK(v["certificates"]["checked"].get<int>() > 0);
  const std::string text = v["text"];
  CHECK(text.starts_with("verified "));
  CHECK(text.find("re-evaluated ") != std::string::npos);
  CHECK(c.post("/v1/verify", json::object(), kGiovanna).status == 403);
}
