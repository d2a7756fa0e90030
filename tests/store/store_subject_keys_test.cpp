// The subjects file: pseudonyms and data keys outside the chain, a master key that must match,
// and erasure that leaves no byte of the person's id or key in the file.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "base/hex.hpp"
#include "store/master_key.hpp"
#include "store/subject_keys.hpp"
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

std::unique_ptr<SubjectKeys> open_keys(const std::filesystem::path& file, const MasterKey& master, bool writable = true) {
  auto keys = SubjectKeys::open(file, master, writable);
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

TEST_CASE("a user gets one pseudonym and data key, kept across opens", "[subject-keys]") {
  TempDir dir;
  const MasterKey master = MasterKey::of(must(random_key()));
  const auto file = dir / "subjects";
  std::string elena;
  DataKey elena_key{};
  {
    auto keys = open_keys(file, master);
    elena = must(keys->pseudonym("elena.costa", true));
    CHECK(is_pseudonym(elena));
    CHECK(must(keys->pseudonym("elena.costa", true)) == elena);
    CHECK(must(keys->pseudonym("marco.rossi", true)) != elena);
    CHECK(keys->pseudonym("nobody", false).status().is_not_found());
    CHECK_FALSE(keys->pseudonym(elena, true).is_ok());  // a pseudonym is no user id
    elena_key = keys->key(elena).value();
    CHECK(keys->user(elena).value() == "elena.costa");
  }
  CHECK(mode_of(file) == 0600);
  const std::string text = read_file(file);
  CHECK(text.find("elena.costa") == std::string::npos);  // sealed by the master key
  CHECK(text.find(hex_of(elena_key)) == std::string::npos);

  auto again = open_keys(file, master);
  CHECK(must(again->pseudonym("elena.costa", false)) == elena);
  CHECK(again->key(elena).value() == elena_key);
  CHECK(again->size() == 2);
}

TEST_CASE("the subjects file refuses another master key", "[subject-keys]") {
  TempDir dir;
  const auto file = dir / "subjects";
  REQUIRE(open_keys(file, MasterKey::of(must(random_key())))->pseudonym("elena.costa", true).is_ok());
  auto other = SubjectKeys::open(file, MasterKey::of(must(random_key())), true);
  REQUIRE_FALSE(other.is_ok());
  CHECK_THAT(other.status().message(), Catch::Contains("another master key"));
}

TEST_CASE("erasing a subject removes their id and key from the file for good", "[subject-keys]") {
  TempDir dir;
  const MasterKey master = MasterKey::of(must(random_key()));
  const auto file = dir / "subjects";
  auto keys = open_keys(file, master);
  const std::string elena = must(keys->pseudonym("elena.costa", true));
  const std::string marco = must(keys->pseudonym("marco.rossi", true));
  const std::string elena_line = read_file(file).substr(read_file(file).find(elena));

  REQUIRE(keys->erase(elena).is_ok());
  CHECK(keys->erase(elena).is_ok());  // twice is once
  CHECK(keys->erase("_saaaaaaaaaaaaaaaaaaaaaaaaaa").is_not_found());
  CHECK_FALSE(keys->user(elena).has_value());
  CHECK_FALSE(keys->key(elena).has_value());
  CHECK(keys->erased(elena));
  CHECK(keys->user(marco).value() == "marco.rossi");

  const std::string text = read_file(file);
  CHECK(text.find(elena_line.substr(0, elena_line.find('\n'))) == std::string::npos);
  CHECK(text.find("erased " + elena) != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir / "subjects.new"));

  // The same person coming back is a new subject: nothing links them to what was erased.
  const std::string again = must(keys->pseudonym("elena.costa", true));
  CHECK(again != elena);
  auto reopened = open_keys(file, master);
  CHECK(reopened->erased_list() == std::vector<std::string>{elena});
  CHECK(must(reopened->pseudonym("elena.costa", false)) == again);
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

TEST_CASE("pseudonyms are made safely from several threads", "[subject-keys]") {
  TempDir dir;
  const MasterKey master = MasterKey::of(must(random_key()));
  auto keys = open_keys(dir / "subjects", master);
  std::vector<std::thread> threads;
  std::vector<std::string> seen(8);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      // No REQUIRE off the main thread (Catch2 is not thread-safe): failures show as an empty name.
      for (int i = 0; i < 20; ++i) (void)keys->pseudonym("user" + std::to_string(i), true);
      auto name = keys->pseudonym("user0", false);
      if (name.is_ok()) seen[t] = *name;
    });
  for (auto& thread : threads) thread.join();
  for (const auto& pseudonym : seen) CHECK((is_pseudonym(pseudonym) && pseudonym == seen[0]));
  CHECK(open_keys(dir / "subjects", master)->size() == 20);
}
