#include "dsl/compile/graph.hpp"

#include <fmt/core.h>

#include <set>

#include "dsl/parse/parser.hpp"

namespace mentorflow::dsl {

namespace {

// A dot string literal.
std::string quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string roles_of(const CommandSpec& c) {
  std::string s;
  for (const std::string& r : c.roles) s += (s.empty() ? "" : ", ") + r;
  return s;
}

// Collapses runs of white space, so a condition written over several lines reads on one.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

}  // namespace

std::string to_dot(const CheckedWorkflow& w) {
  const Program& p = w.program;
  std::string out = fmt::format(
      "digraph {} {{\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, fontsize=18, label={}];\n"
      "  node [fontname=\"Helvetica\", shape=box, style=rounded];\n"
      "  edge [fontname=\"Helvetica\", fontsize=10];\n",
      quoted(w.name), quoted(w.title + " (" + w.name + ")"));
  for (const CaseTypeSpec& c : p.case_types) {
    auto id = [&](const std::string& state) { return quoted(c.name + "/" + state); };
    out += fmt::format("  subgraph {} {{\n    label={};\n    fontsize=14;\n", quoted("cluster_" + c.name),
                       quoted((c.cohort ? "cohort " : "case ") + c.name));
    const std::string start = quoted(c.name + "/(start)");
    // Commands of other cases that create this one (`create`).
    std::vector<std::string> creators;
    for (const CaseTypeSpec& other : p.case_types)
      for (const CommandSpec& cmd : other.commands)
        for (const ClauseSpec& clause : cmd.clauses)
          if (const auto* cr = std::get_if<CreateClause>(&clause.clause); cr && p.case_types[cr->case_type].name == c.name)
            creators.push_back(other.name + "." + cmd.name);
    bool has_start = !creators.empty();
    for (const CommandSpec& cmd : c.commands) has_start = has_start || cmd.creates_case();
    if (has_start) out += fmt::format("    {} [shape=point, width=0.15, label=\"\"];\n", start);
    for (const std::string& creator : creators)
      out += fmt::format("    {} -> {} [label={}, style=dashed];\n", start, id(c.states[c.initial].name),
                         quoted("created by\n" + creator));
    for (const StateSpec& s : c.states) {
      std::string attrs = "label=" + quoted(s.name);
      if (s.initial) attrs += ", style=\"rounded,bold\", penwidth=2";
      if (s.final) attrs += ", peripheries=2";
      out += fmt::format("    {} [{}];\n", id(s.name), attrs);
    }
    std::vector<std::string> loops(c.states.size());  // commands that keep each state, one loop each
    for (const CommandSpec& cmd : c.commands) {
      const std::string label = cmd.name + "\n(" + roles_of(cmd) + ")";
      std::vector<std::string> sources;
      if (cmd.creates_case()) sources.push_back(start);
      for (Index f : cmd.from) sources.push_back(id(c.states[f].name));
      const DecideClause* decide = nullptr;
      for (const ClauseSpec& clause : cmd.clauses)
        if (const auto* d = std::get_if<DecideClause>(&clause.clause)) decide = d;
      for (const std::string& from : sources) {
        const bool creating = from == start;
        if (decide) {
          const std::string condition = one_line(p.text(decide->decision));
          out += fmt::format("    {} -> {} [label={}];\n", from, id(c.states[decide->then_state].name),
                             quoted(label + "\n[" + condition + "]"));
          out += fmt::format("    {} -> {} [label={}, style=dashed];\n", from, id(c.states[decide->else_state].name),
                             quoted(label + "\n[not " + condition + "]"));
        } else if (cmd.to) {
          out += fmt::format("    {} -> {} [label={}];\n", from, id(c.states[*cmd.to].name), quoted(label));
        } else if (creating) {
          out += fmt::format("    {} -> {} [label={}];\n", from, id(c.states[c.initial].name), quoted(label));
        } else {
          for (Index f : cmd.from)
            if (id(c.states[f].name) == from) loops[f] += (loops[f].empty() ? "" : "\n") + cmd.name + " (" + roles_of(cmd) + ")";
        }
      }
    }
    for (Index s = 0; s < c.states.size(); ++s)
      if (!loops[s].empty())
        out += fmt::format("    {} -> {} [label={}, style=dotted];\n", id(c.states[s].name), id(c.states[s].name),
                           quoted(loops[s]));
    out += "  }\n";
  }
  return out + "}\n";
}

std::optional<std::string> workflow_dot(const SourceFile& file, Diagnostics& diagnostics, bool& is_rules) {
  is_rules = false;
  auto parsed = parse_file(file, diagnostics);
  if (!parsed) return std::nullopt;
  if (!std::holds_alternative<ast::Workflow>(*parsed)) {
    is_rules = true;
    return std::nullopt;
  }
  auto workflow = check_workflow(file, std::get<ast::Workflow>(*parsed), diagnostics);
  if (!workflow) return std::nullopt;
  return to_dot(*workflow);
}

}  // namespace mentorflow::dsl
