// What-if's report as text (docs/ENGINE.md, "Audit"): decisions by decide clause, then the values
// that change by clause, then the matching runs, then the totals.
#include <fmt/core.h>

#include <map>

#include "base/printable.hpp"
#include "engine/audit/what_if.hpp"

namespace mentorflow::engine::audit {

namespace {

// "submitted -> ineligible: 3; cannot be evaluated: 1", from each change's label in order.
std::string change_counts(const std::vector<std::string>& labels) {
  std::map<std::string, std::uint64_t> counts;
  std::vector<std::string> order;
  for (const std::string& label : labels)
    if (counts[label]++ == 0) order.push_back(label);
  std::string out;
  for (const std::string& label : order) out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", label, counts[label]);
  return out;
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "CASE (PARTIES; position P)", or "CASE (position P)" for a case of nobody's.
std::string at_case(const std::string& name, const std::string& parties, std::uint64_t position) {
  return fmt::format("{} ({}position {})", name, parties.empty() ? "" : printable(parties) + "; ", position);
}

// "CASE (PARTIES)", or "CASE" for a case of nobody's.
std::string named(const std::string& name, const std::string& parties) {
  return parties.empty() ? name : fmt::format("{} ({})", name, printable(parties));
}

void decisions_text(const WhatIfGroup& g, std::string& out) {
  std::vector<std::string> labels;
  for (const WhatIfChange& c : g.changes)
    labels.push_back(c.new_state.empty() ? "cannot be evaluated" : c.old_state + " -> " + c.new_state);
  out += fmt::format("{} / {}: {} of {} change", g.command, g.expression, g.changes.size(),
                     plural(g.decisions, "decision", "decisions"));
  out += g.changes.empty() ? "\n" : fmt::format(" ({})\n", change_counts(labels));
  for (const WhatIfChange& c : g.changes) {
    if (c.new_state.empty())
      out += fmt::format("  {}: {}, cannot be evaluated: {}\n", at_case(c.case_name, c.parties, c.position), c.old_state,
                         c.reason);
    else
      out += fmt::format("  {}: {} -> {}: {}\n", at_case(c.case_name, c.parties, c.position), c.old_state, c.new_state,
                         c.reason);
  }
}

// Only the clauses whose values change are listed; the totals count them all.
void values_text(const WhatIfValueGroup& g, std::string& out) {
  if (g.changes.empty()) return;
  std::vector<std::string> labels;
  for (const WhatIfValueChange& c : g.changes)
    labels.push_back(c.new_value.empty() ? "cannot be evaluated" : c.old_value + " -> " + c.new_value);
  out += fmt::format("{} / {}: {} of {} change ({})\n", g.command, g.clause, g.changes.size(),
                     plural(g.values, "value", "values"), change_counts(labels));
  for (const WhatIfValueChange& c : g.changes) {
    const std::string where = at_case(c.case_name, c.parties, c.position);
    if (c.new_value.empty())
      out += fmt::format("  {}: {}{}, cannot be evaluated: {}\n", where, c.name,
                         c.old_value.empty() ? "" : " " + c.old_value, c.reason);
    else
      out += fmt::format("  {}: {} {} -> {}\n", where, c.name, c.old_value, c.new_value);
  }
}

void run_text(const WhatIfRun& r, std::string& out) {
  out += fmt::format("{} / match {} with {} (position {}): ", r.command.empty() ? "?" : r.command,
                     r.left_type.empty() ? "?" : r.left_type, r.right_type.empty() ? "?" : r.right_type, r.position);
  if (!r.problem.empty()) {
    out += fmt::format("cannot be run again: {}\n", r.problem);
    return;
  }
  out += fmt::format("{} recorded", plural(r.pairs, "pair", "pairs"));
  if (r.new_method != r.method) out += fmt::format(", method {} -> {}", r.method, r.new_method);
  if (r.lost.empty() && r.gained.empty()) {
    out += ", unchanged\n";
    return;
  }
  out += fmt::format(", {} under the new rules: {} lost, {} gained\n", r.new_pairs, r.lost.size(), r.gained.size());
  for (const WhatIfPair& p : r.lost)
    out += fmt::format("  lost: {} with {}\n", named(p.left, p.left_parties), named(p.right, p.right_parties));
  for (const WhatIfPair& p : r.gained)
    out += fmt::format("  gained: {} with {}\n", named(p.left, p.left_parties), named(p.right, p.right_parties));
}

}  // namespace

std::string what_if_text(const WhatIfReport& r) {
  std::string out = fmt::format(
      "what-if for edition {} with {} (definition {}): {} recorded {}, {}, {}, {}\n", r.edition, r.rules_path,
      r.definition_id.substr(0, 12), r.decisions(), r.decisions() == 1 ? "decision" : "decisions",
      plural(r.values(false), "field value", "field values"), plural(r.values(true), "output value", "output values"),
      plural(r.runs.size(), "matching run", "matching runs"));
  for (const WhatIfGroup& g : r.groups) decisions_text(g, out);
  for (const WhatIfValueGroup& g : r.value_groups) values_text(g, out);
  for (const WhatIfRun& run : r.runs) run_text(run, out);
  out += fmt::format("in all: {} of {}, {} of {}, {} of {} and {} of {} would change\n", r.changes(),
                     plural(r.decisions(), "decision", "decisions"), r.value_changes(false),
                     plural(r.values(false), "field value", "field values"), r.value_changes(true),
                     plural(r.values(true), "output value", "output values"), r.runs_changed(),
                     plural(r.runs.size(), "matching run", "matching runs"));
  if (r.skipped_erased > 0)
    out += fmt::format("skipped {}: they read values of a subject since erased\n",
                       plural(r.skipped_erased, "recorded decision or command", "recorded decisions and commands"));
  return out;
}

}  // namespace mentorflow::engine::audit
