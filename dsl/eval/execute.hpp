#pragma once
// Running one command of a Definition on one case: the clauses in order, on a working copy of the
// case. Pure: it reads the case, the inputs, `now` and the actor (and other cases through the
// resolver), and says what happens; the engine turns the outcome into events and appends them.
// A refusal changes nothing and says why in one sentence. Thread-safe.
//
// What the engine checks before calling: the actor's role (CommandSpec::allows_role), that a
// participant is a party of the case, and the case's state (CommandSpec::allows_state, or no case
// yet for a creating command). read_inputs() validates the JSON inputs.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dsl/eval/case_data.hpp"
#include "dsl/eval/eval.hpp"
#include "dsl/model/program.hpp"

namespace mentorflow::dsl {

// The longest text a command's input may hold, in characters (docs/API.md, "Limits").
inline constexpr std::size_t kMaxTextLength = 10'000;

// The command's inputs from a JSON object, by CommandSpec::inputs index: unknown, missing (unless
// optional) or mistyped inputs, or a text longer than kMaxTextLength, give nullopt and `error`,
// one sentence naming the input. A document
// (attach) is a file reference: "name.pdf", or {"file": ..., "sha256": ...}; a document with
// language variants takes an object with one such reference per variant.
std::optional<std::vector<Value>> read_inputs(const CommandSpec& command, const nlohmann::json& inputs,
                                              std::string& error);

// ---- what a command does, in order -------------------------------------------------------------
struct PartyJoined { Index party; std::string user; };          // a creating command's actor
struct FieldSet { Index field; Value value; };                   // fills, set
struct DocumentAttached { Index document; nlohmann::json files; };
struct Decided {                                                 // decide: recorded with its reason
  Index clause = 0;            // position in CommandSpec::clauses
  Value outcome;               // the decision's value (bool)
  Index state = 0;             // the state it chose
  Trace trace;
  std::string trace_text;      // trace_text(trace): canonical JSON
  std::string explanation;     // explain(trace)
  nlohmann::json inputs;       // what it read (see recorded_inputs): enough to evaluate it again
};
struct CounterIncremented { Index counter; std::int64_t value; };
struct CadenceChecked {                                         // cadence ... flag (within or not)
  Index input = 0, slot = 0;
  Value value;                          // this time's date
  std::optional<std::int64_t> gap;      // elapsed seconds since the previous one; none the first time
  bool within = true;                   // previous + min <= value <= previous + max, in the calendar
  std::string text;                     // when not within: the flag's sentence (cadence_flag_text)
};
struct CaseCreated {                                             // create CASE with ...
  Index case_type = 0;
  std::vector<std::pair<Index, std::string>> parties;
  std::vector<std::pair<Index, Value>> fields;
};
struct FanOut { ForEachClause clause; };                         // for each: the engine issues them
struct MatchRequested { MatchClause clause; };                   // match: the engine runs it
struct CommandIssued { Index case_type = 0; std::string case_id; Index command = 0; };  // do ... on: the engine issues it
struct OutputIssued { Index output = 0; Value value; std::vector<std::string> recipients; };
struct StateChanged { Index from = 0, to = 0; };
struct Flagged { Index clause = 0; std::string reason; };          // flag ... when: its condition held

using Effect = std::variant<PartyJoined, FieldSet, DocumentAttached, Decided, CounterIncremented, CadenceChecked,
                            CaseCreated, FanOut, MatchRequested, OutputIssued, StateChanged, CommandIssued, Flagged>;

struct Outcome {
  bool accepted = false;
  std::string refusal;          // when refused: one sentence ("a meeting lasts at most 2h; this one lasted 3h")
  Trace trace;                  // when refused by a `requires`: its trace
  std::vector<Effect> effects;  // when accepted, in order
  CaseData after;               // when accepted: the case with every effect applied
};

struct CommandContext {
  std::string actor;               // the user issuing it
  std::string role;                // the role they act in
  Value now;                       // a datetime
  const CaseResolver* cases = nullptr;
};

// Runs command `command` of case type `case_type` on `before` (for a creating command, a
// new_case() the caller made, with its id). `inputs` come from read_inputs().
Outcome execute(const Program& program, Index case_type, Index command, const CaseData& before,
                const std::vector<Value>& inputs, const CommandContext& context);

// Evaluates a recorded decision again: clause `clause` of the command, with the inputs recorded in
// Decided::inputs. For `verify` (same definition) and `what-if` (another rules file, same workflow).
Evaluation reevaluate_decision(const Program& program, Index case_type, Index command, Index clause,
                               const nlohmann::json& recorded, bool with_trace);

}  // namespace mentorflow::dsl
