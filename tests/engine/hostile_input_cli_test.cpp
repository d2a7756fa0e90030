// Hostile and malformed input through the real CLI (issue 13): JSON nested 60,000 deep, numbers
// beyond 64 bits, keys given twice, bytes that are not UTF-8, control characters in user names
// and free text, names and texts past their limits, a mistyped --store. Each is one sentence and
// exit 1, and the store is as it was.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::CliStore;
using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;

namespace {

const std::string kLyon = "mie-2021/project/lyon";

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// The offer_project inputs as JSON text, with `extra` added inside the object.
std::string offer(const std::string& host, const std::string& extra = "") {
  return R"({"host": )" + nlohmann::json(host).dump() + R"(, "country": "France", "sector": "film", "language": "french")" +
         extra + "}";
}

struct Mie : CliStore {
  Mie() : CliStore("2021-09-20 10:00 Europe/Rome") {
    ok(cli({"publish", (source_dir() / "workflows/mie.flow").string(), "--rules",
            (source_dir() / "rules/mie-2021.rules").string(), "--edition", "mie-2021", "--now",
            "2021-09-01 09:00 Europe/Rome"}));
  }
  CliResult exec_text(const std::string& as, const std::string& case_name, const std::string& command,
                      const std::string& json) const {
    return cli({"exec", "--as", as, "--now", now, case_name, command, json});
  }
  std::string log() const { return ok(cli({"export"})).out; }
};

// Refused with exactly `message`, exit 1, nothing written.
void refused(const Mie& mie, const CliResult& r, const std::string& message, const std::string& log_before) {
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mentorflow: " + message + "\n");
  CHECK(mie.log() == log_before);
}

}  // namespace

