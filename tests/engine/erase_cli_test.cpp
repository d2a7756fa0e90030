// `mentorflow erase` (docs/PRIVACY.md, "Erasing a person") through the real CLI on a RocksDB store
// made with a master key: a mentee and a mentor erased from the whole UniMi edition, the refusals
// (each leaving the store as it was), and erasures killed with SIGKILL at random moments, each
// found afterwards fully done or not begun.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <random>

#include "tests/support/cli_store.hpp"
#include "tests/support/key_named.hpp"
#include "tests/support/kill_cli.hpp"
#include "tests/support/pdf_text.hpp"
#include "tests/support/small_unimi_store.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow::testing;

namespace {

constexpr const char* kEdition = "unimi-2025";
constexpr const char* kMentee = "alessia.conti";
constexpr const char* kMenteeName = "Alessia Conti";
constexpr const char* kMentor = "valentina.greco";
constexpr const char* kMentorName = "Valentina Greco";
constexpr const char* kReason = "request under GDPR article 17 received by the office";

// Every PDF under `dir` whose text names `name`.
std::vector<std::string> pdfs_naming(const std::filesystem::path& dir, const std::string& name) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (contains(pdf_text(entry.path()), name)) found.push_back(entry.path().filename().string());
  return found;
}

// The whole UniMi edition in `s`'s store, and its certificates rendered to DIR/pdfs.
void run_unimi(const CliStore& s) {
  CliStore::ok(s.cli({"run", (source_dir() / "examples/unimi-2025/scenario.jsonl").string()}));
  CliStore::ok(s.cli({"certificates", kEdition, "--out", (s.dir / "pdfs").string()}));
}

CliResult erase(const CliStore& s, const std::string& as, const std::string& subject, const std::string& reason,
                const std::string& at = "") {
  return s.cli({"erase", "--as", as, "--subject", subject, "--reason", reason, "--certificates", (s.dir / "pdfs").string()}, at);
}

// The small store of tests/support/small_unimi_store.hpp in `s`.
void small_store(const CliStore& s) {
  make_small_unimi_store([&](std::vector<std::string> args) { return s.cli(std::move(args)); }, s.dir.path());
}

// What a store holds that a refused erasure must leave as it was.
std::string everything(const CliStore& s, const std::string& at = "") {
  const std::filesystem::path dir = at.empty() ? std::filesystem::path(s.store) : std::filesystem::path(at);
  std::string all = CliStore::ok(s.cli({"export"}, at)).out + read_file(dir / "subjects");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "documents"))
    if (entry.is_regular_file()) all += entry.path().string() + read_file(entry.path());
  return all;
}

}  // namespace

