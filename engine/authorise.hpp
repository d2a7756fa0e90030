#pragma once
// Who may issue a command on a case (docs/ENGINE.md, "Handling a command"): the one place that
// decides it, for the CLI, the HTTP API and the list of commands a person may issue now. Each
// refusal says its kind in its Status (forbidden, not_a_party, wrong_state, not_found), so a door
// maps the kind to its own answer without asking again.
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "engine/case_state.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

// The engine's own role: timers, `for each`, `do`, a matching run's proposals act in it. No person
// does (Engine::handle refuses it).
inline constexpr std::string_view kSystemRole = "system";

// The longest user name a person may act under, in characters (docs/API.md, "Limits").
inline constexpr std::size_t kMaxUserNameLength = 64;

// Whether `actor.user` may name a person: 1 to kMaxUserNameLength characters, no control
// character (a newline in a name would forge a line of `history`). InvalidArgument saying which
// rule it breaks, the name shown escaped.
Status check_user_name(const store::Actor& actor);

// Whether `user`, acting in `role`, holds one of the parties of a case of type `spec`.
bool is_party(const CaseState& state, const dsl::CaseTypeSpec& spec, const std::string& user, const std::string& role);

// Whether `actor` may issue `command` on `case_name`, now `state` (not exists() when the case has
// no events yet). In this order: Forbidden for a role the workflow does not declare, an auditor,
// or a role the command does not allow; WrongState when a creating command finds the case
// existing; NotAParty when a participant is not a party of the case, or it does not exist (the
// same answer, so that asking tells no one which cases exist); NotFound when another role finds
// no case; WrongState when the case's state is not one the command starts from.
// Each with one sentence naming the case, the command and the role.
Status authorise(const dsl::Definition& definition, const dsl::CaseTypeSpec& spec, const dsl::CommandSpec& command,
                 const CaseState& state, const store::Actor& actor, const std::string& case_name);

}  // namespace mentorflow::engine
