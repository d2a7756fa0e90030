#pragma once
// What a person may do next (docs/API.md, "Commands open now"): the commands engine::authorise
// would let them issue on a case as it is now, and the cases a `ref` input may name. The web app
// builds its forms from these; the command itself is decided again when it is issued.
#include <optional>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "engine/case_state.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {

struct OpenCommand {
  dsl::Index command = 0;  // of the case's type
  std::string role;        // the first of the person's roles that may issue it
};

// The commands of `state`'s type that `user`, acting in one of `roles`, may issue on it now (role,
// party and state allow it; `requires` clauses and rules are not tried: they need the inputs), in
// the order the workflow declares them. A case that does not exist yet (`state.exists()` false)
// gives the commands that open one, for a case named `case_name`.
std::vector<OpenCommand> open_commands(const dsl::Definition& definition, dsl::Index type, const CaseState& state,
                                       const std::string& case_name, const std::string& user,
                                       const std::vector<std::string>& roles);

// The case type a `ref` input names (through list, set and optional), if it names one.
std::optional<std::string> referred_case_type(const dsl::Type& type);

// The cases a `ref` input of a command of `type` may name (for a `list of ref`, each item): the
// cases of the referred type in `edition` that are not in a final state, and, when a `match`
// clause of the workflow pairs `type` with the referred type, only those in the clause's state
// (the mentors met at the speed date, the placements open). In name order, at most `limit`.
Result<std::vector<std::string>> ref_candidates(Engine& engine, const dsl::Definition& definition,
                                                const std::string& edition, dsl::Index type,
                                                const dsl::Type& input_type, std::size_t limit);

}  // namespace mentorflow::engine