TEST_CASE("a mentee and a mentor are erased from the whole UniMi edition", "[erase][cli]") {
  const CliStore s;
  const KeyNamed key(s.dir / "master-key");
  run_unimi(s);
  REQUIRE_FALSE(pdfs_naming(s.dir / "pdfs", kMenteeName).empty());
  REQUIRE_FALSE(pdfs_naming(s.dir / "pdfs", kMentorName).empty());
  const auto pdfs = [&] { return std::distance(std::filesystem::directory_iterator(s.dir / "pdfs"), {}); };
  const auto pdfs_before = pdfs();
  REQUIRE(contains(CliStore::ok(s.cli({"cases", kEdition})).out, std::string("mentorship/") + kMentee));

  for (const std::string subject : {kMentee, kMentor}) {
    const CliResult erased = CliStore::ok(erase(s, "dpo:paola.bianchi", subject, kReason));
    INFO(erased.out);
    CHECK(contains(erased.out, subject + " erased (SubjectErased at position "));
    CHECK(contains(erased.out, "store compacted"));
  }
  // Their cases are listed, and their ids read [erased]; the cohort's history names them so too.
  const std::string cases = CliStore::ok(s.cli({"cases", kEdition})).out;
  CHECK(contains(cases, "unimi-2025/mentee_application/[erased]"));
  CHECK(contains(cases, "unimi-2025/mentor_application/[erased]"));
  CHECK(contains(cases, "unimi-2025/mentorship/[erased]"));
  const std::string round = CliStore::ok(s.cli({"history", "unimi-2025/round"})).out;
  CHECK(contains(round, "[erased]"));
  for (const std::string id : {kMentee, kMentor}) {
    INFO(id);
    CHECK_FALSE(contains(cases, id));
    CHECK_FALSE(contains(round, id));
    CHECK_FALSE(contains(CliStore::ok(s.cli({"state", "unimi-2025/round"})).out, id));
    // Nobody can name their cases by their id any more.
    CHECK(s.cli({"state", "unimi-2025/mentee_application/" + id}).exit_code == 1);
  }
  // Their certificates' PDFs are gone from the folder they were written to; the others stay.
  CHECK(pdfs_naming(s.dir / "pdfs", kMenteeName).empty());
  CHECK(pdfs_naming(s.dir / "pdfs", kMentorName).empty());
  CHECK(pdfs() < pdfs_before);
  CHECK(pdfs() > 0);
  // The chain and everyone else's decisions still verify.
  CliStore::ok(s.cli({"verify"}));
  // The log records both erasures, by the officer, with the reason, and nobody's id.
  const std::string exported = CliStore::ok(s.cli({"export"})).out;
  CHECK(occurrences(exported, "\"type\":\"SubjectErased\"") == 2);
  CHECK(occurrences(exported, "\"type\":\"SubjectErasureFinished\"") == 2);
  CHECK(occurrences(exported, kReason) == 2);
  CHECK(contains(exported, "\"role\":\"dpo\""));
  CHECK_FALSE(contains(exported, "paola.bianchi"));
  // A member of staff is erased as the person who acted (and whom decisions recorded as the
  // actor): the cases she decided stay others', and their histories name her [erased].
  const std::string anna = "unimi-2025/mentor_application/anna.colombo";
  REQUIRE(contains(CliStore::ok(s.cli({"history", anna})).out, "giovanna.ricci"));
  CHECK(contains(CliStore::ok(erase(s, "dpo:paola.bianchi", "giovanna.ricci", kReason)).out, "giovanna.ricci erased"));
  const std::string history = CliStore::ok(s.cli({"history", anna})).out;
  CHECK_FALSE(contains(history, "giovanna.ricci"));
  CHECK(contains(history, "[erased]"));
  CliStore::ok(s.cli({"verify"}));
  // Erased already: nobody left to erase.
  const CliResult again = erase(s, "dpo:paola.bianchi", kMentee, kReason);
  CHECK(again.exit_code == 1);
  CHECK(contains(again.err, "there is nobody with user id alessia.conti in this store"));
}

// Their names and their documents' file names (cv-ID.pdf) are personal values, sealed in the log
// under their keys (engine/privacy/sealing_store.hpp): once the keys are gone, no byte holds them.
TEST_CASE("after an erasure no file, export, read model or PDF holds the person's id or name", "[erase][cli]") {
  const CliStore s;
  const KeyNamed key(s.dir / "master-key");
  run_unimi(s);
  REQUIRE_FALSE(files_holding(s.store, kMenteeName).empty());
  for (const std::string subject : {kMentee, kMentor}) CliStore::ok(erase(s, "dpo:paola.bianchi", subject, kReason));
  const std::string exported = CliStore::ok(s.cli({"export"})).out;
  const std::string read_models = CliStore::ok(s.cli({"cases", kEdition, "--long"})).out;
  for (const std::string text : {kMentee, kMenteeName, kMentor, kMentorName}) {
    INFO(text);
    CHECK(files_holding(s.store, text).empty());
    CHECK_FALSE(contains(exported, text));
    CHECK_FALSE(contains(read_models, text));
    CHECK(files_holding(s.dir / "pdfs", text).empty());
    CHECK(pdfs_naming(s.dir / "pdfs", text).empty());
  }
}

