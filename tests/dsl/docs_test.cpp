// Every fenced example in docs/LANGUAGE.md checks clean. The fence's info string says what the
// example is (docs/LANGUAGE.md, "The examples on this page"): a whole `flow` or `rules` file; a
// fragment (`flow-items`, `case-items`, `cohort-items`) checked inside a small workflow, with what
// it refers to given by an HTML comment above the fence; or `grammar`/`json`/`text`/`sh`, not
// checked. A fence without an info string fails, so no example goes unchecked by accident.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "dsl/check/check.hpp"
#include "dsl/parse/parser.hpp"
#include "tests/dsl/dsl_fixture.hpp"
#include "tests/support/run_cli.hpp"

namespace {

using namespace mentorflow::dsl;
using mentorflow::dsl::testing::slurp;
using mentorflow::testing::source_dir;

struct Example {
  std::string kind;            // the info string
  std::string text;
  std::string workflow_context, case_context;
  int line = 0;                // of the opening fence, 1-based
};

std::vector<Example> examples(const std::string& doc) {
  std::vector<Example> out;
  std::istringstream in(doc);
  std::string line, pending_workflow, pending_case;
  int number = 0;
  auto take_comment = [&](const std::string& l, const std::string& key, std::string& into) {
    const std::string open = "<!-- " + key + ":";
    if (l.rfind(open, 0) != 0) return false;
    into = l.substr(open.size(), l.rfind("-->") - open.size());
    return true;
  };
  while (std::getline(in, line)) {
    ++number;
    if (take_comment(line, "workflow", pending_workflow) || take_comment(line, "case", pending_case)) continue;
    if (line.rfind("```", 0) != 0) {
      if (!line.empty()) pending_workflow.clear(), pending_case.clear();
      continue;
    }
    Example e{line.substr(3), {}, pending_workflow, pending_case, number};
    pending_workflow.clear(), pending_case.clear();
    while (std::getline(in, line) && line.rfind("```", 0) != 0) {
      ++number;
      e.text += line + "\n";
    }
    ++number;
    out.push_back(std::move(e));
  }
  return out;
}

// The comment's declarations, one per `;`, as lines.
std::string lines_of(const std::string& context, const std::string& indent) {
  std::string out;
  std::istringstream in(context);
  for (std::string part; std::getline(in, part, ';');) {
    const auto first = part.find_first_not_of(' ');
    if (first != std::string::npos) out += indent + part.substr(first) + "\n";
  }
  return out;
}

std::string wrapped(const Example& e) {
  if (e.kind == "flow" || e.kind == "rules") return e.text;
  std::string w = "workflow doc \"An example of docs/LANGUAGE.md\" {\n";
  if (e.kind != "flow-items") w += "  participants student, mentor\n  staff staff\n  auditors auditor\n";
  w += lines_of(e.workflow_context, "  ");
  if (e.kind == "flow-items") {
    w += e.text;
    w += "  case doc_example {\n    state open initial, closed final\n    command close by system from open to closed\n  }\n";
  } else {
    w += std::string("  ") + (e.kind == "cohort-items" ? "cohort" : "case") + " doc_example {\n";
    w += lines_of(e.case_context, "    ") + e.text + "  }\n";
  }
  return w + "}\n";
}

}  // namespace

TEST_CASE("every example in docs/LANGUAGE.md checks clean", "[dsl]") {
  const std::string doc = slurp(source_dir() / "docs/LANGUAGE.md");
  const std::vector<Example> all = examples(doc);
  REQUIRE(all.size() >= 10);
  // Workflows first, so a rules example can be checked against its own.
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<std::pair<std::string, CheckedWorkflow>> workflows;
  std::vector<const Example*> rules;
  int checked = 0;
  for (const Example& e : all) {
    INFO("docs/LANGUAGE.md:" << e.line << " (" << e.kind << ")\n" << e.text);
    const bool known = e.kind == "flow" || e.kind == "rules" || e.kind == "flow-items" || e.kind == "case-items" ||
                       e.kind == "cohort-items" || e.kind == "grammar" || e.kind == "json" || e.kind == "text" ||
                       e.kind == "sh";
    CHECK(known);
    if (e.kind == "rules") rules.push_back(&e);
    if (!known || e.kind == "rules" || e.kind == "grammar" || e.kind == "json" || e.kind == "text" || e.kind == "sh")
      continue;
    files.push_back(std::make_unique<SourceFile>("docs/LANGUAGE.md:" + std::to_string(e.line), wrapped(e)));
    Diagnostics diagnostics;
    auto parsed = parse_workflow(*files.back(), diagnostics);
    std::optional<CheckedWorkflow> w;
    if (parsed) w = check_workflow(*files.back(), *parsed, diagnostics);
    INFO("as checked:\n" << files.back()->text() << render(diagnostics));
    CHECK(diagnostics.all().empty());
    if (w && e.kind == "flow") workflows.emplace_back(w->name, std::move(*w));
    ++checked;
  }
  for (const Example* e : rules) {
    INFO("docs/LANGUAGE.md:" << e->line << " (rules)\n" << e->text);
    files.push_back(std::make_unique<SourceFile>("docs/LANGUAGE.md:" + std::to_string(e->line), e->text));
    Diagnostics diagnostics;
    auto parsed = parse_rules(*files.back(), diagnostics);
    REQUIRE(parsed);
    const CheckedWorkflow* w = nullptr;
    for (const auto& [name, checked_workflow] : workflows)
      if (name == parsed->workflow.name) w = &checked_workflow;
    INFO("its workflow: " << parsed->workflow.name);
    REQUIRE(w);
    auto r = check_rules(*files.back(), *parsed, *w, diagnostics);
    INFO(render(diagnostics));
    CHECK(diagnostics.all().empty());
    ++checked;
  }
  CHECK(checked >= 8);
}
