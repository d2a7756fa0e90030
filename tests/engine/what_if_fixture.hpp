#pragma once
// The what-if tests' stores: a whole edition of examples/ run through the real CLI (`mentorflow
// run`), then `what-if` with a rules file of tests/engine/what_if_rules/ (a shipped rules file with
// one change) or a shipped one.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/cli_store.hpp"
#include "tests/support/text.hpp"

namespace mentorflow::testing {

struct ExampleStore : CliStore {
  explicit ExampleStore(const std::string& scenario_in_examples) {
    ok(cli({"run", (source_dir() / "examples" / scenario_in_examples).string()}));
  }

  // `mentorflow what-if` on `edition` with `rules`; it must succeed.
  std::string what_if(const std::string& edition, const std::string& rules) const {
    return ok(cli({"what-if", "--edition", edition, "--rules", rules})).out;
  }
};

// tests/engine/what_if_rules/NAME.rules, rules/NAME.rules.
inline std::string variant_rules(const std::string& name) {
  return (source_dir() / "tests/engine/what_if_rules" / (name + ".rules")).string();
}
inline std::string shipped_rules(const std::string& name) { return (source_dir() / "rules" / (name + ".rules")).string(); }

// The MIE 2021 and UniMi 2025 editions, each run once per test program (Catch runs a test case
// again for each section; the tests only read the store).
inline const ExampleStore& mie_2021() {
  static const ExampleStore store("mie-2021/scenario.jsonl");
  return store;
}
inline const ExampleStore& unimi_2025() {
  static const ExampleStore store("unimi-2025/scenario.jsonl");
  return store;
}

}  // namespace mentorflow::testing
