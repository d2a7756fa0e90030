#pragma once
// A store in a temporary directory, driven through the real CLI as a programme's staff would: the
// start of every test of the CLI on a store (tests/engine, tests/matching, tests/examples). Catch2
// assertions, so for test programs only.
#include <catch2/catch.hpp>

#include <fstream>
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
  std::string now;  // every exec's --now, unless the call names another

  explicit CliStore(std::string now_ = "") : now(std::move(now_)) {}

  // `mentorflow COMMAND --store STORE ARGS...` (on the store at `at` when given), with `stdin_text`
  // on its standard input.
  CliResult cli(std::vector<std::string> args, const std::string& at = "", const std::string& stdin_text = "") const {
    args.insert(args.begin() + 1, {"--store", at.empty() ? store : at});
    return run_cli(args, stdin_text);
  }
  // `mentorflow exec --as AS --now NOW CASE COMMAND INPUTS`, `when` instead of `now` when given.
  CliResult exec(const std::string& as, const std::string& case_name, const std::string& command,
                 const nlohmann::json& inputs = nlohmann::json::object(), const std::string& when = "") const {
    return exec_text(as, case_name, command, inputs.is_null() ? "{}" : inputs.dump(), when);  // `{}` is null in a brace list
  }
  // The same with the inputs as JSON text, as a user types them.
  CliResult exec_text(const std::string& as, const std::string& case_name, const std::string& command,
                      const std::string& inputs = "{}", const std::string& when = "") const {
    return cli({"exec", "--as", as, "--now", when.empty() ? now : when, case_name, command, inputs});
  }
  // Writes a workflow and its rules to NAME.flow and NAME.rules in the directory and publishes them
  // as `edition` at `now`: the start of a test of a workflow of its own.
  void publish(const std::string& name, const std::string& flow, const std::string& rules,
               const std::string& edition) const {
    std::ofstream(dir / (name + ".flow")) << flow;
    std::ofstream(dir / (name + ".rules")) << rules;
    ok(cli({"publish", (dir / (name + ".flow")).string(), "--rules", (dir / (name + ".rules")).string(), "--edition",
            edition, "--now", now}));
  }
  // `mentorflow state CASE`, parsed; the CLI must answer.
  nlohmann::json state(const std::string& case_name) const { return nlohmann::json::parse(ok(cli({"state", case_name})).out); }
  // Requires success, showing what the CLI said when it failed.
  static CliResult ok(const CliResult& r) {
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return r;
  }
};

}  // namespace mentorflow::testing
