// The subjects of a store's personal data, on both backends (store/subjects.hpp): one pseudonym
// and data key per person, kept across opens and shared by every writer, a master key that must
// match, and erasure that forgets the person for good. The file's own layout: store_file_subjects_test.
#include <catch2/catch.hpp>

#include <thread>

#include "store/event_store.hpp"
#include "store/subjects.hpp"
#include "tests/store/backend_fixture.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/must.hpp"

using namespace mentorflow;
using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::must;

namespace {

std::unique_ptr<Subjects> subjects_of(const EventStore& store, const MasterKey& master) {
  auto subjects = store.open_subjects(master);
  INFO(subjects.status().message());
  REQUIRE(subjects.is_ok());
  return std::move(*subjects);
}

MasterKey new_master() { return MasterKey::of(must(random_key())); }

// For threads, where Catch2 may not check: a failure shows as an empty name.
std::string name_or_empty(const Result<std::string>& name) { return name.is_ok() ? *name : std::string(); }

}  // namespace

TEST_CASE("a user gets one pseudonym and data key, kept across opens of the store", "[subjects]") {
  STORE_UNDER_TEST(at);
  const MasterKey master = new_master();
  std::string elena;
  DataKey elena_key{};
  {
    auto store = open_store(at.location());
    CHECK_FALSE(must(store->has_subjects()));
    auto subjects = subjects_of(*store, master);
    elena = must(subjects->pseudonym("elena.costa", true));
    CHECK(is_pseudonym(elena));
    CHECK(must(subjects->pseudonym("elena.costa", true)) == elena);
    CHECK(must(subjects->pseudonym("marco.rossi", true)) != elena);
    CHECK(subjects->pseudonym("nobody", false).status().is_not_found());
    CHECK(subjects->pseudonym(elena, true).status().is_invalid_argument());  // a pseudonym is no user id
    CHECK(subjects->pseudonym("", true).status().is_invalid_argument());
    elena_key = subjects->key(elena).value();
    CHECK(subjects->user(elena).value() == "elena.costa");
    CHECK_FALSE(subjects->user("_saaaaaaaaaaaaaaaaaaaaaaaaaa").has_value());
  }
  auto store = open_store(at.location());
  CHECK(must(store->has_subjects()));
  auto again = subjects_of(*store, master);
  CHECK(must(again->pseudonym("elena.costa", false)) == elena);
  CHECK(again->key(elena).value() == elena_key);
  CHECK(again->size() == 2);
}

TEST_CASE("a store's subjects refuse another master key", "[subjects]") {
  STORE_UNDER_TEST(at);
  auto store = open_store(at.location());
  REQUIRE(subjects_of(*store, new_master())->pseudonym("elena.costa", true).is_ok());
  auto other = store->open_subjects(new_master());
  REQUIRE_FALSE(other.is_ok());
  CHECK(other.status().is_invalid_argument());
  CHECK_THAT(other.status().message(), Catch::Contains("another master key"));
}

TEST_CASE("a rotated master key opens every subject, the old one none, erasures kept", "[subjects]") {
  STORE_UNDER_TEST(at);
  const MasterKey old_master = new_master(), next = new_master();
  std::string elena, marco;
  DataKey elena_key{};
  {
    auto store = open_store(at.location());
    auto subjects = subjects_of(*store, old_master);
    elena = must(subjects->pseudonym("elena.costa", true));
    marco = must(subjects->pseudonym("marco.rossi", true));
    elena_key = subjects->key(elena).value();
    REQUIRE(subjects->erase(marco).is_ok());
    REQUIRE(subjects->rotate(next).is_ok());
    // The same object goes on under the new key: a new subject is sealed under it.
    REQUIRE(subjects->pseudonym("anna.colombo", true).is_ok());
  }
  auto store = open_store(at.location());
  auto old_open = store->open_subjects(old_master);
  REQUIRE_FALSE(old_open.is_ok());
  CHECK_THAT(old_open.status().message(), Catch::Contains("another master key"));
  auto rotated = subjects_of(*store, next);
  CHECK(must(rotated->pseudonym("elena.costa", false)) == elena);
  CHECK(rotated->key(elena).value() == elena_key);  // the data keys, and so the log's sealed values, do not change
  CHECK(rotated->pseudonym("anna.colombo", false).is_ok());
  CHECK(rotated->erased(marco));
  CHECK(rotated->erased_list() == std::vector<std::string>{marco});
  CHECK(rotated->pseudonym("marco.rossi", false).status().is_not_found());
}

