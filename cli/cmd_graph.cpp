// mentorflow graph: a workflow's state machines as Graphviz dot.
#include <fmt/core.h>

#include <cstdio>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "dsl/compile/graph.hpp"
#include "dsl/parse/diagnostic.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow graph WORKFLOW.flow > states.dot\n"
    "\n"
    "Checks a workflow and writes its state machines as Graphviz dot on standard output: one box\n"
    "per case type or cohort, the initial state in bold, final states with a double border, each\n"
    "command an arrow labelled with its name and roles (a decision: a solid arrow where its\n"
    "condition holds, a dashed one where it does not; a command that keeps the state: a dotted\n"
    "loop). Render it with `dot -Tsvg states.dot > states.svg`.\n"
    "\n"
    "exit status: 0 drawn, 1 the workflow has errors (reported as `mentorflow check` does), 2 usage\n";

int run_graph(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{}, error);
  if (!args) return usage_error("graph", error);
  if (args->positionals().size() != 1) return usage_error("graph", "name exactly one workflow file");
  const std::string& path = args->positionals().front();
  auto file = dsl::SourceFile::load(path, error);
  if (!file) {
    fmt::print(stderr, "mentorflow: {}\n", error);
    return kExitUsage;
  }
  dsl::Diagnostics diagnostics;
  bool is_rules = false;
  auto dot = dsl::workflow_dot(*file, diagnostics, is_rules);
  if (is_rules) {
    fmt::print(stderr, "mentorflow: {} is a rules file; graph draws a workflow (.flow)\n", path);
    return kExitUsage;
  }
  fmt::print(stderr, "{}", dsl::render(diagnostics));
  if (!dot) {
    fmt::print(stderr, "{}\n", dsl::summary_line(diagnostics));
    return kExitRefused;
  }
  fmt::print("{}", *dot);
  return kExitOk;
}

const Registration registration({"graph", "draw a workflow's states and commands as Graphviz dot", kHelp, run_graph});

}  // namespace
}  // namespace mentorflow::cli
