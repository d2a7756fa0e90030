#pragma once
// The second half of `mentorflow verify`: every DecisionRecorded in the log evaluated again, under
// the definition its case ran under (rebuilt from the DefinitionPublished in the log), with the
// inputs it recorded; the outcome and the chosen state must be the ones recorded. Also the
// re-evaluation that `history` and `what-if` build on. Read-only. Docs: docs/ENGINE.md, "Audit".
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "dsl/eval/trace.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine::audit {

// A recorded decision evaluated again.
struct Reevaluated {
  nlohmann::json outcome;  // the value, in the language's JSON encoding
  std::string state;       // the state the decide clause picks for that value
  std::string expression;  // the decide clause's source text under this definition
  dsl::Trace trace;        // empty unless asked for
};

// Evaluates the decision whose DecisionRecorded payload is `payload`, on a case of type
// `case_type`, under `definition`, with the inputs the payload recorded. InvalidArgument, one
// sentence, when the payload does not fit the definition (no such case type, command or decide
// clause, unreadable inputs) or the evaluation fails.
Result<Reevaluated> reevaluate_recorded(const dsl::Definition& definition, std::string_view case_type,
                                        const nlohmann::json& payload, bool with_trace);

// One decision that does not hold up.
struct DecisionFinding {
  std::uint64_t position = 0;
  std::string case_name;
  std::string problem;  // one sentence: "recorded false (ineligible), but its rule gives true (submitted)"
};

struct DecisionReport {
  std::uint64_t events_read = 0;
  std::uint64_t decisions_checked = 0;
  std::uint64_t matching_runs_checked = 0;  // MatchingRunRecorded run again (engine/matching/run/verify_matching.hpp)
  // Decisions whose inputs are personal values that cannot be read again (docs/PRIVACY.md): of a
  // subject since erased, or sealed and read without the master key. Counted, not checked: not a
  // failure, the chain still proves they were not altered.
  std::uint64_t not_recheckable_erased = 0;
  std::uint64_t not_recheckable_sealed = 0;
  std::vector<DecisionFinding> findings;  // in log order
  bool clean() const { return findings.empty(); }
};

// Called now and then with the last position read and the store's last position.
using DecisionProgress = std::function<void(std::uint64_t read, std::uint64_t total)>;

// Reads the log through `engine`'s store from position 1 to `last_position` (the end of the part
// whose chain is intact) and checks every DecisionRecorded there. Findings go in the report; the
// Result fails only when the log cannot be read. Writes nothing.
Result<DecisionReport> verify_decisions(Engine& engine, std::uint64_t last_position,
                                        const DecisionProgress& progress = {});

}  // namespace mentorflow::engine::audit
