#pragma once
// A real server on 127.0.0.1 (port 0) over a fresh store in a temporary folder, with MIE 2021
// published (the shipped workflow and rules), a manual clock, and one token per kind of caller.
// The server signs checkpoints of the log into witness() with a key of its own (GET /v1/checkpoint).
// `seed()` then takes the edition, through the API itself, to: a project lyon-film offered by
// mentor marco and published by staff carla; anna's application submitted; bruno's started.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "api/checkpointer.hpp"
#include "api/server.hpp"
#include "api/tokens.hpp"
#include "dsl/source_file.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/engine.hpp"
#include "tests/api/http_client.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace mentorflow::testing {

// The callers of the permission matrix, by their token.
inline const std::string kAnna = "tok-anna";      // student, applicant (party of her application)
inline const std::string kBruno = "tok-bruno";    // student, another applicant
inline const std::string kMarco = "tok-marco";    // mentor (party of the project)
inline const std::string kCarla = "tok-carla";    // staff of mie-2021
inline const std::string kOtto = "tok-otto";      // staff, but of another edition only
inline const std::string kAudrey = "tok-audrey";  // auditor of every edition
inline const std::string kPat = "tok-pat";        // publisher of mie-2021
inline const std::string kBogus = "tok-nobody";   // a token not in the file
inline const std::string kSystem = "tok-system";  // holds `system`, which `token add` and a tokens file refuse
// MILEAGE's placement pilot (placements_test.cpp).
inline const std::string kIva = "tok-iva";        // student of mileage-pilot
inline const std::string kNgo = "tok-ngo";        // ngo_mentor of mileage-pilot
inline const std::string kAna = "tok-ana";        // coordinator (staff) of mileage-pilot
inline const std::string kPilotPublisher = "tok-pilot-publisher";

inline UtcMicros rome(const std::string& text) { return dsl::parse_datetime(text + " Europe/Rome")->utc_micros; }

// Students of mie-2021 who race each other (concurrency_test.cpp, permissions_test.cpp): racer i
// holds racer_token(i). An application is named by its student, so each racer opens their own.
inline constexpr int kRacerTokens = 8;
inline std::string racer_token(int i) { return "tok-racer" + std::to_string(i); }

inline api::TokenTable test_tokens() {
  std::vector<std::pair<std::string, api::Principal>> tokens{
      {kAnna, {"anna", {"student"}, {"mie-2021"}}},
      {kBruno, {"bruno", {"student"}, {"mie-2021"}}},
      {kMarco, {"marco", {"mentor"}, {"mie-2021"}}},
      {kCarla, {"carla", {"staff"}, {"mie-2021"}}},
      {kOtto, {"otto", {"staff"}, {"mie-2022"}}},
      {kAudrey, {"audrey", {"auditor"}, {"*"}}},
      {kPat, {"pat", {"publisher"}, {"mie-2021"}}},
      {kSystem, {"sys", {"system"}, {"mie-2021"}}},
      {kIva, {"iva", {"student"}, {"mileage-pilot"}}},
      {kNgo, {"ngo-lux", {"ngo_mentor"}, {"mileage-pilot"}}},
      {kAna, {"ana", {"coordinator"}, {"mileage-pilot"}}},
      {kPilotPublisher, {"pp", {"publisher"}, {"mileage-pilot"}}},
  };
  for (int i = 0; i < kRacerTokens; ++i)
    tokens.push_back({racer_token(i), {"racer" + std::to_string(i), {"student"}, {"mie-2021"}}});
  return api::TokenTable::from_tokens(tokens);
}

inline std::string file_text(const std::string& relative) {
  std::string error;
  return dsl::SourceFile::load((source_dir() / relative).string(), error)->text();
}

