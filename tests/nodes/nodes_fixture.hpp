#pragma once
// Several `mentorflow serve` nodes on one PostgreSQL database: a fresh schema of the test cluster
// (tests/store/backend_fixture.hpp), MIE 2021 published there through the CLI, a tokens file the
// nodes share, and the nodes started as an operator starts them (tests/support/serve_process.hpp).
// Without a cluster outside CI the test is skipped (`if (!nodes) return;`).
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/api/api_fixture.hpp"  // ApiFixture::submit_inputs, HttpClient
#include "tests/store/backend_fixture.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/serve_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace mentorflow::testing {

// The time the nodes' clocks stand at unless a test says otherwise: MIE 2021's call is open.
inline const std::string kMieNow = "2021-09-20 10:00 Europe/Rome";

class Nodes {
 public:
  Nodes() : db_(store::testing::StoreUnderTest::make(store::testing::Backend::kPostgres)) {}
  explicit operator bool() const { return db_ != nullptr; }

  std::string url() const { return db_->location().string(); }
  const TempDir& dir() const { return dir_; }
  const std::filesystem::path& tokens() const { return tokens_; }

  // `mentorflow COMMAND --store URL ARGS...`.
  CliResult cli(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, {"--store", url()});
    return run_cli(args);
  }
  // The same, required to succeed.
  CliResult ok(std::vector<std::string> args) const {
    CliResult r = cli(std::move(args));
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }
  void publish_mie() const {
    ok({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules", (source_dir() / "rules/mie-2021.rules").string(),
        "--edition", "mie-2021", "--now", kMieNow});
  }
  // A token of `user` in the nodes' tokens file.
  std::string token(const std::string& user, const std::string& roles, const std::string& editions = "mie-2021") const {
    return token_for(tokens_, user, roles, editions);
  }

  // Starts node `name` (its output in DIR/NAME.log) with `--now kMieNow` unless `extra` names
  // another time, and no clock loop unless `extra` sets one.
  std::unique_ptr<ServeProcess> start(const std::string& name, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"--store", url(), "--listen", "127.0.0.1:0", "--tokens", tokens_.string(), "--workers", "4"};
    if (std::find(extra.begin(), extra.end(), "--now") == extra.end()) extra.insert(extra.end(), {"--now", kMieNow});
    if (std::find(extra.begin(), extra.end(), "--tick-every") == extra.end()) extra.insert(extra.end(), {"--tick-every", "0"});
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<ServeProcess>(args, log(name));
  }
  std::filesystem::path log(const std::string& name) const { return dir_ / (name + ".log"); }

  // Every event of the log, as `mentorflow export` writes it.
  std::vector<nlohmann::json> exported() const {
    std::vector<nlohmann::json> events;
    std::istringstream lines(ok({"export"}).out);
    for (std::string line; std::getline(lines, line);) events.push_back(nlohmann::json::parse(line));
    return events;
  }

 private:
  std::unique_ptr<store::testing::StoreUnderTest> db_;  // first: dropped after the nodes are gone
  TempDir dir_;
  std::filesystem::path tokens_ = dir_ / "tokens";
};

// A command's body as the API takes it.
inline nlohmann::json command_body(const std::string& command, const nlohmann::json& inputs = nlohmann::json::object()) {
  return {{"command", command}, {"inputs", inputs.is_null() ? nlohmann::json::object() : inputs}};
}

inline const nlohmann::json kLyonOffer = {
    {"host", "Institut Lumière"}, {"country", "France"}, {"sector", "film production"}, {"language", "french"}};

}  // namespace mentorflow::testing
