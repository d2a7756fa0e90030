// mentorflow backup and restore through the real CLI, on both backends: a backup verifies (a
// RocksDB one as it is) and restores, into either backend, to a store with the same head and log;
// a backup taken while a writer appends is whole; a folder or store that is not empty, a database
// that cannot be reached and a store that does not exist are refused with nothing left behind, and
// so is a backup whose last append PostgreSQL refuses.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "store/chain.hpp"
#include "store/event_import.hpp"
#include "store/event_json.hpp"
#include "store/event_store.hpp"
#include "store/hash.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow::store::testing;
using mentorflow::testing::CliResult;
using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;
using mentorflow::testing::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr auto ok = &mentorflow::testing::CliStore::ok;  // requires exit 0, showing what the CLI said

// The "position N, hash H" a backup, restore or verify printed.
std::string head_in(const std::string& out) {
  std::smatch m;
  REQUIRE(std::regex_search(out, m, std::regex(R"(position (\d+), hash ([0-9a-f]{64}))")));
  return m[1].str() + " " + m[2].str();
}

// The mie-2021 example and one uploaded document, in the store at `location`.
void fill(const std::string& location, const TempDir& dir) {
  ok(run_cli({"run", "--store", location, (source_dir() / "examples" / "mie-2021" / "scenario.jsonl").string()}));
  std::ofstream(dir / "notes.txt") << "minutes of the first meeting\n";
  ok(run_cli({"upload", "--store", location, (dir / "notes.txt").string()}));
}

// Names in `folder` that a failed backup or restore could have left: the staged copies.
std::vector<std::string> leftovers(const fs::path& folder) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().filename().string().find(".partial-") != std::string::npos) found.push_back(entry.path().string());
  return found;
}

