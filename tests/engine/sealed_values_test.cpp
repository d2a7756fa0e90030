// On a store made with a master key, the personal values of the log (what the workflow marks
// `personal`, and what the engine says about a person in words) are sealed under their subject's
// data key: the log and its export hold ciphertext, every reader with the key sees the values, and
// an erased subject's values read "[erased]" while every other fact stays and verifies.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "store/event_store.hpp"
#include "store/master_key.hpp"
#include "store/subjects.hpp"
#include "tests/support/cli_store.hpp"
#include "tests/support/key_named.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow;
using namespace mentorflow::testing;

namespace {

constexpr const char* kElena = "unimi-2025/mentee_application/elena.costa";
constexpr const char* kAnna = "unimi-2025/mentor_application/anna.colombo";

// The UniMi edition run on a store made with a master key, in a temporary folder.
struct SealedUnimi {
  CliStore s;
  std::string key = (s.dir / "master-key").string();

  SealedUnimi() {
    const std::string scenario = (source_dir() / "examples/unimi-2025/scenario.jsonl").string();
    CliStore::ok(cli({"run", scenario}));
  }
  CliResult cli(const std::vector<std::string>& args, bool with_key = true) const {
    if (!with_key) return s.cli(args);
    const KeyNamed named(key);
    return s.cli(args);
  }
  // Erases `user` from the store's subjects (what `mentorflow erase` does first).
  void erase_subject(const std::string& user) const {
    auto store = store::EventStore::open(s.store, {.create_if_missing = false});
    REQUIRE(store.is_ok());
    auto master = store::MasterKey::load(key, false);
    REQUIRE(master.is_ok());
    auto subjects = (*store)->open_subjects(*master);
    REQUIRE(subjects.is_ok());
    auto pseudonym = (*subjects)->pseudonym(user, false);
    REQUIRE(pseudonym.is_ok());
    REQUIRE((*subjects)->erase(*pseudonym).is_ok());
  }
};

}  // namespace

TEST_CASE("personal values are sealed in the log and read opened with the master key", "[sealed][cli]") {
  const SealedUnimi u;

  // With the key: the values as given.
  const std::string elena = CliStore::ok(u.cli({"state", kElena})).out;
  CHECK(contains(elena, "\"Elena Costa\""));
  CHECK(contains(elena, "\"Modern Languages\""));
  CHECK(contains(CliStore::ok(u.cli({"state", kAnna})).out, "\"venture capital investor\""));
  CHECK(contains(CliStore::ok(u.cli({"history", kElena})).out, "Elena Costa"));

  // The log as exported holds no name, degree course, profession or CV file name, only sealed values.
  const std::string exported = CliStore::ok(u.cli({"export"})).out;
  for (const char* value : {"Elena Costa", "Anna Colombo", "Modern Languages", "venture capital investor",
                            "cv-elena.costa.pdf", "Economics and Management"}) {
    INFO(value);
    CHECK_FALSE(contains(exported, value));
  }
  CHECK(contains(exported, "$sealed"));

  // Certificates are written under the names the CLI prints, with the ids people know.
  const std::filesystem::path pdfs = u.s.dir / "pdfs";
  const std::string written = CliStore::ok(u.cli({"certificates", "unimi-2025", "--out", pdfs.string()})).out;
  REQUIRE(contains(written, "45 certificates written"));
  for (const auto& entry : std::filesystem::directory_iterator(pdfs)) {
    const std::string name = entry.path().filename().string();
    INFO(name);
    CHECK_FALSE(contains(name, "_s"));
    CHECK(contains(written, name + "  "));
  }

  // Every decision is re-checked on the values opened.
  const CliResult verified = CliStore::ok(u.cli({"verify"}));
  CHECK(contains(verified.out, "each gives the outcome and state recorded"));
  CHECK_FALSE(contains(verified.out, "not re-checkable"));
}

TEST_CASE("without the master key verify checks the chain and counts the sealed decisions", "[sealed][cli]") {
  const SealedUnimi u;
  const CliResult verified = u.cli({"verify"}, false);
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(contains(verified.out, "the chain is intact"));
  CHECK(std::regex_search(verified.out, std::regex("[0-9]+ decisions not re-checkable: personal values sealed, and no master key given")));
  CHECK(contains(verified.err, "no master key given"));
  // Other commands still need it.
  CHECK(u.cli({"state", kElena}, false).exit_code == 1);
}

TEST_CASE("an erased subject's values read erased and their decisions are counted, not re-checked", "[sealed][cli]") {
  const SealedUnimi u;
  const std::string before = CliStore::ok(u.cli({"verify"})).out;
  u.erase_subject("elena.costa");

  // Her case can no longer be named by her id; the edition's list shows it erased.
  CHECK(u.cli({"state", kElena}).exit_code == 1);
  const std::string cases = CliStore::ok(u.cli({"cases", "unimi-2025"})).out;
  CHECK(contains(cases, "unimi-2025/mentee_application/[erased]"));
  CHECK_FALSE(contains(cases, "elena.costa"));

  // Everyone else reads as before.
  CHECK(contains(CliStore::ok(u.cli({"state", kAnna})).out, "\"Anna Colombo\""));

  // The chain verifies; her decisions are counted as not re-checkable, the others hold.
  const CliResult verified = u.cli({"verify"});
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK(contains(verified.out, "the chain is intact"));
  std::smatch m;
  REQUIRE(std::regex_search(verified.out, m, std::regex("([0-9]+) decisions? not re-checkable: subject erased")));
  CHECK(std::stoi(m[1]) >= 1);  // her eligibility at least
  CHECK(contains(verified.out, "each gives the outcome and state recorded"));
  CHECK_FALSE(contains(verified.out + verified.err, "Elena Costa"));

  // Nothing anyone reads names her: the log as exported, the history of the edition's cases.
  CHECK_FALSE(contains(CliStore::ok(u.cli({"export"})).out, "Elena Costa"));
}

TEST_CASE("the master key is rotated: the store opens with the new key only and reads the same", "[sealed][cli]") {
  const SealedUnimi u;
  const std::string before = CliStore::ok(u.cli({"state", kElena})).out;
  const std::string next = (u.s.dir / "next-key").string();

  CHECK(u.cli({"rotate-master-key", "--new-key", u.key}).exit_code == 1);  // the current key again
  const CliResult rotated = u.cli({"rotate-master-key", "--new-key", next});
  INFO(rotated.out << rotated.err);
  REQUIRE(rotated.exit_code == 0);
  CHECK(contains(rotated.out, "subjects sealed under the master key in " + next));

  const CliResult old_key = u.cli({"state", kElena});
  CHECK(old_key.exit_code == 1);
  CHECK(contains(old_key.err, "another master key"));
  CliResult state, verified;
  {
    const KeyNamed named(next);
    state = u.s.cli({"state", kElena});
    verified = u.s.cli({"verify"});
  }
  CHECK(state.out == before);
  INFO(verified.out << verified.err);
  CHECK(verified.exit_code == 0);
  CHECK_FALSE(contains(verified.out, "not re-checkable"));

  // A store with ids in clear has no key to rotate.
  const CliStore clear;
  CliStore::ok(clear.cli({"publish", (source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules",
                          (source_dir() / "rules/unimi-2025.rules").string(), "--edition", "unimi-2025"}));
  const CliResult none = clear.cli({"rotate-master-key", "--new-key", next});
  CHECK(none.exit_code == 1);
  CHECK(contains(none.err, "keeps no personal data under a master key"));
}
