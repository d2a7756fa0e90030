// An erasure survives the restore of a backup taken before it (docs/PRIVACY.md, "Backups"): the
// erased list travels with the master key (KEYFILE.erased), and the restored store, opened with
// the key, erases the person again: their record, the derived data the backup held, and the fact
// recorded in its log.
#include <catch2/catch.hpp>

#include <filesystem>

#include "tests/support/cli_store.hpp"
#include "tests/support/key_named.hpp"
#include "tests/support/small_unimi_store.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow::testing;

TEST_CASE("a backup older than an erasure is restored and the person is erased again", "[erase][cli]") {
  const CliStore s;
  const std::filesystem::path key = s.dir / "master-key";
  const KeyNamed named(key);
  make_small_unimi_store([&](std::vector<std::string> args) { return s.cli(std::move(args)); }, s.dir.path());
  const std::string backup = (s.dir / "backup").string();
  CliStore::ok(s.cli({"backup", "--out", backup}));
  // The backup holds her, in its snapshots, read models or documents at least.
  REQUIRE_FALSE(files_holding(backup, kSmallStoreCv).empty());

  CliStore::ok(s.cli({"erase", "--as", "dpo:laura.bianchi", "--subject", "elena.costa", "--reason",
                      "request under GDPR article 17 received by the office"}));
  REQUIRE(std::filesystem::exists(key.string() + ".erased"));
  CHECK(read_file(key.string() + ".erased").size() == 29);  // one pseudonym and its newline

  // Restored into a new folder: its subjects file is the backup's, which still knows her.
  const std::string restored = (s.dir / "restored").string();
  CliStore::ok(run_cli({"restore", "--from", backup, "--store", restored}));
  // Read-only, it cannot erase her again: it refuses to show her.
  const CliResult refused = s.cli({"cases", "unimi-2025"}, restored);
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.err, "holds people erased since it was backed up"));
  CHECK_FALSE(contains(refused.out, "elena.costa"));
  // The first open for writing erases her again.
  const CliResult replayed = s.cli({"replay"}, restored);
  INFO(replayed.out << replayed.err);
  CHECK(replayed.exit_code == 0);
  CHECK(contains(replayed.err, "ended 1 erasure"));
  const CliResult opened = s.cli({"cases", "unimi-2025"}, restored);
  INFO(opened.out << opened.err);
  REQUIRE(opened.exit_code == 0);
  CHECK(contains(opened.out, "unimi-2025/mentee_application/[erased]"));
  CHECK(contains(opened.out, "sofia.gatti"));
  CHECK_FALSE(contains(opened.out, "elena.costa"));

  // Recorded in the restored log, by the system, and nothing of hers left in its files.
  const std::string exported = CliStore::ok(s.cli({"export"}, restored)).out;
  const CliResult verified = s.cli({"verify"}, restored);
  CHECK(contains(exported, "erased before this store was restored from an older backup"));
  // Her uploaded CV too: found through her values while the restored record still opened them.
  for (const char* text : {"elena.costa", "Elena Costa", "Modern Languages", kSmallStoreCv}) {
    INFO(text);
    CHECK(files_holding(restored, text).empty());
  }
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(contains(verified.out, "the chain is intact"));
}
