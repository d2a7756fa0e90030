// The documents beside the log: content-addressed files, written whole or not at all, read back
// only when they still hash to their name, refused on a read-only store.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "store/document_store.hpp"
#include "store/event_store.hpp"
#include "tests/support/temp_dir.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using mentorflow::testing::TempDir;

namespace {

const std::string kBytes = "%PDF-1.4\n% a curriculum vitae\n%%EOF\n";

std::filesystem::path file_of(const std::filesystem::path& root, const Hash& hash) {
  const std::string hex = to_hex(hash);
  return root / hex.substr(0, 2) / hex.substr(2);
}

void overwrite(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::permissions(path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// Every file under `root` whose name starts with a dot (the temporary files of a put).
std::vector<std::filesystem::path> temporaries(const std::filesystem::path& root) {
  std::vector<std::filesystem::path> out;
  if (!std::filesystem::exists(root)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().filename().string().starts_with(".")) out.push_back(entry.path());
  return out;
}

}  // namespace

TEST_CASE("a document is stored under its SHA-256 and read back whole", "[store]") {
  TempDir dir;
  auto documents = open_document_files(dir / "documents", false);
  auto put = documents->put(kBytes);
  REQUIRE(put.is_ok());
  CHECK(*put == sha256(kBytes));
  CHECK(std::filesystem::is_regular_file(file_of(dir / "documents", *put)));
  CHECK(temporaries(dir / "documents").empty());

  auto got = documents->get(*put);
  REQUIRE(got.is_ok());
  CHECK(*got == kBytes);
  CHECK(*documents->contains(*put));
  CHECK_FALSE(*documents->contains(sha256("other bytes")));
  CHECK(documents->get(sha256("other bytes")).status().is_not_found());
}

TEST_CASE("storing the same bytes twice changes nothing", "[store]") {
  TempDir dir;
  auto documents = open_document_files(dir / "documents", false);
  const Hash first = *documents->put(kBytes);
  const auto written = std::filesystem::last_write_time(file_of(dir / "documents", first));
  const Hash second = *documents->put(kBytes);
  CHECK(first == second);
  CHECK(std::filesystem::last_write_time(file_of(dir / "documents", first)) == written);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "documents"))
    files += entry.is_regular_file() ? 1 : 0;
  CHECK(files == 1);
}

TEST_CASE("an altered or cut document is found on reading, and a put of the bytes repairs it", "[store]") {
  TempDir dir;
  auto documents = open_document_files(dir / "documents", false);
  const Hash hash = *documents->put(kBytes);
  const auto path = file_of(dir / "documents", hash);

  overwrite(path, "%PDF-1.4\n% a forged curriculum vitae\n%%EOF\n");
  auto altered = documents->get(hash);
  REQUIRE(altered.status().is_corruption());
  CHECK(altered.status().message().find(path.string()) != std::string::npos);
  CHECK(altered.status().message().find("altered") != std::string::npos);

  overwrite(path, kBytes.substr(0, 10));
  CHECK(documents->get(hash).status().is_corruption());

  REQUIRE(documents->put(kBytes).is_ok());
  CHECK(*documents->get(hash) == kBytes);
}

TEST_CASE("a put cut short by a crash leaves only a temporary file, which is never read", "[store]") {
  TempDir dir;
  auto documents = open_document_files(dir / "documents", false);
  const Hash hash = sha256(kBytes);
  const auto path = file_of(dir / "documents", hash);
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path.parent_path() / (".tmp-" + path.filename().string() + "-1-0"), std::ios::binary)
      << kBytes.substr(0, 7);
  CHECK(documents->get(hash).status().is_not_found());
  CHECK_FALSE(*documents->contains(hash));
  REQUIRE(documents->put(kBytes).is_ok());
  CHECK(*documents->get(hash) == kBytes);
}

TEST_CASE("writers putting the same document at once all succeed, and it is whole", "[store]") {
  TempDir dir;
  auto documents = open_document_files(dir / "documents", false);
  const std::string big(256 * 1024, 'x');
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      if (documents->put(big).is_ok()) ++ok;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == 8);
  CHECK(*documents->get(sha256(big)) == big);
  CHECK(temporaries(dir / "documents").empty());
}

TEST_CASE("the documents of a store live beside its log, and a read-only store refuses new ones", "[store]") {
  TempDir dir;
  Hash hash;
  {
    auto store = EventStore::open(dir / "store");
    REQUIRE(store.is_ok());
    auto documents = documents_beside(**store);
    hash = *documents->put(kBytes);
    CHECK(std::filesystem::is_regular_file(file_of(dir / "store" / "documents", hash)));
  }
  auto store = EventStore::open(dir / "store", {.read_only = true});
  REQUIRE(store.is_ok());
  auto documents = documents_beside(**store);
  CHECK(*documents->get(hash) == kBytes);
  auto refused = documents->put("another document");
  REQUIRE(refused.status().is_refused());
  CHECK(refused.status().message().find("read-only") != std::string::npos);
  CHECK_FALSE(*documents->contains(sha256("another document")));
}
