// The master key file, and the subjects file of a RocksDB store: private, sealed, rewritten
// without an erased record, safe against a torn append. The contract on both backends:
// store_subjects_test.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "base/hex.hpp"
#include "store/master_key.hpp"
#include "store/file_subjects.hpp"
#include "tests/support/must.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using mentorflow::testing::must;
using mentorflow::testing::TempDir;
using mentorflow::testing::read_file;

namespace {

unsigned mode_of(const std::filesystem::path& file) {
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

std::unique_ptr<FileSubjects> open_keys(const std::filesystem::path& file, const MasterKey& master, bool writable = true) {
  auto keys = FileSubjects::open(file, master, writable);
  INFO(keys.status().message());
  REQUIRE(keys.is_ok());
  return std::move(*keys);
}

}  // namespace

TEST_CASE("a master key file is made once, mode 0600, and read back", "[subject-keys]") {
  TempDir dir;
  const auto file = dir / "store.master-key";
  CHECK(MasterKey::load(file, false).status().is_not_found());
  const MasterKey made = must(MasterKey::load(file, true));
  CHECK(mode_of(file) == 0600);
  const MasterKey read = must(MasterKey::load(file, false));
  CHECK(read.key() == made.key());
  CHECK(read.id() == made.id());
  CHECK(read.id().find(hex_of(made.key())) == std::string::npos);  // the id does not show the key

  std::filesystem::permissions(file, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  auto readable = MasterKey::load(file, false);
  REQUIRE_FALSE(readable.is_ok());
  CHECK_THAT(readable.status().message(), Catch::Contains("may be read by others") && Catch::Contains("chmod 600"));

  const auto bad = dir / "bad.key";
  { std::ofstream(bad) << "not a key\n"; }
  std::filesystem::permissions(bad, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
  CHECK_THAT(MasterKey::load(bad, false).status().message(), Catch::Contains("does not hold a master key"));
}

TEST_CASE("the subjects file is private and holds no user id or key in clear", "[subject-keys]") {
  TempDir dir;
  const MasterKey master = MasterKey::of(must(random_key()));
  const auto file = dir / "subjects";
  auto keys = open_keys(file, master);
  const std::string elena = must(keys->pseudonym("elena.costa", true));
  const DataKey elena_key = keys->key(elena).value();
  CHECK(mode_of(file) == 0600);
  const std::string text = read_file(file);
  CHECK(text.find(elena) != std::string::npos);
  CHECK(text.find("elena.costa") == std::string::npos);  // sealed by the master key
  CHECK(text.find(hex_of(elena_key)) == std::string::npos);
}

TEST_CASE("erasing a subject rewrites the file without their record", "[subject-keys]") {
  TempDir dir;
  const MasterKey master = MasterKey::of(must(random_key()));
  const auto file = dir / "subjects";
  auto keys = open_keys(file, master);
  const std::string elena = must(keys->pseudonym("elena.costa", true));
  REQUIRE(keys->pseudonym("marco.rossi", true).is_ok());
  const std::string before = read_file(file);
  const std::string elena_line = before.substr(before.find("subject " + elena));

  REQUIRE(keys->erase(elena).is_ok());
  const std::string text = read_file(file);
  CHECK(text.find(elena_line.substr(0, elena_line.find('\n'))) == std::string::npos);
  CHECK(text.find("erased " + elena) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "subjects.new"));
}

TEST_CASE("a record cut short by a crash is dropped, and the next one is whole", "[subject-keys]") {
  TempDir dir;
  const MasterKey master = MasterKey::of(must(random_key()));
  const auto file = dir / "subjects";
  const std::string elena = must(open_keys(file, master)->pseudonym("elena.costa", true));
  { std::ofstream(file, std::ios::app) << "subject _sabc"; }  // an append cut short

  auto keys = open_keys(file, master);
  CHECK(keys->user(elena).value() == "elena.costa");
  const std::string marco = must(keys->pseudonym("marco.rossi", true));
  auto reopened = open_keys(file, master);
  CHECK(reopened->user(marco).value() == "marco.rossi");
  CHECK(reopened->size() == 2);
}

TEST_CASE("a read-only open sees subjects the writer adds later and cannot add or erase", "[subject-keys]") {
  TempDir dir;
  const MasterKey master = MasterKey::of(must(random_key()));
  const auto file = dir / "subjects";
  auto writer = open_keys(file, master);
  auto reader = open_keys(file, master, false);
  const std::string elena = must(writer->pseudonym("elena.costa", true));
  CHECK(reader->user(elena).value() == "elena.costa");
  CHECK(reader->pseudonym("someone", true).status().is_refused());
  CHECK(reader->erase(elena).is_refused());
  REQUIRE(writer->erase(elena).is_ok());
  CHECK_FALSE(reader->user(elena).has_value());
  CHECK(reader->erased(elena));
}
