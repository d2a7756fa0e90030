#pragma once
// The store contract tests run against every backend: STORE_UNDER_TEST(at) makes the test case
// run once per backend (Catch2 GENERATE), with `at.location()` a fresh RocksDB folder or a fresh
// PostgreSQL schema (a URL naming it) to open with open_store.
//
// The PostgreSQL cluster is the ctest fixture "postgresql" (scripts/pg-cluster.sh): its URL comes
// from MENTORFLOW_TEST_PG_URL, or the file named by MENTORFLOW_TEST_PG_URL_FILE (ctest sets it),
// or build/pg-url. Without one, the PostgreSQL run of a test fails under CI=true and is skipped
// with a warning elsewhere.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "tests/support/temp_dir.hpp"

namespace mentorflow::store::testing {

enum class Backend { kRocks, kPostgres };
const char* backend_name(Backend backend);

class StoreUnderTest {
 public:
  // A fresh place for a store of `backend`; nullptr (having warned) when there is no PostgreSQL
  // cluster to use outside CI.
  static std::unique_ptr<StoreUnderTest> make(Backend backend);
  ~StoreUnderTest();  // drops the PostgreSQL schema (close the stores first)
  StoreUnderTest(const StoreUnderTest&) = delete;
  StoreUnderTest& operator=(const StoreUnderTest&) = delete;

  Backend backend() const { return backend_; }
  const std::filesystem::path& location() const { return location_; }

 private:
  explicit StoreUnderTest(Backend backend) : backend_(backend) {}

  Backend backend_;
  std::optional<mentorflow::testing::TempDir> dir_;
  std::string cluster_url_, schema_;
  std::filesystem::path location_;
};

// The URL of the test cluster, or "" when none is given.
std::string test_cluster_url();
// Whether PostgreSQL is under test: a test cluster is given. Without one, fails the test under
// CI=true and warns (the caller skips) elsewhere.
bool postgres_under_test();

// Runs `sql` in the database of `url` (a PostgreSQL location: its schema is the search path), as
// someone changing the store behind its back would; fails the test if it cannot.
void run_sql(const std::string& url, const std::string& sql);
// The first column of the rows `sql` answers in the database of `url`, each followed by a newline.
std::string sql_rows(const std::string& url, const std::string& sql);

}  // namespace mentorflow::store::testing

#define STORE_UNDER_TEST(name)                                                                                       \
  const auto name##_backend =                                                                                        \
      GENERATE(::mentorflow::store::testing::Backend::kRocks, ::mentorflow::store::testing::Backend::kPostgres);     \
  INFO("backend: " << ::mentorflow::store::testing::backend_name(name##_backend));                                   \
  const auto name##_made = ::mentorflow::store::testing::StoreUnderTest::make(name##_backend);                       \
  if (!name##_made) return;                                                                                          \
  const ::mentorflow::store::testing::StoreUnderTest& name = *name##_made
