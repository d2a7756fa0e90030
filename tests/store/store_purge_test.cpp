// What an erasure asks of a store (docs/PRIVACY.md, "Erasing a person"), on both backends: every
// snapshot dropped, a document removed, the files compacted so the deleted bytes leave them, and
// `mentorflow erase` through the real CLI with the subjects, the documents and the snapshots of
// each backend.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "store/document_store.hpp"
#include "store/event_store.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/kill_cli.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/small_unimi_store.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using namespace mentorflow::testing;

namespace {

constexpr std::uint32_t kFormat = 3;

// Whether a file under `dir` holds `text` (a RocksDB folder: the backend's bytes on disk).
bool any_file_holds(const std::filesystem::path& dir, const std::string& text) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && contains(read_file(entry.path()), text)) return true;
  return false;
}

CliResult ok(const CliResult& r) {
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

}  // namespace

TEST_CASE("every snapshot is dropped at once, and a compaction takes their bytes from the files", "[store]") {
  STORE_UNDER_TEST(at);
  const std::string marker = "folded state of a person 9c41e7b2d05a";
  {
    auto store = open_store(at.location());
    CHECK(store->drop_snapshots().is_ok());  // none yet
    append_many(*store, "a", 2);
    append_many(*store, "b", 3);
    REQUIRE(store->save_snapshot({"a", 2, kFormat, marker}).is_ok());
    REQUIRE(store->save_snapshot({"b", 3, kFormat, marker + " too"}).is_ok());
    if (at.backend() == Backend::kRocks) REQUIRE(store->compact().is_ok());  // the marker in an SST file
    if (at.backend() == Backend::kRocks) REQUIRE(any_file_holds(at.location(), marker));
    REQUIRE(store->drop_snapshots().is_ok());
    CHECK_FALSE(store->load_snapshot("a", kFormat)->has_value());
    CHECK_FALSE(store->load_snapshot("b", kFormat)->has_value());
    REQUIRE(store->compact().is_ok());
    CHECK(store->read_all(0, 10)->size() == 5);  // the log keeps every event
  }
  if (at.backend() == Backend::kRocks) CHECK_FALSE(any_file_holds(at.location(), marker));
  else CHECK(sql_rows(at.location().string(), "SELECT count(*) FROM snapshots") == "0\n");
  auto reopened = open_store(at.location());
  CHECK_FALSE(reopened->load_snapshot("a", kFormat)->has_value());
  CHECK(reopened->read_all(0, 10)->size() == 5);
}

TEST_CASE("a document is removed for good, and removing it again changes nothing", "[store]") {
  STORE_UNDER_TEST(at);
  const std::string bytes = "%PDF-1.4 the CV of a person 41d7e0c9";
  auto store = open_store(at.location());
  auto documents = store->documents();
  auto hash = documents->put(bytes);
  REQUIRE(hash.is_ok());
  REQUIRE(documents->put("another person's file").is_ok());
  REQUIRE(documents->remove(*hash).is_ok());
  CHECK(documents->get(*hash).status().is_not_found());
  CHECK_FALSE(*documents->contains(*hash));
  CHECK(documents->remove(*hash).is_ok());
  CHECK(*documents->contains(sha256("another person's file")));
  REQUIRE(store->compact().is_ok());
  if (at.backend() == Backend::kRocks) CHECK_FALSE(any_file_holds(at.location(), "the CV of a person 41d7e0c9"));
  else CHECK(sql_rows(at.location().string(), "SELECT count(*) FROM documents") == "1\n");
}

TEST_CASE("a read-only store drops, removes and compacts nothing", "[store]") {
  STORE_UNDER_TEST(at);
  Hash hash{};
  {
    auto store = open_store(at.location());
    append_many(*store, "a", 2);
    hash = *store->documents()->put("kept");
  }
  auto store = open_store(at.location(), {.read_only = true});
  CHECK(store->drop_snapshots().is_refused());
  CHECK(store->compact().is_refused());
  CHECK(store->documents()->remove(hash).is_refused());
  CHECK(*store->documents()->contains(hash));
}

// `mentorflow ARGS...` on the store at `location`.
StoreCli cli_on(const std::string& location) {
  return [location](std::vector<std::string> args) {
    args.insert(args.begin() + 1, {"--store", location});
    return run_cli(args);
  };
}

// Whether the small store's uploaded CV is still kept.
bool cv_kept(const StoreUnderTest& at) {
  if (at.backend() == Backend::kPostgres) return sql_rows(at.location().string(), "SELECT count(*) FROM documents") == "1\n";
  return any_file_holds(at.location(), kSmallStoreCv);
}

