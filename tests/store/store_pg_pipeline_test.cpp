// What the PostgreSQL store's appends rely on in libpq's pipeline mode (store/pg/pg_pipeline.hpp):
// the statements sent before one Sync, without BEGIN, are one transaction, so a failing
// statement undoes those before it and the ones after it do not run.
#include <catch2/catch.hpp>

#include "store/pg/pg_connection.hpp"
#include "store/pg/pg_pipeline.hpp"
#include "tests/store/backend_fixture.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::pg;
using namespace mentorflow::store::testing;

TEST_CASE("a PostgreSQL pipeline without BEGIN is one transaction: a failing statement undoes those before it", "[store]") {
  auto at = StoreUnderTest::make(Backend::kPostgres);
  if (!at) return;
  Pool pool(at->location().string(), "SET client_min_messages = warning");
  auto conn = pool.acquire();
  REQUIRE(conn.is_ok());
  REQUIRE(conn->run("CREATE TABLE t (k int PRIMARY KEY)").is_ok());
  auto count = [&] { return std::string(conn->query("SELECT count(*) FROM t")->text(0, 0)); };
  {
    Pipeline pipeline(*conn);
    pipeline.add("INSERT INTO t VALUES (1)");
    pipeline.add("INSERT INTO t VALUES (2)");
    pipeline.add("INSERT INTO t VALUES (1)");  // a unique violation
    pipeline.add("INSERT INTO t VALUES (3)");
    const auto answers = pipeline.run();
    REQUIRE(!answers.is_ok());
    CHECK(answers.status().is_conflict());
  }
  CHECK(count() == "0");
  {
    Pipeline pipeline(*conn);
    pipeline.add("INSERT INTO t VALUES (4)");
    pipeline.add("INSERT INTO t VALUES (5)");
    REQUIRE(pipeline.run().is_ok());
  }
  CHECK(count() == "2");
}
