// A parameter whose default is computed from other parameters uses the edition's values (issue 14,
// item 1): `closes = starts - lead` with `starts` set by the rules file closes two weeks before
// the edition's start, not before the workflow's default start (or the epoch).
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

using mentorflow::testing::CliResult;
using mentorflow::testing::run_cli;
using mentorflow::testing::TempDir;

namespace {

constexpr const char* kFlow = R"(workflow intake "Defaults from the edition" {
  participants student
  staff staff
  param starts: datetime = 2020-01-01 09:00 Europe/Rome
  param lead: duration = 2weeks
  param closes: datetime = starts - lead
  case application {
    party student: student
    state open initial, done final
    command apply by student
      requires now <= closes else "applications closed on {closes}"
    command finish by staff from open to done
  }
  cohort call {
    state open initial, closed final
    command close by system from open to closed
    timer shut at closes do close
  }
}
)";

struct Edition {
  TempDir dir;
  std::string store = (dir / "store").string();

  explicit Edition(const std::string& rules) {
    std::ofstream(dir / "intake.flow") << kFlow;
    std::ofstream(dir / "intake.rules") << "rules for intake edition \"2026\" {\n  zone Europe/Rome\n" << rules << "}\n";
    auto published = cli({"publish", (dir / "intake.flow").string(), "--rules", (dir / "intake.rules").string(),
                          "--edition", "i", "--now", "2026-01-10 10:00 Europe/Rome"});
    INFO(published.out << published.err);
    REQUIRE(published.exit_code == 0);
  }
  CliResult cli(std::vector<std::string> args) const {
    args.insert(args.begin() + 1, {"--store", store});
    return run_cli(args);
  }
  CliResult apply(const std::string& who, const std::string& when) const {
    return cli({"exec", "--as", "student:" + who, "--now", when, "i/application/" + who, "apply"});
  }
};

}  // namespace

TEST_CASE("a default computed from a parameter uses the value the rules file sets", "[engine][cli]") {
  Edition edition("  set starts = 2026-03-01 09:00 Europe/Rome\n");
  // The cohort's `at` timer is due at the computed date: not a minute before (the log's time
  // never goes back, so this comes first).
  const CliResult early = edition.cli({"tick", "--now", "2026-02-15 08:59 Europe/Rome"});
  CHECK(early.out.find("0 timers fired") != std::string::npos);
  CHECK(edition.apply("anna", "2026-02-15 09:00 Europe/Rome").exit_code == 0);
  const CliResult late = edition.apply("bruno", "2026-02-15 09:01 Europe/Rome");
  INFO(late.out << late.err);
  CHECK(late.exit_code != 0);
  CHECK(late.err.find("applications closed on 2026-02-15 09:00 Europe/Rome") != std::string::npos);

  const CliResult due = edition.cli({"tick", "--now", "2026-02-15 09:00 Europe/Rome"});
  INFO(due.out << due.err);
  CHECK(due.out.find("1 timer fired") != std::string::npos);
}

TEST_CASE("a default computed from parameters uses every value the rules file sets, in any order",
          "[engine][cli]") {
  Edition edition("  set lead = 1week\n  set starts = 2026-03-01 09:00 Europe/Rome\n");
  CHECK(edition.apply("anna", "2026-02-22 09:00 Europe/Rome").exit_code == 0);
  const CliResult late = edition.apply("bruno", "2026-02-22 09:01 Europe/Rome");
  INFO(late.out << late.err);
  CHECK(late.err.find("applications closed on 2026-02-22 09:00 Europe/Rome") != std::string::npos);
}