TEST_CASE("an erased subject is forgotten for good, and coming back is someone new", "[subjects]") {
  STORE_UNDER_TEST(at);
  const MasterKey master = new_master();
  auto store = open_store(at.location());
  auto subjects = subjects_of(*store, master);
  const std::string elena = must(subjects->pseudonym("elena.costa", true));
  const std::string marco = must(subjects->pseudonym("marco.rossi", true));

  REQUIRE(subjects->erase(elena).is_ok());
  CHECK(subjects->erase(elena).is_ok());  // twice is once
  CHECK(subjects->erase("_saaaaaaaaaaaaaaaaaaaaaaaaaa").is_not_found());
  CHECK_FALSE(subjects->user(elena).has_value());
  CHECK_FALSE(subjects->key(elena).has_value());
  CHECK(subjects->erased(elena));
  CHECK_FALSE(subjects->erased(marco));
  CHECK(subjects->user(marco).value() == "marco.rossi");
  CHECK(subjects->size() == 1);

  const std::string again = must(subjects->pseudonym("elena.costa", true));
  CHECK(again != elena);
  store.reset();
  store = open_store(at.location());
  auto reopened = subjects_of(*store, master);
  CHECK(reopened->erased_list() == std::vector<std::string>{elena});
  CHECK(must(reopened->pseudonym("elena.costa", false)) == again);
  CHECK_FALSE(reopened->user(elena).has_value());
}

TEST_CASE("a read-only store's subjects are read, never added or erased", "[subjects]") {
  STORE_UNDER_TEST(at);
  const MasterKey master = new_master();
  auto writer = open_store(at.location());
  auto written = subjects_of(*writer, master);
  const std::string elena = must(written->pseudonym("elena.costa", true));

  OpenOptions read_only;
  read_only.read_only = true;
  auto reader_store = open_store(at.location(), read_only);
  auto reader = subjects_of(*reader_store, master);
  CHECK(reader->user(elena).value() == "elena.costa");
  CHECK(reader->pseudonym("someone", true).status().is_refused());
  CHECK(reader->erase(elena).is_refused());
}

TEST_CASE("pseudonyms are made safely from several threads", "[subjects]") {
  STORE_UNDER_TEST(at);
  const MasterKey master = new_master();
  auto store = open_store(at.location());
  auto subjects = subjects_of(*store, master);
  std::vector<std::thread> threads;
  std::vector<std::string> seen(6);
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) (void)subjects->pseudonym("user" + std::to_string(i), true);
      seen[t] = name_or_empty(subjects->pseudonym("user0", false));
    });
  for (auto& thread : threads) thread.join();
  for (const auto& pseudonym : seen) CHECK((is_pseudonym(pseudonym) && pseudonym == seen[0]));
  CHECK(subjects_of(*store, master)->size() == 10);
}

TEST_CASE("two PostgreSQL nodes agree on one pseudonym per person and see each other's erasures", "[subjects]") {
  STORE_UNDER_TEST(at);
  if (at.backend() != Backend::kPostgres) return;  // one writer per RocksDB folder
  const MasterKey master = new_master();
  auto node_a = open_store(at.location());
  auto node_b = open_store(at.location());
  auto a = subjects_of(*node_a, master);
  auto b = subjects_of(*node_b, master);

  // Both record the same people at the same moment: one pseudonym each, whichever node won.
  std::vector<std::string> from_a(10), from_b(10);
  std::thread other([&] {
    for (int i = 0; i < 10; ++i) from_b[i] = name_or_empty(b->pseudonym("user" + std::to_string(i), true));
  });
  for (int i = 0; i < 10; ++i) from_a[i] = name_or_empty(a->pseudonym("user" + std::to_string(i), true));
  other.join();
  CHECK(from_a == from_b);
  CHECK(a->size() == 10);

  REQUIRE(a->erase(from_a[3]).is_ok());
  std::this_thread::sleep_for(2 * kErasureSeenWithin);
  CHECK_FALSE(b->user(from_a[3]).has_value());
  CHECK(b->erased(from_a[3]));
  CHECK(b->erase(from_a[3]).is_ok());
}
