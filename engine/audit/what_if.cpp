// What-if: the edition's workflow from the log, new rules from disk, one walk over the log: every
// recorded decision of the edition's cases evaluated again, every value a rule produced and every
// matching run run again, and compared with what was recorded.
#include "engine/audit/what_if.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "dsl/compile/compile.hpp"
#include "engine/audit/decision_words.hpp"
#include "engine/audit/verify_decisions.hpp"
#include "engine/audit/what_if_cases.hpp"
#include "engine/audit/what_if_matching.hpp"
#include "engine/audit/what_if_values.hpp"
#include "engine/case_name.hpp"
#include "engine/events.hpp"
#include "engine/privacy/sealed_value.hpp"

namespace mentorflow::engine::audit {

using nlohmann::json;

namespace {

// A decision or a command whose inputs are an erased subject's: not evaluated again.
bool reads_erased_values(const store::Event& e) {
  if (e.type != events::kDecisionRecorded && e.type != events::kCommandAccepted) return false;
  auto payload = e.payload_json();
  return payload.is_ok() && payload->contains("inputs") && reads_erased((*payload)["inputs"]);
}

constexpr std::size_t kReadBatch = 1024;

// The decisions of one walk, grouped by decide clause.
class DecisionsWhatIf {
 public:
  DecisionsWhatIf(const dsl::Definition& rules, const WhatIfCases& cases, std::vector<WhatIfGroup>& groups)
      : rules_(rules), cases_(cases), groups_(groups) {}

  Status decision(const store::Event& e) {
    auto name = parse_case_name(e.stream);
    auto payload = e.payload_json();
    if (!name.is_ok()) return name.status();
    if (!payload.is_ok()) return payload.status();
    const json& p = *payload;
    const std::string command = p.value("command", std::string());
    const std::string expression = p.value("expression", std::string());
    auto [it, fresh] = group_of_.try_emplace({name->type, command, expression}, groups_.size());
    if (fresh) groups_.push_back(WhatIfGroup{name->type, command, expression, 0, {}});
    WhatIfGroup& group = groups_[it->second];
    ++group.decisions;

    WhatIfChange change{e.position, e.stream, "", p.value("state", std::string()), "", ""};
    // A field the new rules set otherwise reads as they set it.
    auto again = reevaluate_recorded(rules_, name->type, cases_.with_what_if(e.stream, p), true);
    if (!again.is_ok()) {
      change.reason = again.status().message();
    } else if (again->outcome == p.value("outcome", json()) && again->state == change.old_state) {
      return Status::ok();
    } else {
      change.new_state = again->state;
      change.reason = decision_words(again->trace, rules_.program()).reason;
    }
    change.parties = cases_.parties(e.stream, rules_);
    group.changes.push_back(std::move(change));
    return Status::ok();
  }

 private:
  const dsl::Definition& rules_;
  const WhatIfCases& cases_;
  std::vector<WhatIfGroup>& groups_;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> group_of_;
};

}  // namespace

std::uint64_t WhatIfReport::decisions() const {
  std::uint64_t n = 0;
  for (const WhatIfGroup& g : groups) n += g.decisions;
  return n;
}

std::uint64_t WhatIfReport::changes() const {
  std::uint64_t n = 0;
  for (const WhatIfGroup& g : groups) n += g.changes.size();
  return n;
}

std::uint64_t WhatIfReport::values(bool output) const {
  std::uint64_t n = 0;
  for (const WhatIfValueGroup& g : value_groups) n += g.output == output ? g.values : 0;
  return n;
}

std::uint64_t WhatIfReport::value_changes(bool output) const {
  std::uint64_t n = 0;
  for (const WhatIfValueGroup& g : value_groups) n += g.output == output ? g.changes.size() : 0;
  return n;
}

std::uint64_t WhatIfReport::runs_changed() const {
  return static_cast<std::uint64_t>(std::count_if(runs.begin(), runs.end(), [](const WhatIfRun& r) { return r.changed(); }));
}

Result<WhatIfReport> what_if(Engine& engine, const std::string& edition, const dsl::SourceFile& rules,
                             dsl::Diagnostics& diagnostics) {
  auto published = engine.definition_of_edition(edition);
  if (!published.is_ok()) return published.status();
  auto definition = dsl::build_definition((*published)->workflow_source(), rules, diagnostics);
  if (!definition)
    return Status::invalid_argument(fmt::format("{} does not compile with the workflow of edition {}", rules.path(),
                                                edition));
  WhatIfReport report;
  report.edition = edition;
  report.rules_path = rules.path();
  report.definition_id = definition->id();

  // The case a command, a decision or a run reads is the case before its event: each is looked
  // at first, then folded.
  WhatIfCases cases;
  DecisionsWhatIf decisions(*definition, cases, report.groups);
  ValuesWhatIf values(engine, *definition, cases, report.value_groups);
  MatchingWhatIf runs(*definition, **published, cases);
  const std::string prefix = edition + "/";
  for (std::uint64_t next = 1;;) {
    auto batch = engine.store().read_all(next, kReadBatch);
    if (!batch.is_ok()) return batch.status();
    for (const store::Event& e : *batch) {
      if (!e.stream.starts_with(prefix)) continue;
      Status st = Status::ok();
      if (reads_erased_values(e)) ++report.skipped_erased;
      else if (e.type == events::kDecisionRecorded) st = decisions.decision(e);
      else if (e.type == events::kCommandAccepted) st = values.command(e);
      else if (e.type == events::kMatchingRunRecorded) report.runs.push_back(runs.run(e));
      if (st.is_ok()) st = cases.fold(e);
      if (!st.is_ok()) return st;
    }
    if (batch->size() < kReadBatch) break;
    next = batch->back().position + 1;
  }
  for (WhatIfValueGroup& g : report.value_groups)
    for (WhatIfValueChange& c : g.changes) c.parties = cases.parties(c.case_name, *definition);
  return report;
}

}  // namespace mentorflow::engine::audit
