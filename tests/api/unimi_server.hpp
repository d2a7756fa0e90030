#pragma once
// UniMi 2025-26 run to its end through the real CLI (examples/unimi-2025/scenario.jsonl) into a
// store in a temporary folder, then served on 127.0.0.1 with the given tokens: the whole edition
// as its people and staff read it through the API. With `Sealed::kWithMasterKey` the store is made
// with a master key (docs/PRIVACY.md): its log keeps pseudonyms, and the server maps and reveals.
#include <cstdlib>
#include <memory>

#include "engine/privacy/pseudonyms.hpp"
#include "engine/privacy/sealing_store.hpp"
#include "store/master_key.hpp"
#include "tests/api/api_fixture.hpp"

namespace mentorflow::testing {

enum class Sealed { kInClear, kWithMasterKey };

class UnimiServer {
 public:
  explicit UnimiServer(api::TokenTable tokens, Sealed sealed = Sealed::kInClear)
      : clock_(rome("2026-06-01 09:00")), tokens_(std::move(tokens)) {
    const std::string key = (dir_ / "master-key").string();
    if (sealed == Sealed::kWithMasterKey) setenv("MENTORFLOW_MASTER_KEY_FILE", key.c_str(), 1);
    const auto run = run_cli({"run", "--store", (dir_ / "store").string(),
                              (source_dir() / "examples/unimi-2025/scenario.jsonl").string()});
    unsetenv("MENTORFLOW_MASTER_KEY_FILE");
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    auto store = store::EventStore::open(dir_ / "store", {.clock = &clock_});
    REQUIRE(store.is_ok());
    store_ = std::move(*store);
    api::ServerOptions options = ApiFixture::quick_options();
    if (sealed == Sealed::kWithMasterKey) {
      auto master = store::MasterKey::load(key, false);
      REQUIRE(master.is_ok());
      auto subjects = store_->open_subjects(*master);
      REQUIRE(subjects.is_ok());
      subjects_ = std::move(*subjects);
      pseudonyms_ = std::make_unique<engine::Pseudonyms>(subjects_.get());
      options.pseudonyms = pseudonyms_.get();
      sealing_ = std::make_unique<engine::SealingStore>(*store_, *subjects_);  // as `mentorflow serve` does
    }
    server_ = std::make_unique<api::Server>(sealing_ ? *sealing_ : *store_, clock_, tokens_, options);
    REQUIRE(server_->start().is_ok());
  }
  ~UnimiServer() {
    server_->stop();
    server_->wait();
  }
  HttpClient client() const { return HttpClient(server_->port()); }
  store::EventStore& store() { return *store_; }
  store::Subjects* subjects() { return subjects_.get(); }  // null for a store with ids in clear

 private:
  TempDir dir_;
  ManualClock clock_;
  api::TokenTable tokens_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<store::Subjects> subjects_;
  std::unique_ptr<engine::Pseudonyms> pseudonyms_;
  std::unique_ptr<engine::SealingStore> sealing_;
  std::unique_ptr<api::Server> server_;
};

}  // namespace mentorflow::testing
