// Recorded decisions evaluated again: one walk over the log, definitions rebuilt from the log.
#include "engine/audit/verify_decisions.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "dsl/eval/execute.hpp"
#include "dsl/value_json.hpp"
#include "engine/case_name.hpp"
#include "engine/events.hpp"
#include "engine/matching/run/verify_matching.hpp"
#include "engine/privacy/sealed_value.hpp"

namespace mentorflow::engine::audit {

using nlohmann::json;

namespace {

constexpr std::size_t kReadBatch = 1024;

std::string describe(const json& outcome, const std::string& state) {
  return fmt::format("{} ({})", outcome.dump(), state);
}

// What the log says about definitions and cases so far, in log order.
struct LogWalk {
  std::map<std::string, std::string> edition_of_definition;  // definition id -> edition published with it
  std::map<std::string, std::string> migrated;               // stream -> definition id it was moved to
  std::map<std::string, std::string> states;                 // stream -> its state so far (matching runs)
};

}  // namespace

Result<Reevaluated> reevaluate_recorded(const dsl::Definition& definition, std::string_view case_type,
                                        const json& payload, bool with_trace) {
  if (!payload.is_object() || !payload.contains("command") || !payload["command"].is_string() ||
      !payload.contains("clause") || !payload["clause"].is_number_unsigned())
    return Status::invalid_argument("the decision does not name its command and clause");
  auto type = definition.find_case_type(case_type);
  if (!type) return Status::invalid_argument(fmt::format("the definition has no case type '{}'", case_type));
  const dsl::CaseTypeSpec& spec = definition.case_type(*type);
  const std::string command_name = payload["command"].get<std::string>();
  auto command = spec.find_command(command_name);
  if (!command) return Status::invalid_argument(fmt::format("{} has no command '{}'", spec.name, command_name));
  const dsl::CommandSpec& cmd = spec.commands[*command];
  const auto clause = payload["clause"].get<std::uint32_t>();
  const auto* decide = clause < cmd.clauses.size() ? std::get_if<dsl::DecideClause>(&cmd.clauses[clause].clause) : nullptr;
  if (!decide)
    return Status::invalid_argument(fmt::format("clause {} of command {} is not a decision", clause + 1, command_name));

  dsl::Evaluation e = dsl::reevaluate_decision(definition.program(), *type, *command, clause,
                                               payload.value("inputs", json::object()), with_trace);
  if (!e.ok()) {
    const std::string what = e.error->node == dsl::kNoNode ? std::string()
                                                           : fmt::format(" at '{}'", definition.program().text(e.error->node));
    return Status::invalid_argument(fmt::format("it cannot be evaluated again{}: {}", what, e.error->message));
  }
  if (e.value.kind() != dsl::ValueKind::Bool)
    return Status::invalid_argument(fmt::format("it evaluates to {}, not to true or false", e.value.display()));
  Reevaluated out;
  out.outcome = dsl::to_json(e.value);
  out.state = spec.states[e.value.as_bool() ? decide->then_state : decide->else_state].name;
  out.expression = std::string(definition.program().text(decide->decision));
  out.trace = std::move(e.trace);
  return out;
}

namespace {

// The problem with DecisionRecorded `event` under `definition`, or nullopt when it holds.
std::optional<std::string> check_decision(const dsl::Definition& definition, const std::string& case_type,
                                          const store::Event& event) {
  auto payload = event.payload_json();
  if (!payload.is_ok()) return payload.status().message();
  const json& p = *payload;
  auto again = reevaluate_recorded(definition, case_type, p, false);
  if (!again.is_ok()) return again.status().message();
  const json recorded_outcome = p.value("outcome", json());
  const std::string recorded_state = p.value("state", std::string());
  if (p.value("expression", std::string()) != again->expression)
    return fmt::format("recorded as deciding '{}', but that clause decides '{}'", p.value("expression", std::string()),
                       again->expression);
  if (recorded_outcome != again->outcome || recorded_state != again->state)
    return fmt::format("recorded {}, but evaluated again it gives {}", describe(recorded_outcome, recorded_state),
                       describe(again->outcome, again->state));
  return std::nullopt;
}

enum class Recheckable { kYes, kErased, kSealed };

// Whether DecisionRecorded `e` can be evaluated again: not when its inputs (sealed whole, as
// personal: engine/privacy/seal_event.hpp) read "[erased]", or are still sealed (no master key).
Recheckable recheckable(const store::Event& e) {
  auto payload = e.payload_json();
  if (!payload.is_ok()) return Recheckable::kYes;  // check_decision says what is wrong
  const auto inputs = payload->find("inputs");
  if (inputs == payload->end()) return Recheckable::kYes;
  if (reads_erased(*inputs)) return Recheckable::kErased;
  if (is_sealed_value(*inputs)) return Recheckable::kSealed;
  return Recheckable::kYes;
}

// Checks one event; `walk` learns definitions and migrations as they go by.
void check_event(Engine& engine, const store::Event& e, LogWalk& walk, DecisionReport& report) {
  if (e.type == events::kDefinitionPublished) {
    walk.edition_of_definition.emplace(e.definition_id, e.stream);
    return;
  }
  if (e.type == events::kCaseMigrated) {
    if (auto p = e.payload_json(); p.is_ok() && p->contains("to") && (*p)["to"].is_string())
      walk.migrated[e.stream] = (*p)["to"].get<std::string>();
    return;
  }
  // A case created by a migrated case opens under the definition its creator was migrated to.
  if (e.type == events::kCaseOpened) {
    if (auto p = e.payload_json(); p.is_ok() && p->contains("definition_edition"))
      walk.migrated[e.stream] = e.definition_id;
    return;
  }
  if (e.type == events::kStateChanged) {
    if (auto p = e.payload_json(); p.is_ok() && p->contains("to") && (*p)["to"].is_string())
      walk.states[e.stream] = (*p)["to"].get<std::string>();
    return;
  }
  const auto finding = [&](std::string problem) {
    report.findings.push_back({e.position, e.stream, std::move(problem)});
  };
  if (e.type != events::kDecisionRecorded && e.type != events::kMatchingRunRecorded) return;
  const bool run = e.type == events::kMatchingRunRecorded;
  if (!run) {
    switch (recheckable(e)) {
      case Recheckable::kErased: ++report.not_recheckable_erased; return;
      case Recheckable::kSealed: ++report.not_recheckable_sealed; return;
      case Recheckable::kYes: break;
    }
  }
  ++(run ? report.matching_runs_checked : report.decisions_checked);
  auto name = parse_case_name(e.stream);
  if (!name.is_ok()) return finding(fmt::format("a decision on stream '{}', which is not a case", e.stream));

  // The definition the case runs under: its edition's, unless the case was migrated.
  std::string edition = name->edition;
  if (auto m = walk.migrated.find(e.stream); m != walk.migrated.end()) {
    auto ed = walk.edition_of_definition.find(m->second);
    if (ed == walk.edition_of_definition.end())
      return finding(fmt::format("the case was migrated to definition {}, which this log never published",
                                 m->second.substr(0, 12)));
    edition = ed->second;
  }
  auto definition = engine.definition_of_edition(edition);
  if (run) {
    // Without its definition the run is still run again; only the cases it left out go unchecked.
    const dsl::Definition* under = definition.is_ok() && (*definition)->id() == e.definition_id ? *definition : nullptr;
    if (auto problem = matching::check_matching_run(e, under, walk.states)) finding("matching run: " + *problem);
    return;
  }
  if (!definition.is_ok())
    return finding(fmt::format("the definition of edition '{}' cannot be rebuilt from the log: {}", edition,
                               definition.status().message()));
  if (e.definition_id != (*definition)->id())
    return finding(fmt::format("decided under definition {}, but the case runs under {} (edition {})",
                               e.definition_id.substr(0, 12), (*definition)->id().substr(0, 12), edition));
  if (auto problem = check_decision(**definition, name->type, e)) finding(std::move(*problem));
}

}  // namespace

Result<DecisionReport> verify_decisions(Engine& engine, std::uint64_t last_position,
                                        const DecisionProgress& progress) {
  DecisionReport report;
  LogWalk walk;
  for (std::uint64_t next = 1; next <= last_position;) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kReadBatch, last_position - next + 1));
    auto batch = engine.store().read_all(next, want);
    if (!batch.is_ok()) return batch.status();
    if (batch->empty()) break;
    for (const store::Event& e : *batch) check_event(engine, e, walk, report);
    report.events_read += batch->size();
    next = batch->back().position + 1;
    if (progress) progress(next - 1, last_position);
  }
  return report;
}

}  // namespace mentorflow::engine::audit
