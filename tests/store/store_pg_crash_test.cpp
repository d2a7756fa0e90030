// A PostgreSQL server that crashes under load (an immediate stop: no checkpoint, and what only its
// memory held is gone) loses no append the store acknowledged. The store commits a group before
// its WAL is flushed and answers the group's appenders only once it is (store/pg/pg_append.cpp):
// acknowledged too early, the last appends before the crash would be missing. On a cluster of the
// test's own, started, crashed and started again with scripts/pg-cluster.sh.
#include <fmt/core.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

#include "store/event_store.hpp"
#include "store/verify.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::TempDir;

namespace {

// A throwaway cluster of this test's own (the shared one of the other tests must not crash).
class OwnCluster {
 public:
  OwnCluster() : url_file_(dir_ / "url") {
    REQUIRE(run("start") == 0);
    std::ifstream in(url_file_);
    std::getline(in, url_);
    REQUIRE(!url_.empty());
  }
  ~OwnCluster() { (void)run("stop"); }
  OwnCluster(const OwnCluster&) = delete;
  OwnCluster& operator=(const OwnCluster&) = delete;

  // scripts/pg-cluster.sh ACTION on this cluster; its exit status.
  int run(const char* action) const {
    const std::string command = fmt::format("'{}/scripts/pg-cluster.sh' {} '{}'", MENTORFLOW_SOURCE_DIR, action, url_file_.string());
    return std::system(command.c_str());
  }
  const std::string& url() const { return url_; }

 private:
  TempDir dir_;
  std::filesystem::path url_file_;
  std::string url_;
};

}  // namespace

TEST_CASE("a PostgreSQL server crashed under load has kept every append acknowledged before", "[store]") {
  if (!postgres_under_test()) return;
  OwnCluster cluster;
  // Appenders on streams of their own, each counting the appends acknowledged to it, until the
  // server is gone; it crashes once they have a few hundred behind them, in the midst of groups.
  constexpr int kAppenders = 8, kBeforeCrash = 600;
  std::vector<std::uint64_t> acknowledged(kAppenders, 0);
  {
    auto store = open_store(cluster.url());
    std::atomic<int> total{0};
    std::vector<std::thread> appenders;
    for (int t = 0; t < kAppenders; ++t)
      appenders.emplace_back([&, t] {
        for (std::uint64_t i = 0;; ++i) {
          auto r = store->append(fmt::format("case/{}", t), ExpectedVersion::exact(i), {make_event("Step", static_cast<int>(i))});
          if (!r.is_ok()) return;
          acknowledged[t] = i + 1;
          ++total;
        }
      });
    while (total < kBeforeCrash) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const int crashed = cluster.run("crash");
    for (auto& a : appenders) a.join();
    REQUIRE(crashed == 0);
  }
  REQUIRE(cluster.run("restart") == 0);
  auto store = open_store(cluster.url());
  for (int t = 0; t < kAppenders; ++t) {
    INFO("stream case/" << t);
    auto version = store->stream_version(fmt::format("case/{}", t));
    REQUIRE(version.is_ok());
    CHECK(*version >= acknowledged[t]);
  }
  auto report = verify_chain(*store);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
}
