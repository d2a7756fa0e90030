// A store with an event altered behind its back, served by a real server on 127.0.0.1: reading
// the case, its history or its stream answers 500 `altered` with the sentence naming the position
// (never the altered value); the rest of the store is still served. docs/API.md, "Errors".
#include <string>

#include "store/keys.hpp"
#include "tests/api/api_fixture.hpp"
#include "tests/store/raw_store.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;
using mentorflow::store::number_key;
using mentorflow::store::testing::raw_get;
using mentorflow::store::testing::raw_put;

namespace {

const std::string kProject = "mie-2021/project/lyon-film";

// MIE 2021 published and a project offered through the CLI; the offer's payload then altered
// ("Lumière" to "Lumiére", same length). The position of the altered event.
std::uint64_t altered_store(const CliStore& s) {
  s.ok(s.cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
              (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now",
              "2021-09-01 09:00 Europe/Rome"}));
  s.ok(s.exec_text("mentor:marco", kProject, "offer_project",
                   R"({"host": "Institut Lumière", "country": "France", "sector": "film", "language": "french"})"));
  s.ok(s.exec_text("mentor:marco", "mie-2021/project/other", "offer_project",
                   R"({"host": "Elsewhere", "country": "Spain", "sector": "film", "language": "spanish"})"));
  auto events = nlohmann::json::parse("[" + [&] {
    std::string lines = s.ok(s.cli({"export"})).out, out;
    for (char c : lines) out += c == '\n' ? ',' : c;
    return out.substr(0, out.size() - 1);
  }() + "]");
  std::uint64_t position = 0;
  for (const auto& e : events)
    if (e["stream"] == kProject && e["payload"].dump().find("Lumi") != std::string::npos)
      position = e["position"];
  REQUIRE(position > 0);
  std::string value = *raw_get(s.store, "events", number_key(position));
  const auto at = value.find("Lumière");
  REQUIRE(at != std::string::npos);
  value.replace(at, std::string("Lumière").size(), "Lumiére");
  raw_put(s.store, "events", number_key(position), value);
  return position;
}

}  // namespace

TEST_CASE("reads of an altered event answer 500 altered, naming the position, never the altered value", "[api]") {
  CliStore s("2021-09-20 10:00 Europe/Rome");
  const std::uint64_t position = altered_store(s);
  const std::string sentence =
      "event at position " + std::to_string(position) + " does not match its hash: the store was altered; run verify";

  ManualClock clock(rome("2021-09-20 10:00"));
  auto store = store::EventStore::open(s.store, {.clock = &clock});
  REQUIRE(store.is_ok());
  const api::TokenTable tokens = test_tokens();
  api::Server server(**store, clock, tokens, ApiFixture::quick_options());
  REQUIRE(server.start().is_ok());
  HttpClient client(server.port());

  for (const std::string& path : {"/v1/cases/" + kProject, "/v1/history/" + kProject, "/v1/streams/" + kProject}) {
    HttpReply r = client.get(path, kCarla);
    INFO(path << ": " << r.body);
    CHECK(r.status == 500);
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    REQUIRE(body.is_object());
    CHECK(body["error"]["code"] == "altered");
    CHECK(body["error"]["message"] == sentence);
    CHECK(!contains(r.body, "Lumiére"));
  }
  // The other project is intact and still served.
  HttpReply other = client.get("/v1/cases/mie-2021/project/other", kCarla);
  INFO(other.body);
  CHECK(other.status == 200);
  server.stop();
  server.wait();
}
