#pragma once
// Internal to engine/*.cpp: what the Engine keeps between calls, and the helpers its parts share.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "dsl/case_data.hpp"
#include "dsl/definition.hpp"
#include "engine/case_cache.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {

// One stream's share of a command: the events for it and the version they were decided on.
struct StreamWrite {
  std::string stream;
  std::uint64_t expected_version = 0;
  std::vector<store::NewEvent> events;
};

struct Engine::Impl {
  // Compiled definitions by edition; the source files live beside them because diagnostics and
  // traces point into them.
  std::map<std::string, std::unique_ptr<dsl::Definition>> definitions;
  // Cases folded lately (a few megabytes at most: a case is some kilobytes).
  CaseCache cases{kCachedCases};
  static constexpr std::size_t kCachedCases = 1024;
};

// The case in the form evaluation reads (dsl/case_data.hpp), built from its folded state. A case
// with no events becomes a fresh case of `type` in its initial state.
Result<dsl::CaseData> to_case_data(const CaseState& state, const dsl::Definition& definition, dsl::Index type,
                                   const std::string& name);

// A datetime Value for `micros`, in UTC.
dsl::Value datetime_value(UtcMicros micros);

// What a command will append if its streams are still at the versions it was decided on.
struct Plan {
  std::vector<StreamWrite> writes;  // writes[0] is the command's own case
  Accepted accepted;
};

// The writes the enclosing commands have planned so far, innermost first: a command one of them
// issues (a `do`, a proposal, a `for each`) is decided on the cases as those writes leave them,
// so two proposals to one mentor, or a `do` after a `create`, see each other. Not owned.
class PendingWrites {
 public:
  // `writes` (one entry per stream, entries only ever appended) must outlive this.
  PendingWrites(const std::vector<StreamWrite>& writes, const PendingWrites* outer) : writes_(writes), outer_(outer) {}

  // The position in `writes` of the entry for `stream`, if there is one. Amortised O(1): the
  // index follows the entries appended since the last call.
  std::optional<std::size_t> find(const std::string& stream) const;
  const std::vector<StreamWrite>& writes() const { return writes_; }
  const PendingWrites* outer() const { return outer_; }

 private:
  const std::vector<StreamWrite>& writes_;
  const PendingWrites* outer_;
  mutable std::unordered_map<std::string, std::size_t> index_;
  mutable std::size_t indexed_ = 0;
};

// The case as the log has it, then as `pending` would change it (NotFound when neither has it).
Result<CaseState> load_planned(Engine& engine, const std::string& case_name, const PendingWrites* pending);

// Adds `from` to `into` (whose entries `index` follows): a stream `into` already writes gets the
// new events after its own (they were decided on them, engine/pending_writes.cpp), any other is
// added.
void merge_writes(std::vector<StreamWrite>& into, std::vector<StreamWrite>&& from, const PendingWrites& index);

// Decides `command` on `case_name` without writing: authorisation, state, inputs, clauses, linked
// cases, commands issued with `do`, and fan-outs. `depth` guards fan-outs issuing fan-outs;
// `pending`: what the enclosing commands have planned (none for a command of its own).
Result<Plan> plan_command(Engine& engine, const std::string& case_name, const std::string& command,
                          const store::Actor& actor, const nlohmann::json& inputs, const std::string& correlation,
                          int depth = 0, const PendingWrites* pending = nullptr);

// Appends the plan's writes atomically (one multi-stream batch) and fills the positions in
// `accepted`; `recorded`, when given, receives the events as written.
Status append_plan(store::EventStore& store, Plan& plan, std::vector<store::Event>* recorded = nullptr);

// Several cases' writes gathered into one plan (a migration, an import), appended atomically,
// then the read models brought up to date. The positions written, or the append's failure.
struct Positions {
  std::uint64_t first = 0, last = 0;
};
Result<Positions> append_gathered(store::EventStore& store, std::vector<StreamWrite> writes);

}  // namespace mentorflow::engine