// store_crash_writer appending to `location` until stopped.
class Writer {
 public:
  explicit Writer(const std::string& location) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    std::string bin = CRASH_WRITER_BIN, at = location, threads = "2";
    char* argv[] = {bin.data(), at.data(), threads.data(), nullptr};
    REQUIRE(posix_spawn(&pid_, argv[0], &actions, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Writer() {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  // Waits until the store at `location` holds at least `events` events.
  static void wait_for(const std::string& location, std::uint64_t events) {
    for (int i = 0; i < 600; ++i) {
      if (auto store = mentorflow::store::EventStore::open(location, {.read_only = true}); store.is_ok())
        if ((*store)->head().position >= events) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the writer did not append " << events << " events");
  }

 private:
  pid_t pid_ = 0;
};

}  // namespace

TEST_CASE("a backup restores into either backend with the same head and log", "[store][cli][backup]") {
  STORE_UNDER_TEST(source);
  TempDir dir;
  const std::string from = source.location().string();
  fill(from, dir);
  const std::string exported = ok(run_cli({"export", "--store", from})).out;
  const std::string head = head_in(ok(run_cli({"verify", "--store", from})).out);

  const std::string backup = (dir / "backup").string();
  const CliResult backed_up = ok(run_cli({"backup", "--store", from, "--out", backup}));
  CHECK(head_in(backed_up.out) == head);
  CHECK(backed_up.out.find("and 1 documents") != std::string::npos);
  if (source.backend() == Backend::kRocks) CHECK(head_in(ok(run_cli({"verify", "--store", backup})).out) == head);

  for (Backend backend : {Backend::kRocks, Backend::kPostgres}) {
    INFO("restored into " << backend_name(backend));
    auto target = StoreUnderTest::make(backend);
    if (!target) continue;
    const std::string to = target->location().string();
    const CliResult restored = ok(run_cli({"restore", "--from", backup, "--store", to}));
    CHECK(head_in(restored.out) == head);
    CHECK(restored.out.find("and 1 documents") != std::string::npos);
    CHECK(head_in(ok(run_cli({"verify", "--store", to})).out) == head);  // the document too
    CHECK(ok(run_cli({"export", "--store", to})).out == exported);
  }
}

TEST_CASE("a backup taken while a writer appends is whole and reaches where the store was", "[store][cli][backup][slow]") {
  STORE_UNDER_TEST(source);
  TempDir dir;
  const std::string from = source.location().string();
  Writer writer(from);
  Writer::wait_for(from, 50);
  for (int round = 0; round < 3; ++round) {
    INFO("round " << round);
    std::uint64_t before = 0;
    {
      auto store = mentorflow::store::EventStore::open(from, {.read_only = true});
      REQUIRE(store.is_ok());
      before = (*store)->head().position;
    }
    const std::string backup = (dir / ("backup-" + std::to_string(round))).string();
    const std::string head = head_in(ok(run_cli({"backup", "--store", from, "--out", backup})).out);
    CHECK(std::stoull(head) >= before);
    // A RocksDB backup is a store; a PostgreSQL one becomes one.
    std::string copy = backup;
    if (source.backend() == Backend::kPostgres) {
      copy = (dir / ("restored-" + std::to_string(round))).string();
      ok(run_cli({"restore", "--from", backup, "--store", copy}));
    }
    CHECK(head_in(ok(run_cli({"verify", "--store", copy})).out) == head);
  }
}

TEST_CASE("backup refuses an out folder that is not empty and a store it cannot read, leaving nothing", "[store][cli][backup]") {
  TempDir dir;
  auto source = StoreUnderTest::make(Backend::kRocks);
  fill(source->location().string(), dir);

  SECTION("an out folder that is not empty") {
    fs::create_directory(dir / "full");
    std::ofstream(dir / "full" / "keep.txt") << "mine\n";
    const CliResult r = run_cli({"backup", "--store", source->location().string(), "--out", (dir / "full").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: backup folder " + (dir / "full").string() + " exists and is not empty: give a new or empty folder\n");
    CHECK(fs::exists(dir / "full" / "keep.txt"));
    CHECK(std::distance(fs::directory_iterator(dir / "full"), fs::directory_iterator()) == 1);
  }
  SECTION("an empty out folder is filled") {
    fs::create_directory(dir / "empty");
    ok(run_cli({"backup", "--store", source->location().string(), "--out", (dir / "empty").string()}));
    ok(run_cli({"verify", "--store", (dir / "empty").string()}));
  }
  SECTION("a database that cannot be reached") {
    const CliResult r = run_cli({"backup", "--store", "postgresql://postgres@127.0.0.1:1/none", "--out", (dir / "out").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.starts_with("mentorflow: cannot connect to PostgreSQL at postgresql://postgres@127.0.0.1:1/none: "));
    CHECK_FALSE(fs::exists(dir / "out"));
  }
  SECTION("a store that does not exist") {
    const CliResult r = run_cli({"backup", "--store", (dir / "nothing").string(), "--out", (dir / "out").string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: store " + (dir / "nothing").string() + " does not exist\n");
    CHECK_FALSE(fs::exists(dir / "out"));
    CHECK_FALSE(fs::exists(dir / "nothing"));
  }
  SECTION("no --out") {
    const CliResult r = run_cli({"backup", "--store", source->location().string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "mentorflow: backup: --out BACKUP is required (see mentorflow backup --help)\n");
  }
  CHECK(leftovers(dir.path()).empty());
}

TEST_CASE("restore refuses a store that is not empty and a folder that is no backup, changing nothing", "[store][cli][backup]") {
  STORE_UNDER_TEST(target);
  TempDir dir;
  auto source = StoreUnderTest::make(Backend::kRocks);
  fill(source->location().string(), dir);
  const std::string backup = (dir / "backup").string();
  ok(run_cli({"backup", "--store", source->location().string(), "--out", backup}));
  const std::string to = target.location().string();

  SECTION("a store with events") {
    ok(run_cli({"run", "--store", to, (source_dir() / "examples" / "mileage-pilot" / "scenario.jsonl").string()}));
    const std::string before = ok(run_cli({"export", "--store", to})).out;
    const CliResult r = run_cli({"restore", "--from", backup, "--store", to});
    CHECK(r.exit_code == 1);
    if (target.backend() == Backend::kRocks)
      CHECK(r.err == "mentorflow: store folder " + to + " exists and is not empty: give a new or empty folder\n");
    else
      CHECK(r.err.find("is not empty (its log ends at position ") != std::string::npos);
    CHECK(ok(run_cli({"export", "--store", to})).out == before);
  }
  SECTION("a folder that is not a backup") {
    fs::create_directory(dir / "other");
    const CliResult r = run_cli({"restore", "--from", (dir / "other").string(), "--store", to});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: " + (dir / "other").string() + " is not a mentorflow backup: it has no backup.json\n");
    CHECK(run_cli({"verify", "--store", to}).exit_code == 1);  // still no store
  }
  CHECK(leftovers(dir.path()).empty());
}

TEST_CASE("a restore into PostgreSQL whose last append fails leaves the database as it was", "[store][cli][backup]") {
  auto source = StoreUnderTest::make(Backend::kPostgres);
  auto target = StoreUnderTest::make(Backend::kPostgres);
  if (!source || !target) return;
  TempDir dir;
  const std::string from = source->location().string(), to = target->location().string();
  // A short edition (published, one project offered) and a document.
  std::ofstream(dir / "edition.jsonl")
      << nlohmann::json({{"publish", {{"workflow", (source_dir() / "workflows" / "mie.flow").string()},
                                      {"rules", (source_dir() / "rules" / "mie-2021.rules").string()},
                                      {"edition", "mie-2021"}}},
                         {"now", "2021-09-01 09:00 Europe/Rome"}}).dump()
      << "\n"
      << R"({"now": "2021-09-02 10:00 Europe/Rome", "as": "mentor:marco", "case": "mie-2021/project/lyon", "command": "offer_project", )"
      << R"("inputs": {"host": "Institut Lumière", "country": "France", "sector": "film", "language": "french"}})" << "\n";
  ok(run_cli({"run", "--store", from, (dir / "edition.jsonl").string()}));
  std::ofstream(dir / "notes.txt") << "minutes of the first meeting\n";
  ok(run_cli({"upload", "--store", from, (dir / "notes.txt").string()}));
  const fs::path backup = dir / "backup";
  ok(run_cli({"backup", "--store", from, "--out", backup.string()}));

  // A hostile backup whose chain holds, but whose last event PostgreSQL cannot store: its actor's
  // name holds a NUL character (which a RocksDB store would keep).
  std::ifstream in(backup / "events.jsonl");
  auto events = mentorflow::store::events_from_lines(std::string(std::istreambuf_iterator<char>(in), {}));
  REQUIRE(events.is_ok());
  mentorflow::store::Event& last = events->back();
  last.actor.user += std::string(1, '\0') + "x";
  last.hash = mentorflow::store::event_hash(last);
  {
    std::ofstream out(backup / "events.jsonl", std::ios::trunc);
    for (const auto& e : *events) out << mentorflow::store::event_to_json(e) << "\n";
  }
  std::ifstream manifest_in(backup / "backup.json");
  auto manifest = nlohmann::json::parse(manifest_in);
  manifest["hash"] = mentorflow::store::to_hex(last.hash);
  std::ofstream(backup / "backup.json", std::ios::trunc) << manifest.dump();

  SECTION("into an empty schema: no table is left") {
    const CliResult r = run_cli({"restore", "--from", backup.string(), "--store", to});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("holds a NUL character, which PostgreSQL cannot store in text") != std::string::npos);
    CHECK(sql_rows(to, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()") == "");
  }
  SECTION("into an empty store: no document is left") {
    REQUIRE(mentorflow::store::EventStore::open(to, {.read_only = false, .create_if_missing = true}).is_ok());
    const CliResult r = run_cli({"restore", "--from", backup.string(), "--store", to});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("holds a NUL character, which PostgreSQL cannot store in text") != std::string::npos);
    CHECK(sql_rows(to, "SELECT count(*) FROM documents") == "0\n");
    CHECK(sql_rows(to, "SELECT position FROM head") == "0\n");
  }
}