TEST_CASE("an erasure is refused in one sentence and leaves the store as it was", "[erase][cli]") {
  const CliStore s;
  const KeyNamed key(s.dir / "master-key");
  small_store(s);
  const std::string before = everything(s);
  const auto refused = [&](const std::string& as, const std::string& subject, const std::string& reason,
                           const std::string& sentence) {
    const CliResult r = s.cli({"erase", "--as", as, "--subject", subject, "--reason", reason});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.err, sentence));
    CHECK(r.out.empty());
    CHECK(everything(s) == before);
  };
  refused("career_service:carla", "elena.costa", kReason,
          "role career_service may not erase elena.costa: only a privacy role (such as dpo) of unimi-2025 may");
  refused("mentee:elena.costa", "elena.costa", kReason, "role mentee may not erase elena.costa");
  refused("dpo:paola", "nobody.known", kReason, "there is nobody with user id nobody.known in this store");
  refused("dpo:paola", "elena.costa", "as Elena.Costa asked on 2 March", "the reason names elena.costa");
  refused("dpo:paola", "elena.costa", "  ", "erasing a person needs a reason");
  refused("dpo:paola", "elena.costa", "one line\nand another", "write it on one line");
  refused("dpo:paola", "elena.costa", std::string(501, 'x'), "at most 500 are kept");
  const CliResult usage = s.cli({"erase", "--as", "dpo:paola", "--subject", "elena.costa"});
  CHECK(usage.exit_code == 2);
  CHECK(contains(usage.err, "--reason TEXT is required"));
  const CliResult no_folder = s.cli({"erase", "--as", "dpo:paola", "--subject", "elena.costa", "--reason", kReason,
                                     "--certificates", (s.dir / "no-such-folder").string()});
  CHECK(no_folder.exit_code == 2);
  CHECK(contains(no_folder.err, "no-such-folder: there is no such folder"));
  CHECK(everything(s) == before);

  // A store with ids in clear has no key or pseudonym of anyone to erase.
  const CliStore in_clear;
  unsetenv("MENTORFLOW_MASTER_KEY_FILE");
  CliStore::ok(in_clear.cli({"publish", (source_dir() / "workflows/unimi-mentoring.flow").string(), "--rules",
                             (source_dir() / "rules/unimi-2025.rules").string(), "--edition", kEdition}));
  const CliResult clear = in_clear.cli({"erase", "--as", "dpo:paola", "--subject", "elena.costa", "--reason", kReason});
  CHECK(clear.exit_code == 1);
  CHECK(contains(clear.err, "keeps user ids in clear (it was made without a master key)"));

  // Allowed, the erasure removes Elena's uploaded CV and keeps Sofia's case as it was.
  setenv("MENTORFLOW_MASTER_KEY_FILE", (s.dir / "master-key").c_str(), 1);
  const std::string sofia = CliStore::ok(s.cli({"state", "unimi-2025/mentee_application/sofia.gatti"})).out;
  REQUIRE(files_holding(s.store, kSmallStoreCv).size() == 1);
  const CliResult erased = CliStore::ok(s.cli({"erase", "--as", "dpo:paola", "--subject", "elena.costa", "--reason", kReason}));
  CHECK(contains(erased.out, "elena.costa erased (SubjectErased at position "));
  CHECK(contains(erased.out, "): key and id destroyed, 1 case now shows [erased]"));
  CHECK(contains(erased.out, "purged: 1 uploaded document, 0 certificate PDFs"));
  CHECK(files_holding(s.store, kSmallStoreCv).empty());
  CHECK(CliStore::ok(s.cli({"state", "unimi-2025/mentee_application/sofia.gatti"})).out == sofia);

  // Someone with no case (the officer herself, known only as the one who erased): a privacy role
  // of any published edition may erase them; the log's SubjectErased then names her [erased].
  const CliResult officer = CliStore::ok(s.cli({"erase", "--as", "dpo:marta", "--subject", "paola", "--reason", kReason}));
  CHECK(contains(officer.out, "paola erased (SubjectErased at position "));
  CHECK(contains(officer.out, "0 cases now show [erased]"));
}

