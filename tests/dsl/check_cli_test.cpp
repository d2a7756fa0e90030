// mentorflow check as a user runs it: directories, the workflow a rules file names, what goes to
// standard output and standard error, and the exit status (0 clean or warnings only, 1 errors,
// 2 usage).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/text.hpp"

namespace {

using mentorflow::testing::run_cli;
using mentorflow::testing::source_dir;
using mentorflow::testing::TempDir;
using mentorflow::testing::contains;
namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

const char* kWorkflow = R"(workflow tiny "Tiny" {
  participants student
  staff staff
  param limit: int
  rule ok(a: application): bool
  case application {
    party student: student
    field year: int
    state draft initial, done final
    command apply by student
      fills year
    command finish by staff from draft to done
      requires ok(this) else "not ok"
  }
}
)";

}  // namespace

TEST_CASE("check finds a rules file's workflow beside its folder and prints one line per clean file", "[dsl]") {
  TempDir dir;
  write(dir / "workflows/tiny.flow", kWorkflow);
  write(dir / "rules/tiny-1.rules", "rules for tiny edition \"1\" {\n  set limit = 3\n  rule ok(a: application): bool = a.year <= limit\n}\n");
  const auto one = run_cli({"check", (dir / "rules/tiny-1.rules").string()});
  CHECK(one.exit_code == 0);
  CHECK(one.err.empty());
  CHECK(contains(one.out, "rules/tiny-1.rules: ok, edition \"1\" of tiny, definition "));
  // Directories: every .flow and .rules under them, in path order.
  const auto all = run_cli({"check", (dir / "workflows").string(), (dir / "rules").string()});
  CHECK(all.exit_code == 0);
  CHECK(all.out.find("workflows/tiny.flow: ok, workflow tiny (1 case type)") < all.out.find("rules/tiny-1.rules: ok"));
}

TEST_CASE("check reports every error of every file, then a count, and exits 1", "[dsl]") {
  TempDir dir;
  write(dir / "workflows/tiny.flow", kWorkflow);
  write(dir / "rules/tiny-1.rules", "rules for tiny edition \"1\" {\n  set limit = \"three\"\n}\n");
  const auto r = run_cli({"check", (dir / "rules").string()});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(contains(r.err, "tiny-1.rules:2:15: error: parameter 'limit' is int, cannot set it to text\n"));
  CHECK(contains(r.err, "tiny-1.rules:1:11: error: rule 'ok' has no body in the workflow and is not defined here\n"));
  CHECK(r.err.substr(r.err.size() - 9) == "2 errors\n");
}

TEST_CASE("warnings alone still check clean", "[dsl]") {
  const auto r = run_cli({"check", (source_dir() / "tests/golden/check/uncovered.flow").string()});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.err, "warning: table 'credits' does not cover every input"));
  CHECK(contains(r.err, "1 warning\n"));
  CHECK(contains(r.out, "uncovered.flow: ok"));
}

TEST_CASE("check's usage mistakes exit 2 with one sentence", "[dsl]") {
  TempDir dir;
  fs::create_directories(dir / "empty");
  const auto none = run_cli({"check"});
  CHECK(none.exit_code == 2);
  CHECK(none.err == "mentorflow: check: name at least one file or directory (see mentorflow check --help)\n");
  const auto missing = run_cli({"check", "/no/such/dir"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "mentorflow: cannot read /no/such/dir\n");
  const auto empty = run_cli({"check", (dir / "empty").string()});
  CHECK(empty.exit_code == 2);
  CHECK(empty.err == "mentorflow: no .flow or .rules files in " + (dir / "empty").string() + "\n");
  const auto option = run_cli({"check", "--frobnicate"});
  CHECK(option.exit_code == 2);
  CHECK(option.err == "mentorflow: check: unknown option --frobnicate (see mentorflow check --help)\n");
  const auto help = run_cli({"check", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "usage: mentorflow check FILE_OR_DIR..."));
}

TEST_CASE("the shipped programmes check clean", "[dsl]") {
  const auto r = run_cli({"check", (source_dir() / "workflows").string(), (source_dir() / "rules").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(contains(r.err, "error"));
}
