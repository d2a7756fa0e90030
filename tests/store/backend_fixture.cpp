#include "tests/store/backend_fixture.hpp"

#include <libpq-fe.h>

#include <fmt/core.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>

namespace mentorflow::store::testing {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string fresh_schema_name() {
  static std::atomic<int> counter = 0;
  std::random_device random;
  // fmt rather than "t" + std::to_string(...): g++ 12 warns falsely (-Wrestrict) on the latter.
  return fmt::format("t{}_{}", random() % 1000000000, ++counter);
}

}  // namespace

const char* backend_name(Backend backend) { return backend == Backend::kRocks ? "RocksDB" : "PostgreSQL"; }

void run_sql(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  INFO("PostgreSQL at " << url << ": " << PQerrorMessage(conn));
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PGresult* result = PQexec(conn, ("SET client_min_messages = warning; " + sql).c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  INFO(sql << ": " << PQerrorMessage(conn));
  PQclear(result);
  PQfinish(conn);
  REQUIRE(ok);
}

std::string sql_rows(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  INFO("PostgreSQL at " << url << ": " << PQerrorMessage(conn));
  REQUIRE(PQstatus(conn) == CONNECTION_OK);
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
  INFO(sql << ": " << PQerrorMessage(conn));
  std::string rows;
  for (int i = 0; ok && i < PQntuples(result); ++i) rows.append(PQgetvalue(result, i, 0)).append("\n");
  PQclear(result);
  PQfinish(conn);
  REQUIRE(ok);
  return rows;
}

std::string test_cluster_url() {
  if (std::string url = env("MENTORFLOW_TEST_PG_URL"); !url.empty()) return url;
  std::string file = env("MENTORFLOW_TEST_PG_URL_FILE");
  if (file.empty()) file = MENTORFLOW_TEST_PG_URL_FILE_DEFAULT;
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  return url;
}

bool postgres_under_test() {
  if (!test_cluster_url().empty()) return true;
  if (env("CI") == "true")
    FAIL("no PostgreSQL cluster for the store tests: run them through ctest (fixture \"postgresql: start\") "
         "or set MENTORFLOW_TEST_PG_URL");
  WARN("PostgreSQL run skipped: no cluster (scripts/pg-cluster.sh start build/pg-url, or MENTORFLOW_TEST_PG_URL)");
  return false;
}

std::unique_ptr<StoreUnderTest> StoreUnderTest::make(Backend backend) {
  std::unique_ptr<StoreUnderTest> at(new StoreUnderTest(backend));
  if (backend == Backend::kRocks) {
    at->dir_.emplace();
    at->location_ = at->dir_->path() / "store";
    return at;
  }
  if (!postgres_under_test()) return nullptr;
  at->cluster_url_ = test_cluster_url();
  // A schema of its own: the store's tables go where the search path points.
  at->schema_ = fresh_schema_name();
  run_sql(at->cluster_url_, "CREATE SCHEMA " + at->schema_);
  const char separator = at->cluster_url_.find('?') == std::string::npos ? '?' : '&';
  at->location_ = at->cluster_url_ + separator + "options=-csearch_path%3D" + at->schema_;
  return at;
}

StoreUnderTest::~StoreUnderTest() {
  if (schema_.empty()) return;
  PGconn* conn = PQconnectdb(cluster_url_.c_str());
  if (PQstatus(conn) == CONNECTION_OK) PQclear(PQexec(conn, ("SET client_min_messages = warning; DROP SCHEMA " + schema_ + " CASCADE").c_str()));
  PQfinish(conn);
}

}  // namespace mentorflow::store::testing
