#pragma once
// UniMi 2025-26 run to its end through the real CLI (examples/unimi-2025/scenario.jsonl) into a
// store in a temporary folder, then served on 127.0.0.1 with the given tokens: the whole edition
// as its people and staff read it through the API.
#include <memory>

#include "tests/api/api_fixture.hpp"

namespace mentorflow::testing {

class UnimiServer {
 public:
  explicit UnimiServer(api::TokenTable tokens) : clock_(rome("2026-06-01 09:00")), tokens_(std::move(tokens)) {
    const auto run = run_cli({"run", "--store", (dir_ / "store").string(),
                              (source_dir() / "examples/unimi-2025/scenario.jsonl").string()});
    INFO(run.out << run.err);
    REQUIRE(run.exit_code == 0);
    auto store = store::EventStore::open(dir_ / "store", {.clock = &clock_});
    REQUIRE(store.is_ok());
    store_ = std::move(*store);
    server_ = std::make_unique<api::Server>(*store_, clock_, tokens_, ApiFixture::quick_options());
    REQUIRE(server_->start().is_ok());
  }
  ~UnimiServer() {
    server_->stop();
    server_->wait();
  }
  HttpClient client() const { return HttpClient(server_->port()); }
  store::EventStore& store() { return *store_; }

 private:
  TempDir dir_;
  ManualClock clock_;
  api::TokenTable tokens_;
  std::unique_ptr<store::EventStore> store_;
  std::unique_ptr<api::Server> server_;
};

}  // namespace mentorflow::testing
