#pragma once
// A store in a temporary directory, driven through the real CLI as a programme's staff would: the
// start of every matching test (tests/matching/). Catch2 assertions, so for test programs only.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

namespace mentorflow::testing {

struct CliStore {
  TempDir dir;
  std::string store = (dir / "store").string();
  std::string now;  // every exec's --now

  explicit CliStore(std::string now_) : now(std::move(now_)) {}

  // `mentorflow COMMAND --store STORE ARGS...` (on the store at `at` when given).
  CliResult cli(std::vector<std::string> args, const std::string& at = "") const {
    args.insert(args.begin() + 1, {"--store", at.empty() ? store : at});
    return run_cli(args);
  }
  CliResult exec(const std::string& as, const std::string& case_name, const std::string& command,
                 const nlohmann::json& inputs = nlohmann::json::object()) const {
    return cli({"exec", "--as", as, "--now", now, case_name, command, inputs.dump()});
  }
  // Requires success, showing what the CLI said when it failed.
  static CliResult ok(const CliResult& r) {
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }
};

}  // namespace mentorflow::testing
