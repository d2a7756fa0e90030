// GET /v1/checkpoint: the latest signed head, open to anyone, with what an outside party needs to
// check it and keep it (api/checkpointer.hpp; docs/STORE.md, "Signed checkpoints").
#include <fstream>
#include <thread>

#include "base/hex.hpp"
#include "store/checkpoint.hpp"
#include "store/utc_time.hpp"
#include "tests/api/api_fixture.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;

namespace {

std::vector<std::string> lines_of(const std::filesystem::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("GET /v1/checkpoint gives the latest signed head to anyone, and it is the witness's last line", "[api]") {
  ApiFixture api;
  const store::ChainHead at_start = api.store().head();
  HttpClient c = api.client();
  HttpReply r = c.get("/v1/checkpoint");  // no token
  INFO(r.body);
  REQUIRE(r.status == 200);
  const nlohmann::json j = r.json();
  CHECK(j["position"] == at_start.position);
  CHECK(j["hash"] == store::to_hex(at_start.hash));
  CHECK(store::parse_utc(j["time"].get<std::string>()) == api.clock().now());
  auto line = store::parse_witness_line(j["witness_line"].get<std::string>());
  REQUIRE(line.is_ok());
  CHECK(store::signature_holds(*line));
  CHECK(hex_of(line->signature) == j["signature"]);
  CHECK(hex_of(line->key) == j["public_key"]);
  CHECK(j["signed_message"] == store::checkpoint_message(line->position, line->hash, line->time));
  CHECK(j["public_key_pem"].get<std::string>().rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
  CHECK(lines_of(api.witness()) == std::vector<std::string>{j["witness_line"].get<std::string>()});

  api.seed();  // the log grows; the checkpointer signs it when asked, or by its policy
  REQUIRE(api.checkpoints().sign_if_moved().is_ok());
  r = c.get("/v1/checkpoint", kAnna);
  REQUIRE(r.status == 200);
  CHECK(r.json()["position"] == api.store().head().position);
  CHECK(lines_of(api.witness()).size() == 2);
  CHECK(lines_of(api.witness()).back() == r.json()["witness_line"].get<std::string>());

  CHECK(c.request("POST", "/v1/checkpoint", "{}", kAudrey).status == 405);
}

TEST_CASE("the checkpointer signs once the log has grown by the events its policy says", "[api]") {
  auto key = store::SigningKey::generate();
  REQUIRE(key.is_ok());
  TempDir dir;
  ManualClock clock(1'633'600'000'000'000);
  auto s = store::EventStore::open(dir / "store", {.clock = &clock});
  REQUIRE(s.is_ok());
  store::EventStore& log = **s;
  {
    auto checkpoints = api::Checkpointer::start(log, std::move(*key), dir / "witness", {.every_events = 3}, clock);
    REQUIRE(checkpoints.is_ok());
    CHECK((*checkpoints)->latest().position == 0);
    store::NewEvent e;
    e.type = "Noted";
    e.payload = nlohmann::json::object();
    for (int i = 0; i < 3; ++i) REQUIRE(log.append("s", store::ExpectedVersion::any(), {e}).is_ok());
    for (int i = 0; i < 250 && (*checkpoints)->latest().position < 3; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK((*checkpoints)->latest().position == 3);
    REQUIRE(log.append("s", store::ExpectedVersion::any(), {e}).is_ok());
  }  // stopping signs the head it has not signed yet
  const auto lines = lines_of(dir / "witness");
  REQUIRE(lines.size() == 3);
  CHECK(store::parse_witness_line(lines[2])->position == 4);
}

TEST_CASE("POST /v1/verify checks the log against the server's own witness file", "[api]") {
  ApiFixture api;
  api.seed();
  REQUIRE(api.checkpoints().sign_if_moved().is_ok());
  HttpClient c = api.client();
  HttpReply r = c.post("/v1/verify", nlohmann::json::object(), kAudrey);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["ok"] == true);
  CHECK(r.json()["witness"]["checkpoints"] == 2);
  CHECK(r.json()["witness"]["highest_position"] == api.store().head().position);
  CHECK(r.json()["witness"]["findings"].empty());
  CHECK(r.json()["text"].get<std::string>().find("the log passes through its 2 signed checkpoints") != std::string::npos);

  // A line the server's key did not sign is a finding: here its last line again, with a 1 put
  // before the position, so that it claims a position it never signed.
  std::string line = lines_of(api.witness()).back();
  line.replace(line.find("\"position\":"), 11, "\"position\":1");
  std::ofstream(api.witness(), std::ios::app) << line << "\n";
  r = c.post("/v1/verify", nlohmann::json::object(), kAudrey);
  REQUIRE(r.status == 200);
  CHECK(r.json()["ok"] == false);
  REQUIRE(r.json()["witness"]["findings"].size() == 1);
  CHECK(r.json()["witness"]["findings"][0]["line"] == 3);
}

TEST_CASE("after a key rotation POST /v1/verify accepts the earlier key's lines when the server is given that key", "[api]") {
  TempDir dir;
  ManualClock clock(1'633'600'000'000'000);
  auto s = store::EventStore::open(dir / "store", {.clock = &clock});
  REQUIRE(s.is_ok());
  store::EventStore& log = **s;
  store::NewEvent e;
  e.type = "Noted";
  e.payload = nlohmann::json::object();
  auto old_key = store::SigningKey::generate(), new_key = store::SigningKey::generate();
  REQUIRE(old_key.is_ok());
  REQUIRE(new_key.is_ok());
  const store::PublicKey old_public = old_key->public_key();
  REQUIRE(log.append("s", store::ExpectedVersion::any(), {e}).is_ok());
  REQUIRE(api::Checkpointer::start(log, std::move(*old_key), dir / "witness", {}, clock).is_ok());  // line 1: the old key
  REQUIRE(log.append("s", store::ExpectedVersion::any(), {e}).is_ok());

  // Restarted with the new key and the old one named: the new key signs the head (line 2).
  auto checkpoints = api::Checkpointer::start(log, std::move(*new_key), dir / "witness", {}, clock, {old_public});
  REQUIRE(checkpoints.is_ok());
  CHECK((*checkpoints)->trusted_keys() == std::vector<store::PublicKey>{(*checkpoints)->public_key(), old_public});
  REQUIRE(lines_of(dir / "witness").size() == 2);

  const auto verify = [&](api::Checkpointer* with) {
    api::ServerOptions options = ApiFixture::quick_options();
    options.checkpoints = with;
    const api::TokenTable tokens = test_tokens();
    api::Server server(log, clock, tokens, options);
    REQUIRE(server.start().is_ok());
    HttpReply r = HttpClient(server.port()).post("/v1/verify", nlohmann::json::object(), kAudrey);
    server.stop();
    server.wait();
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
  };
  const nlohmann::json rotated = verify(checkpoints->get());
  CHECK(rotated["ok"] == true);
  CHECK(rotated["witness"]["checkpoints"] == 2);
  CHECK(rotated["witness"]["findings"].empty());

  // Without the old key, its line is a finding that names the key.
  checkpoints->reset();
  auto alone = api::Checkpointer::start(log, *store::SigningKey::generate(), dir / "witness", {}, clock);
  REQUIRE(alone.is_ok());
  const nlohmann::json strict = verify(alone->get());
  CHECK(strict["ok"] == false);
  REQUIRE(strict["witness"]["findings"].size() >= 2);
  CHECK(strict["witness"]["findings"][0]["line"] == 1);
  CHECK(strict["witness"]["findings"][0]["problem"].get<std::string>().find("is signed by key " + hex_of(old_public)) !=
        std::string::npos);
}
