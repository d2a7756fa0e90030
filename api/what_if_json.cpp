#include "api/what_if_json.hpp"

namespace mentorflow::api {

using nlohmann::json;
namespace audit = engine::audit;

namespace {

// An empty text is null: a new state or value that cannot be evaluated, a run that ran.
json or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json decision_groups(const audit::WhatIfReport& report) {
  json groups = json::array();
  for (const audit::WhatIfGroup& g : report.groups) {
    json changes = json::array();
    for (const audit::WhatIfChange& c : g.changes)
      changes.push_back({{"position", c.position},
                         {"case", c.case_name},
                         {"parties", c.parties},
                         {"old_state", c.old_state},
                         {"new_state", or_null(c.new_state)},
                         {"reason", c.reason}});
    groups.push_back({{"case_type", g.case_type},
                      {"command", g.command},
                      {"expression", g.expression},
                      {"decisions", g.decisions},
                      {"changes", std::move(changes)}});
  }
  return groups;
}

json value_groups(const audit::WhatIfReport& report) {
  json groups = json::array();
  for (const audit::WhatIfValueGroup& g : report.value_groups) {
    json changes = json::array();
    for (const audit::WhatIfValueChange& c : g.changes)
      changes.push_back({{"position", c.position},
                         {"case", c.case_name},
                         {"parties", c.parties},
                         {"name", c.name},
                         {"old_value", or_null(c.old_value)},
                         {"new_value", or_null(c.new_value)},
                         {"reason", c.reason}});
    groups.push_back({{"case_type", g.case_type},
                      {"command", g.command},
                      {"clause", g.clause},
                      {"kind", g.output ? "output" : "field"},
                      {"values", g.values},
                      {"changes", std::move(changes)}});
  }
  return groups;
}

json pairs(const std::vector<audit::WhatIfPair>& list) {
  json out = json::array();
  for (const audit::WhatIfPair& p : list)
    out.push_back({{"left", p.left}, {"left_parties", p.left_parties}, {"right", p.right},
                   {"right_parties", p.right_parties}});
  return out;
}

json runs(const audit::WhatIfReport& report) {
  json out = json::array();
  for (const audit::WhatIfRun& r : report.runs)
    out.push_back({{"position", r.position},
                   {"cohort", r.cohort},
                   {"command", r.command},
                   {"left_type", r.left_type},
                   {"right_type", r.right_type},
                   {"method", r.method},
                   {"new_method", r.new_method},
                   {"pairs", r.pairs},
                   {"new_pairs", r.new_pairs},
                   {"lost", pairs(r.lost)},
                   {"gained", pairs(r.gained)},
                   {"problem", or_null(r.problem)}});
  return out;
}

}  // namespace

json what_if_json(const audit::WhatIfReport& report) {
  return {{"edition", report.edition},
          {"rules", report.rules_path},
          {"definition_id", report.definition_id},
          {"decisions", report.decisions()},
          {"skipped_erased", report.skipped_erased},
          {"changes", report.changes()},
          {"groups", decision_groups(report)},
          {"field_values", report.values(false)},
          {"field_value_changes", report.value_changes(false)},
          {"output_values", report.values(true)},
          {"output_value_changes", report.value_changes(true)},
          {"value_groups", value_groups(report)},
          {"matching_runs", report.runs.size()},
          {"matching_runs_changed", report.runs_changed()},
          {"runs", runs(report)},
          {"text", audit::what_if_text(report)}};
}

}  // namespace mentorflow::api
