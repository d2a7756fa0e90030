#pragma once
// A command's plan: what it will append to each stream it touches, decided without writing
// (plan_command), then appended atomically (append_plan). Shared by the command path and what
// runs inside a command (the matching run, timers firing, migrations, imports).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/compile/definition.hpp"
#include "dsl/eval/case_data.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {

// One stream's share of a command: the events for it and the version they were decided on.
struct StreamWrite {
  std::string stream;
  std::uint64_t expected_version = 0;
  std::vector<store::NewEvent> events;
};

// The case in the form evaluation reads (dsl/eval/case_data.hpp), built from its folded state. A case
// with no events becomes a fresh case of `type` in its initial state.
Result<dsl::CaseData> to_case_data(const CaseState& state, const dsl::Definition& definition, dsl::Index type,
                                   const std::string& name);

// A datetime Value for `micros`, in UTC.
dsl::Value datetime_value(UtcMicros micros);

// What a command will append if its streams are still at the versions it was decided on.
struct Plan {
  std::vector<StreamWrite> writes;  // writes[0] is the command's own case
  Accepted accepted;
  // The versions of the cases the decision read (Engine::handle), checked as the writes are
  // appended: one another writer changed since refuses the append, and the command is decided
  // again, so that no decision stands on a case that was not what it read (a write skew).
  std::unordered_map<std::string, std::uint64_t> reads;
};

class PendingWrites;

// Decides `command` on the case `name` without writing: authorisation, state, inputs, clauses,
// linked cases, commands issued with `do`, and fan-outs. `depth` guards fan-outs issuing fan-outs;
// `pending`: what the enclosing commands have planned (none for a command of its own). The name
// is parsed once, by whoever read it (engine/case_name.hpp), and passed down from here.
Result<Plan> plan_command(Engine& engine, const CaseName& name, const std::string& command,
                          const store::Actor& actor, const nlohmann::json& inputs, const std::string& correlation,
                          int depth = 0, const PendingWrites* pending = nullptr);

// Appends the plan's writes atomically (one multi-stream batch) and fills the positions in
// `accepted`; `recorded`, when given, receives the events as written.
Status append_plan(store::EventStore& store, Plan& plan, std::vector<store::Event>* recorded = nullptr);

// Several cases' writes gathered into one plan (a migration, an import), appended atomically,
// then the read models brought up to date; where they went is set in `written`. The append's
// failure otherwise (then `written` is unchanged).
Status append_gathered(store::EventStore& store, std::vector<StreamWrite> writes, BatchPositions& written);

}  // namespace mentorflow::engine
