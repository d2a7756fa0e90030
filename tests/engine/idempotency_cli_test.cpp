// Retries are safe, through the real CLI (issue 13): `exec --key` applies a command once and
// prints the first outcome when it comes again; another command with the key is refused; keys
// travel with export and import.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::contains;
using mentorflow::testing::source_dir;

namespace {

const std::string kAnna = "mie-2021/application/anna";

const nlohmann::json kSubmit = {{"degree", "bachelor"},
                                {"year", 2},
                                {"certificate_language", "french"},
                                {"certified_level", "B2"},
                                {"cv", {{"it", "a.pdf"}, {"foreign", "b.pdf"}}},
                                {"letter", {{"it", "c.pdf"}, {"foreign", "d.pdf"}}},
                                {"certificate", "e.pdf"}};

// MIE 2021 published, a project open, anna's application started.
struct Mie : CliStore {
  Mie() : CliStore("2021-09-20 10:00 Europe/Rome") {
    ok(cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
            (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now",
            "2021-09-01 09:00 Europe/Rome"}));
    ok(exec("mentor:marco", "mie-2021/project/lyon", "offer_project",
            {{"host", "IL"}, {"country", "France"}, {"sector", "film"}, {"language", "french"}}));
    ok(exec("staff:carla", "mie-2021/project/lyon", "publish_project"));
    ok(exec("student:anna", kAnna, "start_application", {{"project", "mie-2021/project/lyon"}}));
  }
  CliResult submit(const std::string& key, const nlohmann::json& inputs = kSubmit) const {
    return cli({"exec", "--as", "student:anna", "--now", now, "--key", key, kAnna, "submit", inputs.dump()});
  }
  std::string log() const { return ok(cli({"export"})).out; }
};

}  // namespace

TEST_CASE("exec --key: the same command again prints its first outcome and writes nothing", "[engine][cli]") {
  Mie mie;
  const CliResult first = mie.submit("anna-submit");
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(contains(first.out, "mie-2021/application/anna: submit accepted, now 'submitted' (positions "));
  const std::string log = mie.log();

  const CliResult again = mie.submit("anna-submit");
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  const std::string positions = first.out.substr(first.out.find("(positions "), first.out.find(')') - first.out.find("(positions ") + 1);
  CHECK(contains(again.out, "mie-2021/application/anna: submit was already recorded with key 'anna-submit' " + positions +
                                ", leaving it 'submitted'; nothing was written"));
  // The decisions are told as the first time.
  CHECK(again.out.substr(again.out.find('\n')) == first.out.substr(first.out.find('\n')));
  CHECK(mie.log() == log);
}

TEST_CASE("exec --key: another command with a recorded key is refused naming the key, exit 1", "[engine][cli]") {
  Mie mie;
  CliStore::ok(mie.submit("k"));
  const std::string log = mie.log();
  nlohmann::json other = kSubmit;
  other["year"] = 3;
  const CliResult r = mie.submit("k", other);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "mentorflow: idempotency key 'k' on mie-2021/application/anna was recorded at position "));
  CHECK(contains(r.err, "for another command: it was first used for submit with other inputs"));
  CHECK(mie.log() == log);

  const CliResult bad = mie.submit("two\x01words");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err == "mentorflow: an idempotency key is printable ASCII (space to '~'); character 4 is byte 0x01\n");
  CHECK(mie.submit(std::string(201, 'x')).exit_code == 1);
  CHECK(mie.log() == log);
}

TEST_CASE("keys travel with the log: after export and import the same key finds the first outcome", "[engine][cli]") {
  Mie mie;
  CliStore::ok(mie.submit("anna-submit"));
  const std::string log = mie.log();
  CliStore copy("2021-09-20 10:00 Europe/Rome");
  CliStore::ok(copy.cli({"import"}, "", log));
  const CliResult again = copy.cli({"exec", "--as", "student:anna", "--now", copy.now, "--key", "anna-submit", kAnna,
                                    "submit", kSubmit.dump()});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(contains(again.out, "already recorded with key 'anna-submit'"));
  CHECK(copy.ok(copy.cli({"export"})).out == log);
}