TEST_CASE("mentorflow erase on each backend destroys the subject and purges what was derived", "[store][cli]") {
  STORE_UNDER_TEST(at);
  const TempDir dir;
  setenv("MENTORFLOW_MASTER_KEY_FILE", (dir / "master-key").c_str(), 1);
  const std::string store = at.location().string();
  const auto cli = cli_on(store);
  make_small_unimi_store(cli, dir.path());
  REQUIRE(cv_kept(at));
  {
    auto opened = open_store(at.location());
    const std::string stream = opened->list_streams("unimi-2025/mentee_application/")->front().name;
    REQUIRE(opened->save_snapshot({stream, 1, kFormat, "Elena's folded state"}).is_ok());
  }

  const CliResult erased = ok(cli({"erase", "--as", "dpo:paola", "--subject", "elena.costa", "--reason", "asked in writing"}));
  CHECK(contains(erased.out, "purged: 1 uploaded document"));
  CHECK(contains(ok(cli({"cases", "unimi-2025"})).out, "unimi-2025/mentee_application/[erased]"));
  CHECK_FALSE(contains(ok(cli({"verify"})).out, "missing or altered"));
  CHECK_FALSE(cv_kept(at));
  CHECK(*open_store(at.location())->views_checkpoint() > 0);  // rebuilt
  if (at.backend() == Backend::kPostgres) {
    CHECK(sql_rows(store, "SELECT count(*) FROM subjects") == "2\n");  // Sofia and the officer
    CHECK(sql_rows(store, "SELECT count(*) FROM erased_subjects") == "1\n");
    CHECK(sql_rows(store, "SELECT count(*) FROM snapshots") == "0\n");
  } else {
    CHECK_FALSE(any_file_holds(at.location(), "Elena's folded state"));
  }
  unsetenv("MENTORFLOW_MASTER_KEY_FILE");
}

// The SIGKILL loop of tests/engine/erase_cli_test on each backend, a fresh small store a round.
TEST_CASE("an erasure killed at any moment is found fully done or not begun, on each backend", "[store][cli][slow]") {
  const auto backend = GENERATE(Backend::kRocks, Backend::kPostgres);
  std::mt19937 random(backend == Backend::kRocks ? 1206 : 612);
  // The kills fall within how long a whole erasure took here (round 0, not killed), and a little
  // past it: on PostgreSQL without fsync it is much shorter than on RocksDB.
  std::chrono::microseconds whole{0};
  int done = 0, not_begun = 0;
  for (int round = 0; round < 10; ++round) {
    auto at = StoreUnderTest::make(backend);
    if (!at) return;
    const TempDir dir;
    setenv("MENTORFLOW_MASTER_KEY_FILE", (dir / "master-key").c_str(), 1);
    const std::string store = at->location().string();
    const auto cli = cli_on(store);
    make_small_unimi_store(cli, dir.path());
    const std::vector<std::string> erase = {"erase", "--store", store, "--as", "dpo:paola", "--subject", "elena.costa",
                                            "--reason", "asked in writing"};
    if (round == 0) {
      const auto start = std::chrono::steady_clock::now();
      ok(run_cli(erase));
      whole = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    } else {
      std::uniform_int_distribution<std::int64_t> delay_us(0, whole.count() * 5 / 4);
      run_cli_killed_after(erase, std::chrono::microseconds(delay_us(random)));
    }
    // Any writable open ends an interrupted erasure; an erasure of nobody is then refused.
    const CliResult opened = cli({"erase", "--as", "dpo:paola", "--subject", "nobody.known", "--reason", "asked"});
    INFO(backend_name(backend) << " round " << round << ": " << opened.err);
    REQUIRE(opened.exit_code == 1);
    const std::string exported = ok(cli({"export"})).out;
    const std::string cases = ok(cli({"cases", "unimi-2025"})).out;
    if (contains(exported, "SubjectErased")) {
      ++done;
      CHECK(occurrences(exported, "\"type\":\"SubjectErasureFinished\"") == 1);
      CHECK(contains(cases, "unimi-2025/mentee_application/[erased]"));
      CHECK_FALSE(contains(cases, "elena.costa"));
      CHECK_FALSE(cv_kept(*at));
    } else {
      ++not_begun;
      CHECK(contains(cases, "unimi-2025/mentee_application/elena.costa"));
      CHECK(cv_kept(*at));
    }
    ok(cli({"verify"}));
    unsetenv("MENTORFLOW_MASTER_KEY_FILE");
  }
  // Where the kills fell depends on the machine's speed: said, not checked.
  if (done == 0 || not_begun == 0) WARN("every kill fell " << (done == 0 ? "before" : "after") << " the intent was written");
}
