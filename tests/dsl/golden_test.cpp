// The golden runner: every tests/golden/**/NAME.flow and NAME.rules is checked by the real CLI,
// `mentorflow check tests/golden/DIR/NAME.ext` run from the source tree, and what it prints on
// standard error must be exactly NAME.expect (empty for a file that checks clean); the exit status
// must be 1 exactly when an error is expected. Conventions: tests/golden/README.md.
//
// MENTORFLOW_UPDATE_GOLDEN=1 rewrites the .expect files of tests/golden/check and
// tests/golden/workflows from the current output (never those of tests/golden/syntax, which the
// parser's own tests own): review the diff before committing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/dsl/dsl_fixture.hpp"
#include "tests/support/run_cli.hpp"

namespace {

namespace fs = std::filesystem;
using mentorflow::testing::run_cli;
using mentorflow::dsl::testing::slurp;
using mentorflow::testing::source_dir;

std::vector<std::string> golden_inputs() {
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator("tests/golden")) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && (p.extension() == ".flow" || p.extension() == ".rules")) out.push_back(p.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("every golden input prints exactly its .expect", "[dsl]") {
  fs::current_path(source_dir());  // so the CLI prints paths as tests/golden/DIR/NAME.ext
  const bool update = std::getenv("MENTORFLOW_UPDATE_GOLDEN") != nullptr;
  const std::vector<std::string> inputs = golden_inputs();
  REQUIRE(inputs.size() > 100);  // the syntax and check folders are both there
  for (const std::string& input : inputs) {
    const fs::path expect_path = fs::path(input).replace_extension(".expect");
    const auto result = run_cli({"check", input});
    INFO("mentorflow check " << input);
    if (update && input.rfind("tests/golden/syntax/", 0) != 0) {
      std::ofstream(expect_path, std::ios::binary) << result.err;
      continue;
    }
    if (!fs::exists(expect_path)) {
      FAIL_CHECK("missing " << expect_path.string());
      continue;
    }
    const std::string expected = slurp(expect_path);
    CHECK(result.err == expected);
    const bool errors = expected.find(": error: ") != std::string::npos;
    CHECK(result.exit_code == (errors ? 1 : 0));
    CHECK((result.out.empty() == errors));  // a clean file gets its "ok" line on stdout
  }
}

TEST_CASE("every .expect has its input", "[dsl]") {
  fs::current_path(source_dir());
  for (const auto& entry : fs::recursive_directory_iterator("tests/golden")) {
    if (entry.path().extension() != ".expect") continue;
    fs::path flow = entry.path(), rules = entry.path();
    flow.replace_extension(".flow");
    rules.replace_extension(".rules");
    INFO(entry.path().string());
    CHECK((fs::exists(flow) || fs::exists(rules)));
  }
}