// A SIGKILL at any moment of an erasure: the next writable open ends it, so the person is then
// either fully erased (both events, the id gone, the CV gone) or not at all (no event, all there).
TEST_CASE("an erasure killed at any moment is found fully done or not begun", "[erase][cli][slow]") {
  const CliStore s;
  const KeyNamed key(s.dir / "master-key");
  small_store(s);
  std::mt19937 random(20261206);
  std::uniform_int_distribution<int> delay_us(0, 400'000);
  int done = 0, not_begun = 0;
  for (int round = 0; round < 24; ++round) {
    const std::string copy = (s.dir / ("copy-" + std::to_string(round))).string();
    std::filesystem::copy(s.store, copy, std::filesystem::copy_options::recursive);
    // Each copy is a store of its own with its own key: the erased list beside a key (PRIVACY.md,
    // "Backups") would carry one round's erasure into the next copy.
    const std::filesystem::path round_key = copy + ".master-key";
    std::filesystem::copy_file(s.dir / "master-key", round_key);
    const KeyNamed named(round_key);
    run_cli_killed_after({"erase", "--store", copy, "--as", "dpo:paola", "--subject", "elena.costa", "--reason", kReason},
                         std::chrono::microseconds(delay_us(random)));
    // Any writable open ends an interrupted erasure: an erasure of nobody is refused after it.
    const CliResult opened = s.cli({"erase", "--as", "dpo:paola", "--subject", "nobody.known", "--reason", kReason}, copy);
    INFO("round " << round << ": " << opened.err);
    REQUIRE(opened.exit_code == 1);
    const std::string exported = CliStore::ok(s.cli({"export"}, copy)).out;
    const std::string cases = CliStore::ok(s.cli({"cases", kEdition}, copy)).out;
    const bool cv_kept = !files_holding(copy, kSmallStoreCv).empty();
    if (contains(exported, "SubjectErased")) {
      ++done;
      CHECK(occurrences(exported, "\"type\":\"SubjectErased\"") == 1);
      CHECK(occurrences(exported, "\"type\":\"SubjectErasureFinished\"") == 1);
      CHECK(contains(cases, "unimi-2025/mentee_application/[erased]"));
      CHECK_FALSE(contains(cases, "elena.costa"));
      CHECK_FALSE(cv_kept);
    } else {
      ++not_begun;
      CHECK(contains(cases, "unimi-2025/mentee_application/elena.costa"));
      CHECK(cv_kept);
    }
    CHECK(contains(cases, "unimi-2025/mentee_application/sofia.gatti"));
    // Elena's CV is a personal value: once she is erased the log no longer says which file it was,
    // so verify has nothing of hers to look for.
    const CliResult verified = CliStore::ok(s.cli({"verify"}, copy));
    if (cv_kept) CHECK(contains(verified.out, "read 1 uploaded document: each is in the store and hashes as recorded"));
    CHECK_FALSE(contains(verified.out, "missing or altered"));
    std::filesystem::remove_all(copy);
  }
  // Where the kills fell depends on the machine's speed: said, not checked.
  if (done == 0 || not_begun == 0) WARN("every kill fell " << (done == 0 ? "before" : "after") << " the intent was written");
}

// A document the workflow does not mark personal keeps its reference in the log after its person
// is erased: the file goes with them, and verify counts it apart from a missing one.
TEST_CASE("a document not marked personal goes with its person and verify counts it apart", "[erase][cli]") {
  const CliStore s("2025-05-05 09:00 Europe/Rome");
  const KeyNamed key(s.dir / "master-key");
  s.publish("letters",
            "workflow letters \"Letters\" {\n"
            "  participants student\n  staff office\n  privacy dpo\n"
            "  case application {\n"
            "    party student: student names case\n"
            "    document letter\n"
            "    state open initial, closed final\n"
            "    command send by student to open\n      attach letter\n"
            "    command close by office from open to closed\n"
            "  }\n}\n",
            "rules for letters edition \"1\" {\n}\n", "letters-1");
  std::ofstream(s.dir / "letter.pdf") << "%PDF-1.4\nAnna's letter 88ab41\n%%EOF\n";
  const auto uploaded = nlohmann::json::parse(CliStore::ok(s.cli({"upload", (s.dir / "letter.pdf").string()})).out);
  CliStore::ok(s.exec("student:anna", "letters-1/application/anna", "send",
                      {{"letter", {{"file", "letter.pdf"}, {"sha256", uploaded["sha256"]}}}}));
  CHECK(contains(CliStore::ok(s.cli({"verify"})).out, "read 1 uploaded document: each is in the store and hashes as recorded"));
  const CliResult erased = CliStore::ok(s.cli({"erase", "--as", "dpo:dora", "--subject", "anna", "--reason", kReason}));
  CHECK(contains(erased.out, "purged: 1 uploaded document"));
  CHECK(files_holding(s.store, "Anna's letter 88ab41").empty());
  CHECK(contains(CliStore::ok(s.cli({"verify"})).out,
                 "read 1 uploaded document: 0 in the store and hashing as recorded, 1 erased with the person who uploaded it"));
}
