#pragma once
// A case's flags as a person reads them (docs/ENGINE.md, "Flags"): the cadence flags a `cadence
// ... flag` clause records and the flags a `flag "..." when` clause raises, numbered 1, 2, ... in
// the order the case raised them, which is how staff name one to clear it. Read-only.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "engine/case_state.hpp"

namespace mentorflow::engine {

class Engine;

struct CaseFlag {
  std::string case_name;
  std::uint64_t number = 0;      // 1-based, in the case
  std::string kind;              // "cadence" or "rule"
  std::string text;              // the sentence: "held_on came 5 weeks after ...; expected 3 to 4 weeks"
  std::optional<UtcMicros> raised_at;  // none for cadence flags (their event's time is in history)
  bool cleared = false;
  std::string cleared_by, cleared_reason;
  std::optional<UtcMicros> cleared_at;
};

// Every flag of `state`, cleared ones included. `definition` (nullable) words the cadence flags.
std::vector<CaseFlag> flags_of_case(const CaseState& state, const dsl::Definition* definition);

// The flags still open on every case of `edition`, by case name then number. NotFound for an
// edition the store has not published; a case that fails to load is Corruption naming it.
Result<std::vector<CaseFlag>> open_flags_of_edition(Engine& engine, const std::string& edition);

// The flags as `mentorflow flags --json` and the API give them: [{case, flag, kind, text,
// raised_at}], raised_at RFC 3339 in `zone` or null.
nlohmann::json flags_json(const std::vector<CaseFlag>& flags, const std::string& zone);

}  // namespace mentorflow::engine
