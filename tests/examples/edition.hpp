#pragma once
// What every whole-edition test needs: a scenario from examples/ run through the real CLI on a
// fresh store, the edition's cases as `mentorflow cases --long` lists them, and the check that the
// committed scenario is what its generator writes. Header-only: each NAME_test.cpp is its own
// program (tests/CMakeLists.txt).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli_store.hpp"
#include "tests/support/pdf_text.hpp"
#include "tests/support/text.hpp"

namespace mentorflow::testing::examples {

using testing::contains;
using testing::read_file;

// One line of `mentorflow cases --long`: the name, the state, and the NAME=VALUE words (a value
// may be JSON with spaces inside its brackets or quotes, e.g. a certificate listing competences).
struct Listed {
  std::string name, state;
  std::map<std::string, std::string> words;

  std::string id() const { return name.substr(name.rfind('/') + 1); }
};

inline std::map<std::string, std::string> parse_words(const std::string& rest) {
  std::map<std::string, std::string> words;
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && rest[i] == ' ') ++i;
    const std::size_t eq = rest.find('=', i);
    if (i >= rest.size() || eq == std::string::npos) break;
    std::size_t end = eq + 1;
    int depth = 0;
    bool quoted = false;
    for (; end < rest.size(); ++end) {
      const char c = rest[end];
      if (quoted) {
        if (c == '\\') ++end;
        else if (c == '"') quoted = false;
      } else if (c == '"') quoted = true;
      else if (c == '[' || c == '{') ++depth;
      else if (c == ']' || c == '}') --depth;
      else if (c == ' ' && depth == 0) break;
    }
    words[rest.substr(i, eq - i)] = rest.substr(eq + 1, end - eq - 1);
    i = end;
  }
  return words;
}

inline std::vector<Listed> parse_cases(const std::string& out) {
  std::vector<Listed> cases;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream head(line);
    Listed c;
    head >> c.name >> c.state;
    std::string rest;
    std::getline(head, rest);
    c.words = parse_words(rest);
    cases.push_back(std::move(c));
  }
  return cases;
}

inline std::map<std::string, int> count_states(const std::vector<Listed>& cases) {
  std::map<std::string, int> counts;
  for (const Listed& c : cases) ++counts[c.state];
  return counts;
}

inline std::map<std::string, std::string> state_by_id(const std::vector<Listed>& cases) {
  std::map<std::string, std::string> states;
  for (const Listed& c : cases) states[c.id()] = c.state;
  return states;
}

// A scenario of examples/, run on a fresh store. Tests keep one in a function-local static:
// Catch runs a test case again for each of its sections, which then only read the store.
struct Edition : CliStore {
  explicit Edition(const std::string& scenario_in_examples)
      : scenario((source_dir() / "examples" / scenario_in_examples).string()), run(cli({"run", scenario})) {}

  std::string scenario;
  CliResult run;

  std::vector<Listed> cases(const std::string& edition, const std::vector<std::string>& filters) const {
    std::vector<std::string> args = {"cases", edition, "--long"};
    args.insert(args.end(), filters.begin(), filters.end());
    return parse_cases(ok(cli(args)).out);
  }
};

// The certificates an edition issued, written as PDFs by `mentorflow certificates` into a fresh
// folder: the files' names, in the order the command lists them.
struct Certificates {
  TempDir dir;
  std::vector<std::string> files;

  Certificates(const Edition& e, const std::string& edition) {
    const CliResult r = e.cli({"certificates", edition, "--out", dir.path().string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      const std::string file = line.substr(0, line.find(' '));
      if (file.ends_with(".pdf")) files.push_back(file);  // the last line counts them
    }
  }

  // `file` was written, and pdftotext reads each of `texts` in it (not checked, with a warning,
  // when pdftotext is missing).
  void check(const std::string& file, const std::vector<std::string>& texts) const {
    INFO(file);
    REQUIRE(std::count(files.begin(), files.end(), file) == 1);
    if (std::system("pdftotext -v > /dev/null 2>&1") != 0) {
      WARN("pdftotext (poppler-utils) is not installed: the PDF's text is not checked");
      return;
    }
    const std::string text = pdf_text(dir / file);
    for (const std::string& t : texts) CHECK(contains(text, t));
  }
};

// `mentorflow verify` passes: the hash chain, every recorded decision, every matching run.
inline void check_verified(const Edition& e, int decisions, const std::string& matching_runs = "") {
  const CliResult r = e.cli({"verify"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "re-evaluated " + std::to_string(decisions) +
                            " decisions: each gives the outcome and state recorded"));
  if (!matching_runs.empty()) CHECK(contains(r.out, "re-ran " + matching_runs + ": each gives the matches recorded"));
}

// The summary `mentorflow run` ends with, as the test expects it.
struct RunCounts {
  int lines, accepted, refused, timers, ticks, decisions;
};

inline void check_run(const CliResult& run, const RunCounts& n) {
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(contains(run.out, std::to_string(n.lines) + " of " + std::to_string(n.lines) + " lines run"));
  const auto row = [](const char* what, int value) {
    std::string text = what;
    const std::string number = std::to_string(value);
    return text + std::string(29 - text.size() - number.size(), ' ') + number;
  };
  CHECK(contains(run.out, row("  commands accepted", n.accepted)));
  CHECK(contains(run.out, row("  refused as expected", n.refused)));
  CHECK(contains(run.out, row("  unexpected", 0)));
  CHECK(contains(run.out, row("  timers fired", n.timers) + "  (" + std::to_string(n.ticks) + " tick"));
  CHECK(contains(run.out, row("  decisions taken", n.decisions)));
  CHECK(run.err.empty());
}

// A script of examples/ (`main-job.sh`, `mie-2021/run.sh`) run with the built CLI and one
// argument, its folder for the store; what it printed.
struct ScriptRun {
  int status = -1;
  std::string out, err;
};

inline ScriptRun run_script(const std::string& in_examples, const std::filesystem::path& folder) {
  TempDir dir;
  const auto out = dir / "out", err = dir / "err";
  const std::string command = "MENTORFLOW='" + cli_path().string() + "' bash '" +
                              (source_dir() / "examples" / in_examples).string() + "' '" + folder.string() + "' > '" +
                              out.string() + "' 2> '" + err.string() + "'";
  const int status = std::system(command.c_str());
  return {status, read_file(out), read_file(err)};
}

// The committed scenario (and any file written beside it, such as a CSV export) must be what its
// generator writes (skipped without python3).
inline void check_generated(const std::string& folder) {
  if (std::system("python3 --version > /dev/null 2>&1") != 0) {
    WARN("python3 is not installed: the generator is not compared");
    return;
  }
  TempDir dir;
  const auto examples = source_dir() / "examples" / folder;
  const std::string command =
      "python3 '" + (examples / "generate.py").string() + "' '" + (dir / "scenario.jsonl").string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    INFO(entry.path().filename());
    CHECK(read_file(entry.path()) == read_file(examples / entry.path().filename()));
  }
}

}  // namespace mentorflow::testing::examples
