// mentorflow graph: dot that Graphviz renders, with the initial state bold, final states
// double-bordered, commands labelled with their roles, decisions as a solid and a dashed edge,
// creation from a start point; errors and usage mistakes with the usual exit codes.
#include <catch2/catch.hpp>

#include <cstdlib>
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

}  // namespace

TEST_CASE("graph draws states and commands as dot", "[dsl]") {
  const auto r = run_cli({"graph", (source_dir() / "tests/golden/workflows/base.flow").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const std::string& dot = r.out;
  CHECK(dot.rfind("digraph \"base\" {", 0) == 0);
  CHECK(contains(dot, "subgraph \"cluster_application\""));
  CHECK(contains(dot, "\"application/draft\" [label=\"draft\", style=\"rounded,bold\", penwidth=2];"));
  CHECK(contains(dot, "\"application/done\" [label=\"done\", peripheries=2];"));
  CHECK(contains(dot, "\"application/(start)\" -> \"application/draft\" [label=\"apply\\n(student)\"];"));
  CHECK(contains(dot, "\"application/draft\" -> \"application/submitted\" [label=\"submit\\n(student)\\n[eligible(this)]\"];"));
  CHECK(contains(dot, "\"application/draft\" -> \"application/rejected\" [label=\"submit\\n(student)\\n[not eligible(this)]\", style=dashed];"));
  CHECK(contains(dot, "\"application/submitted\" -> \"application/done\" [label=\"finish\\n(staff)\"];"));
}

TEST_CASE("graph output renders with Graphviz", "[dsl]") {
  if (std::system("command -v dot > /dev/null 2>&1") != 0) {
    WARN("Graphviz `dot` is not installed (scripts/install-deps.sh installs it): rendering not tested");
    return;
  }
  TempDir dir;
  for (const char* workflow : {"workflows/mie.flow", "workflows/unimi-mentoring.flow", "tests/golden/workflows/base.flow"}) {
    INFO(workflow);
    const auto r = run_cli({"graph", (source_dir() / workflow).string()});
    REQUIRE(r.exit_code == 0);
    const auto dot_file = dir / "states.dot", svg = dir / "states.svg";
    std::ofstream(dot_file) << r.out;
    const std::string command = "dot -Tsvg " + dot_file.string() + " -o " + svg.string() + " 2>&1";
    CHECK(std::system(command.c_str()) == 0);
    CHECK(std::filesystem::file_size(svg) > 1000);
  }
}

TEST_CASE("graph of a workflow with errors reports them, a rules file or no file is a usage error", "[dsl]") {
  const auto broken = run_cli({"graph", (source_dir() / "tests/golden/workflows/broken.flow").string()});
  CHECK(broken.exit_code == 1);
  CHECK(broken.out.empty());
  CHECK(contains(broken.err, "error: unknown state 'dne' in case 'application'"));
  CHECK(contains(broken.err, "1 error\n"));
  const auto rules = run_cli({"graph", (source_dir() / "tests/golden/check/rules-ok.rules").string()});
  CHECK(rules.exit_code == 2);
  CHECK(contains(rules.err, "mentorflow: "));
  CHECK(contains(rules.err, "is a rules file; graph draws a workflow (.flow)"));
  const auto none = run_cli({"graph"});
  CHECK(none.exit_code == 2);
  CHECK(none.err == "mentorflow: graph: name exactly one workflow file (see mentorflow graph --help)\n");
  CHECK(run_cli({"graph", "/no/such/file.flow"}).err == "mentorflow: cannot read /no/such/file.flow\n");
  const auto help = run_cli({"graph", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "usage: mentorflow graph"));
}