TEST_CASE("exec refuses inputs that are not plain JSON, naming what is wrong", "[engine][cli]") {
  Mie mie;
  const std::string before = mie.log();
  const auto inputs = [&](const std::string& json) { return mie.exec_text("mentor:marco", kLyon, "offer_project", json); };
  refused(mie, inputs(offer("Lumière", R"(, "x": )" + nested(60'000))),
          "the inputs: arrays and objects nested more than 64 deep", before);
  refused(mie, inputs(offer("Lumière", R"(, "x": 18446744073709551616)")),
          "the inputs: an integer beyond the 64-bit range: 18446744073709551616", before);
  refused(mie, inputs(offer("Lumière", R"(, "year": 1e400)")),
          "the inputs: a number beyond the range of a double: 1e400", before);
  refused(mie, inputs(offer("Lumière", R"(, "host": "Other")")), "the inputs: a duplicate key 'host' in one object",
          before);
  const CliResult latin1 = inputs("{\"host\": \"Lumi\xe8" "re\"}");
  CHECK(latin1.exit_code == 1);
  CHECK(latin1.err.rfind("mentorflow: the inputs: not valid UTF-8 (at byte ", 0) == 0);
  CHECK(mie.log() == before);
}

TEST_CASE("a scenario line and an import line nested 60,000 deep are malformed, not a crash", "[engine][cli]") {
  Mie mie;
  const std::string before = mie.log();
  const auto scenario = mie.dir / "deep.jsonl";
  std::ofstream(scenario) << R"({"now": "2021-09-20 10:00 Europe/Rome", "tick": true, "x": )" << nested(60'000) << "}\n";
  auto r = mie.cli({"run", scenario.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(scenario.string() + ":1: malformed: arrays and objects nested more than 64 deep") !=
        std::string::npos);
  CHECK(mie.log() == before);

  r = run_cli({"import", "--store", (mie.dir / "imported").string()}, nested(60'000) + "\n");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "mentorflow: line 1: arrays and objects nested more than 64 deep\n");
  CHECK(!std::filesystem::exists(mie.dir / "imported"));
}

TEST_CASE("user names with control characters or past 64 characters are refused", "[engine][cli]") {
  Mie mie;
  const std::string before = mie.log();
  refused(mie, mie.exec_text("mentor:car\nla x", kLyon, "offer_project", offer("Lumière")),
          "the user name 'car\\nla x' holds a control character: names are printable", before);
  refused(mie, mie.exec_text("mentor:\x1b[2Jmarco", kLyon, "offer_project", offer("Lumière")),
          "the user name '\\x1b[2Jmarco' holds a control character: names are printable", before);
  refused(mie, mie.exec_text("mentor:" + std::string(65, 'm'), kLyon, "offer_project", offer("Lumière")),
          "the user name 'mmmmmmmmmmmmmmmmmmmm...' is 65 characters long: the limit is 64", before);
  CliStore::ok(mie.exec_text("mentor:" + std::string(64, 'm'), kLyon, "offer_project", offer("Lumière")));
}

TEST_CASE("an int input beyond the signed 64-bit range is refused naming it, not wrapped", "[engine][cli]") {
  Mie mie;
  CliStore::ok(mie.exec_text("mentor:marco", kLyon, "offer_project", offer("Lumière")));
  CliStore::ok(mie.exec_text("staff:carla", kLyon, "publish_project", "{}"));
  CliStore::ok(mie.exec_text("student:anna", "mie-2021/application/anna", "start_application",
                             R"({"project": "mie-2021/project/lyon"})"));
  const std::string before = mie.log();
  refused(mie,
          mie.exec_text("student:anna", "mie-2021/application/anna", "submit",
                        R"({"degree": "bachelor", "year": 18446744073709551615, "certificate_language": "french",)"
                        R"( "certified_level": "B2"})"),
          "submit on mie-2021/application/anna: input 'year' of command 'submit': expected an int of at most "
          "9223372036854775807, found 18446744073709551615",
          before);
}

TEST_CASE("free text past 10,000 characters is refused, and control characters in it are shown escaped",
          "[engine][cli]") {
  Mie mie;
  const std::string before = mie.log();
  refused(mie, mie.exec_text("mentor:marco", kLyon, "offer_project", offer(std::string(100'000, 'x'))),
          "offer_project on mie-2021/project/lyon: input 'host' of command 'offer_project' holds a text of 100000 "
          "characters: the limit is 10000",
          before);
  CliStore::ok(mie.exec_text("mentor:marco", kLyon, "offer_project", offer(std::string(10'000, 'x'))));

  CliStore::ok(mie.exec_text("mentor:marco", "mie-2021/project/rome", "offer_project",
                             offer("\x1b[31mInstitut\nLumière\x1b[0m")));
  const CliResult text = CliStore::ok(mie.cli({"history", "mie-2021/project/rome"}));
  CHECK(text.out.find('\x1b') == std::string::npos);
  CHECK(text.out.find("Institut\nLumière") == std::string::npos);
  // JSON output keeps the text exact.
  const auto json = nlohmann::json::parse(CliStore::ok(mie.cli({"history", "--json", "mie-2021/project/rome"})).out);
  CHECK(json.at(0).at("inputs").at("host") == "\x1b[31mInstitut\nLumière\x1b[0m");
}

TEST_CASE("only publish, import, run and serve create a store: others name the missing one", "[engine][cli]") {
  Mie mie;
  const std::string missing = (mie.dir / "stroe").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"exec", "--as", "mentor:marco", "--now", mie.now, kLyon, "offer_project",
                                 offer("Lumière")},
        std::vector<std::string>{"state", kLyon}, std::vector<std::string>{"history", kLyon},
        std::vector<std::string>{"tick", "--now", mie.now}, std::vector<std::string>{"cases", "mie-2021"}}) {
    const CliResult r = mie.cli(args, missing);
    INFO(args[0] << ": " << r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "mentorflow: store " + missing + " does not exist\n");
    CHECK(!std::filesystem::exists(missing));
  }
}

TEST_CASE("a command dated (--now) before the store's last event is refused with both times, nothing written", "[engine][cli]") {
  Mie mie;  // published at 2021-09-01 09:00 Europe/Rome (07:00 UTC)
  const std::string before = mie.log();
  const CliResult r = mie.cli({"exec", "--as", "mentor:marco", "--now", "1969-12-31 23:00 Europe/Rome", kLyon,
                               "offer_project", offer("Lumière")});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("--now 1969-12-31T22:00:00") != std::string::npos);
  CHECK(r.err.find("is before the time of the store's last event (2021-09-01T07:00:00") != std::string::npos);
  CHECK(r.err.find("the log's time never goes back") != std::string::npos);
  CHECK(mie.log() == before);
  // the same time as the last event, and any later, are fine
  CliStore::ok(mie.exec_text("mentor:marco", kLyon, "offer_project", offer("Lumière")));
}

TEST_CASE("a --now the clocks skip or repeat is refused with the reason, nothing written", "[engine][cli]") {
  Mie mie;
  const std::string before = mie.log();
  const auto at = [&](const std::string& now) {
    return mie.cli({"exec", "--as", "mentor:marco", "--now", now, kLyon, "offer_project", offer("Lumière")});
  };
  const CliResult gap = at("2022-03-27 02:30 Europe/Rome");
  INFO(gap.out << gap.err);
  CHECK(gap.exit_code == 2);  // a usage error, as any unreadable --now
  CHECK(gap.err.find("--now: 2022-03-27 02:30 does not exist in Europe/Rome: the clocks go forward from 02:00 to 03:00") !=
        std::string::npos);
  CHECK(mie.log() == before);
  const CliResult twice = at("2021-10-31 02:30 Europe/Rome");
  INFO(twice.err);
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("happens twice in Europe/Rome (the clocks go back from 03:00 to 02:00 that night): give its offset") !=
        std::string::npos);
  CHECK(mie.log() == before);
  // With its offset, the second 02:30 is one instant.
  CliStore::ok(at("2021-10-31T02:30:00+01:00[Europe/Rome]"));
}