class ApiFixture {
 public:
  // `server_clock`: the clock the server's engines read (default: the fixture's, clock()).
  explicit ApiFixture(api::ServerOptions options = quick_options(), const Clock* server_clock = nullptr)
      : clock_(rome("2021-09-20 10:00")) {
    auto store = store::EventStore::open(dir_ / "store", {.clock = &clock_});
    REQUIRE(store.is_ok());
    store_ = std::move(*store);
    engine::Engine engine(*store_, clock_);
    std::string error;
    auto workflow = dsl::SourceFile::load((source_dir() / "workflows/mie.flow").string(), error);
    auto rules = dsl::SourceFile::load((source_dir() / "rules/mie-2021.rules").string(), error);
    dsl::Diagnostics diagnostics;
    REQUIRE(engine.publish(*workflow, *rules, "mie-2021", diagnostics).is_ok());
    auto key = store::SigningKey::generate();
    REQUIRE(key.is_ok());
    auto checkpoints = api::Checkpointer::start(*store_, std::move(*key), witness(), {}, clock_);
    REQUIRE(checkpoints.is_ok());
    checkpoints_ = std::move(*checkpoints);
    options.checkpoints = checkpoints_.get();
    server_ = std::make_unique<api::Server>(*store_, server_clock ? *server_clock : clock_, tokens_, options);
    REQUIRE(server_->start().is_ok());
  }
  ~ApiFixture() { stop(); }

  static api::ServerOptions quick_options() {
    api::ServerOptions o;
    o.port = 0;
    o.workers = 4;
    o.tick_every = std::chrono::milliseconds(0);
    o.read_timeout = std::chrono::milliseconds(2000);
    o.max_body_bytes = 256 * 1024;
    return o;
  }

  std::uint16_t port() const { return server_->port(); }
  HttpClient client() const { return HttpClient(port()); }
  ManualClock& clock() { return clock_; }
  store::EventStore& store() { return *store_; }
  api::Checkpointer& checkpoints() { return *checkpoints_; }
  std::filesystem::path witness() const { return dir_ / "witness.jsonl"; }
  void stop() {
    if (server_) {
      server_->stop();
      server_->wait();
      server_.reset();
    }
  }

  // POST a command; REQUIREs the expected status.
  HttpReply command(const std::string& token, const std::string& case_name, const std::string& command,
                    const nlohmann::json& inputs = nlohmann::json::object(), int expect = 0) {
    HttpClient c = client();
    const nlohmann::json given = inputs.is_null() ? nlohmann::json::object() : inputs;  // `{}` is null in a brace list
    HttpReply r = c.post("/v1/cases/" + case_name, {{"command", command}, {"inputs", given}}, token);
    if (expect != 0) {
      INFO(case_name << " " << command << ": " << r.body);
      REQUIRE(r.status == expect);
    }
    return r;
  }

  void seed() {
    command(kMarco, "mie-2021/project/lyon-film", "offer_project",
            {{"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film production"}, {"language", "french"}},
            201);
    command(kCarla, "mie-2021/project/lyon-film", "publish_project", {}, 200);
    command(kAnna, "mie-2021/application/anna", "start_application", {{"project", "mie-2021/project/lyon-film"}}, 201);
    command(kAnna, "mie-2021/application/anna", "submit", submit_inputs(), 200);
    command(kBruno, "mie-2021/application/bruno", "start_application", {{"project", "mie-2021/project/lyon-film"}}, 201);
  }

  static nlohmann::json submit_inputs() {
    return {{"degree", "bachelor"},
            {"year", 3},
            {"certificate_language", "french"},
            {"certified_level", "B2"},
            {"cv", {{"it", "cv-it.pdf"}, {"foreign", "cv-fr.pdf"}}},
            {"letter", {{"it", "lettera.pdf"}, {"foreign", "letter-fr.pdf"}}},
            {"certificate", "certificate-french-B2.pdf"}};
  }

 private:
  TempDir dir_;
  ManualClock clock_;
  api::TokenTable tokens_ = test_tokens();
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<api::Checkpointer> checkpoints_;  // destroyed before the store, after the server
  std::unique_ptr<api::Server> server_;
};

}  // namespace mentorflow::testing
