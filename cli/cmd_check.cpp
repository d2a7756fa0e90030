// mentorflow check: parse and check designer files, printing every diagnostic.
#include <fmt/core.h>

#include <cstdio>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "dsl/compile/check_files.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow check FILE_OR_DIR...\n"
    "\n"
    "Parses and checks workflow (.flow) and rules (.rules) files. A directory stands for every\n"
    ".flow and .rules file under it, in path order. A rules file is checked against the workflow\n"
    "it names: one of the given files, or else ../workflows/NAME.flow beside the rules file's\n"
    "folder. Every problem of every file is reported on standard error, compiler style\n"
    "(file:line:col, the line, a caret, notes), then a count; each file that checks clean gets\n"
    "one line on standard output. The language: docs/LANGUAGE.md.\n"
    "\n"
    "exit status: 0 no errors (warnings allowed), 1 errors, 2 usage\n"
    "\n"
    "example:\n"
    "  mentorflow check workflows/ rules/\n";

int run_check(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{}, error);
  if (!args) return usage_error("check", error);
  if (args->positionals().empty()) return usage_error("check", "name at least one file or directory");
  auto files = dsl::expand_paths(args->positionals(), error);
  if (!files) {
    fmt::print(stderr, "mentorflow: {}\n", error);
    return kExitUsage;
  }
  const dsl::CheckRun run = dsl::CheckRun::check(*files);
  for (const dsl::FileResult& f : run.files())
    if (f.ok) fmt::print("{}: ok, {}\n", f.path, f.summary);
  std::fflush(stdout);
  const std::string summary = dsl::summary_line(run.diagnostics());
  fmt::print(stderr, "{}", dsl::render(run.diagnostics()));
  if (!summary.empty()) fmt::print(stderr, "{}\n", summary);
  return run.ok() ? kExitOk : kExitRefused;
}

const Registration registration({"check", "parse and check workflow and rules files", kHelp, run_check});

}  // namespace
}  // namespace mentorflow::cli
