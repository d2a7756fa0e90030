// What-if: the edition's workflow from the log, new rules from disk, every recorded decision of
// the edition's cases evaluated again and compared with what was recorded.
#include "engine/audit/what_if.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "dsl/compile/compile.hpp"
#include "base/printable.hpp"
#include "engine/audit/decision_words.hpp"
#include "engine/audit/party_words.hpp"
#include "engine/audit/verify_decisions.hpp"
#include "engine/case_name.hpp"
#include "engine/events.hpp"

namespace mentorflow::engine::audit {

using nlohmann::json;

namespace {

constexpr std::size_t kReadBatch = 1024;

// Every DecisionRecorded on the cases of `edition`, in log order.
Result<std::vector<store::Event>> decisions_of(Engine& engine, const std::string& edition) {
  auto streams = engine.store().list_streams(edition + "/");
  if (!streams.is_ok()) return streams.status();
  std::vector<store::Event> out;
  for (const store::StreamInfo& s : *streams) {
    for (std::uint64_t next = 1;;) {
      auto batch = engine.store().read_stream_forward(s.name, next, kReadBatch);
      if (!batch.is_ok()) return batch.status();
      for (store::Event& e : *batch)
        if (e.type == events::kDecisionRecorded) out.push_back(std::move(e));
      if (batch->size() < kReadBatch) break;
      next += kReadBatch;
    }
  }
  std::sort(out.begin(), out.end(), [](const store::Event& a, const store::Event& b) { return a.position < b.position; });
  return out;
}

// "submitted -> ineligible: 3; cannot be evaluated: 1"
std::string change_counts(const WhatIfGroup& g) {
  std::map<std::string, std::uint64_t> counts;
  std::vector<std::string> order;
  for (const WhatIfChange& c : g.changes) {
    const std::string label = c.new_state.empty() ? "cannot be evaluated" : c.old_state + " -> " + c.new_state;
    if (counts[label]++ == 0) order.push_back(label);
  }
  std::string out;
  for (const std::string& label : order) out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", label, counts[label]);
  return out;
}

std::string decisions_word(std::uint64_t n) { return n == 1 ? "decision" : "decisions"; }

// Who the case concerns, as it is now (a case's parties are set when it is opened).
Result<std::string> parties_of(Engine& engine, const dsl::Definition& definition, const CaseName& name) {
  auto state = engine.load(name.stream());
  if (!state.is_ok()) return state.status();
  const auto type = definition.find_case_type(name.type);
  return party_words(type ? &definition.case_type(*type) : nullptr, state->parties);
}

// "CASE (PARTIES; position P)", or "CASE (position P)" for a case of nobody's.
std::string change_case(const WhatIfChange& c) {
  return fmt::format("{} ({}position {})", c.case_name, c.parties.empty() ? "" : printable(c.parties) + "; ", c.position);
}

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

Result<WhatIfReport> what_if(Engine& engine, const std::string& edition, const dsl::SourceFile& rules,
                             dsl::Diagnostics& diagnostics) {
  auto published = engine.definition_of_edition(edition);
  if (!published.is_ok()) return published.status();
  auto definition = dsl::build_definition((*published)->workflow_source(), rules, diagnostics);
  if (!definition)
    return Status::invalid_argument(fmt::format("{} does not compile with the workflow of edition {}", rules.path(),
                                                edition));
  auto recorded = decisions_of(engine, edition);
  if (!recorded.is_ok()) return recorded.status();

  WhatIfReport report;
  report.edition = edition;
  report.rules_path = rules.path();
  report.definition_id = definition->id();
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> group_of;
  for (const store::Event& e : *recorded) {
    auto name = parse_case_name(e.stream);
    auto payload = e.payload_json();
    if (!name.is_ok()) return name.status();
    if (!payload.is_ok()) return payload.status();
    const json& p = *payload;
    const std::string command = p.value("command", std::string());
    const std::string expression = p.value("expression", std::string());
    auto [it, fresh] = group_of.try_emplace({name->type, command, expression}, report.groups.size());
    if (fresh) report.groups.push_back(WhatIfGroup{name->type, command, expression, 0, {}});
    WhatIfGroup& group = report.groups[it->second];
    ++group.decisions;

    WhatIfChange change{e.position, e.stream, "", p.value("state", std::string()), "", ""};
    auto again = reevaluate_recorded(*definition, name->type, p, true);
    if (!again.is_ok()) {
      change.reason = again.status().message();
    } else if (again->outcome == p.value("outcome", json()) && again->state == change.old_state) {
      continue;
    } else {
      change.new_state = again->state;
      change.reason = decision_words(again->trace, definition->program()).reason;
    }
    auto parties = parties_of(engine, *definition, *name);
    if (!parties.is_ok()) return parties.status();
    change.parties = std::move(*parties);
    group.changes.push_back(std::move(change));
  }
  return report;
}

std::string what_if_text(const WhatIfReport& r) {
  std::string out = fmt::format("what-if for edition {} with {} (definition {}): {} recorded {}\n", r.edition,
                                r.rules_path, r.definition_id.substr(0, 12), r.decisions(),
                                decisions_word(r.decisions()));
  for (const WhatIfGroup& g : r.groups) {
    out += fmt::format("{} / {}: {} of {} {} change", g.command, g.expression, g.changes.size(), g.decisions,
                       decisions_word(g.decisions));
    out += g.changes.empty() ? "\n" : fmt::format(" ({})\n", change_counts(g));
    for (const WhatIfChange& c : g.changes) {
      if (c.new_state.empty())
        out += fmt::format("  {}: {}, cannot be evaluated: {}\n", change_case(c), c.old_state, c.reason);
      else
        out += fmt::format("  {}: {} -> {}: {}\n", change_case(c), c.old_state, c.new_state, c.reason);
    }
  }
  out += fmt::format("in all: {} of {} {} would change\n", r.changes(), r.decisions(), decisions_word(r.decisions()));
  return out;
}

}  // namespace mentorflow::engine::audit
