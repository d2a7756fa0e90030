// A store made with a master key (MENTORFLOW_MASTER_KEY_FILE) keeps pseudonyms in its log in
// place of user ids, and reads through the CLI exactly as a store with ids in clear: the UniMi
// edition run both ways.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <regex>
#include <sstream>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using namespace mentorflow::testing;

namespace {

constexpr const char* kEdition = "unimi-2025";

// The CLI run with the master key file `key` named in the environment, or none named ("").
CliResult with_key(const std::string& key, const CliStore& s, const std::vector<std::string>& args) {
  if (key.empty()) unsetenv("MENTORFLOW_MASTER_KEY_FILE");
  else setenv("MENTORFLOW_MASTER_KEY_FILE", key.c_str(), 1);
  CliResult r = s.cli(args);
  unsetenv("MENTORFLOW_MASTER_KEY_FILE");
  return r;
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

// The ids of the people the edition's applications name: the last part of each case name.
std::vector<std::string> applicant_ids(const std::string& cases) {
  std::vector<std::string> ids;
  for (const std::string& line : sorted_lines(cases)) {
    const std::string name = line.substr(0, line.find(' '));
    if (name.find("_application/") != std::string::npos) ids.push_back(name.substr(name.rfind('/') + 1));
  }
  return ids;
}

}  // namespace

TEST_CASE("a store with a master key keeps pseudonyms and reads as one with ids in clear", "[pseudonyms][cli]") {
  const CliStore clear, sealed;
  const std::string key = (sealed.dir / "master-key").string();
  const std::string scenario = (source_dir() / "examples/unimi-2025/scenario.jsonl").string();

  const CliResult run_clear = with_key("", clear, {"run", scenario});
  const CliResult run_sealed = with_key(key, sealed, {"run", scenario});
  INFO(run_sealed.out << run_sealed.err);
  REQUIRE(run_clear.exit_code == 0);
  REQUIRE(run_sealed.exit_code == 0);
  CHECK(run_sealed.out == run_clear.out);
  CHECK(std::filesystem::exists(key));

  // Every question is answered in the same words, people named by their ids.
  const CliResult cases_clear = CliStore::ok(with_key("", clear, {"cases", kEdition, "--long"}));
  const CliResult cases_sealed = CliStore::ok(with_key(key, sealed, {"cases", kEdition, "--long"}));
  CHECK(sorted_lines(cases_sealed.out) == sorted_lines(cases_clear.out));
  for (const std::string name : {"unimi-2025/mentee_application/elena.costa", "unimi-2025/mentor_application/anna.colombo"}) {
    INFO(name);
    // A cohort's step writes its cases' events in one append, ordered by stream name: by pseudonym
    // here, so the positions within that append differ; everything else reads the same.
    const std::regex positions(R"(\[[0-9]+(-[0-9]+)?\])");
    CHECK(std::regex_replace(with_key(key, sealed, {"history", name}).out, positions, "[P]") ==
          std::regex_replace(with_key("", clear, {"history", name}).out, positions, "[P]"));
    const std::regex position(R"("position": [0-9]+)");
    CHECK(std::regex_replace(with_key(key, sealed, {"state", name}).out, position, "P") ==
          std::regex_replace(with_key("", clear, {"state", name}).out, position, "P"));
  }
  // The same checks pass; only the head hash differs, as the logs hold pseudonyms instead of ids.
  const std::regex hash("hash [0-9a-f]{64}");
  CHECK(std::regex_replace(with_key(key, sealed, {"verify"}).out, hash, "hash H") ==
        std::regex_replace(with_key("", clear, {"verify"}).out, hash, "hash H"));

  // The log holds no applicant's id: not in a stream's name, not as an actor.
  const std::string exported = CliStore::ok(with_key(key, sealed, {"export"})).out;
  const std::vector<std::string> ids = applicant_ids(cases_clear.out);
  REQUIRE(ids.size() >= 30);
  for (const std::string& id : ids) {
    INFO(id);
    CHECK_FALSE(contains(exported, "_application/" + id + "\""));
    CHECK_FALSE(contains(exported, "\"user\":\"" + id + "\""));
    CHECK(contains(CliStore::ok(with_key("", clear, {"export"})).out, "_application/" + id + "\""));
  }
}

TEST_CASE("a master key is given to a store from its start, or never", "[pseudonyms][cli]") {
  const CliStore s("2025-09-01 09:00 Europe/Rome");
  const std::string key = (s.dir / "master-key").string();
  const std::string flow = (source_dir() / "workflows/unimi-mentoring.flow").string();
  const std::string rules = (source_dir() / "rules/unimi-2025.rules").string();
  CliStore::ok(with_key(key, s, {"publish", flow, "--rules", rules, "--edition", kEdition, "--now", s.now}));

  const CliResult no_key = with_key("", s, {"cases", kEdition});
  CHECK(no_key.exit_code == 1);
  CHECK(contains(no_key.err, "keeps personal data under a master key: set MENTORFLOW_MASTER_KEY_FILE"));
  // The key file named by the option, as by the environment variable.
  CHECK(with_key("", s, {"cases", kEdition, "--master-key", key}).exit_code == 0);
  CHECK(with_key("", s, {"cases", "--master-key=" + key, kEdition}).exit_code == 0);
  const CliResult no_file = with_key("", s, {"cases", kEdition, "--master-key"});
  CHECK(no_file.exit_code == 2);
  CHECK(contains(no_file.err, "--master-key needs the key file"));
  const CliResult other_key = with_key((s.dir / "other-key").string(), s, {"cases", kEdition});
  CHECK(other_key.exit_code == 1);
  CHECK(contains(other_key.err, "does not exist"));

  // Someone writing another person's pseudonym as their own id is refused.
  const CliResult posing = with_key(key, s, {"exec", "--as", "mentee:_saaaaaaaaaaaaaaaaaaaaaaaaaa", "--now", s.now,
                                             "unimi-2025/mentee_application/x", "apply_as_mentee", "{}"});
  CHECK(posing.exit_code == 1);
  CHECK(contains(posing.err, "cannot be a user id"));

  // A store with ids in clear and events in its log cannot be given a key afterwards.
  const CliStore in_clear("2025-09-01 09:00 Europe/Rome");
  CliStore::ok(with_key("", in_clear, {"publish", flow, "--rules", rules, "--edition", kEdition, "--now", s.now}));
  const CliResult late = with_key((in_clear.dir / "key").string(), in_clear, {"cases", kEdition});
  CHECK(late.exit_code == 1);
  CHECK(contains(late.err, "was made without a master key"));
}
