#pragma once
// Runs the real `mentorflow` executable, as a user would, and captures what it says.
#include <filesystem>
#include <string>
#include <vector>

namespace mentorflow::testing {

struct CliResult {
  int exit_code = -1;  // the process's exit status; 128+N when killed by signal N
  std::string out;     // everything written to stdout
  std::string err;     // everything written to stderr
};

// Runs `mentorflow args...` with `stdin_text` on its standard input. Never throws for a failing
// command: the exit code and streams are the result.
CliResult run_cli(const std::vector<std::string>& args, const std::string& stdin_text = "");

// The path of the built executable and of the source tree (for shipped workflows and examples).
std::filesystem::path cli_path();
std::filesystem::path source_dir();

}  // namespace mentorflow::testing
