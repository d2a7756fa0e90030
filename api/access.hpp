#pragma once
// Who may read what through the API (docs/API.md, "Who may do what"). A token gives a user,
// roles and editions; the edition's workflow says which of those roles are participants, staff
// or auditors. Participants read only cases they are a party of, and see no lists; staff read the
// cases of their editions; auditors read everything in their editions. Who may issue a command is
// the engine's alone to decide (engine/authorise.hpp), exactly as for the CLI.
//
// What a participant sees *of* a case they are a party of is decided by one rule, sees() below,
// which both the state and the history apply (api/case_view.hpp).
#include <string>
#include <vector>

#include "api/tokens.hpp"
#include "dsl/compile/definition.hpp"
#include "engine/case_state.hpp"
#include "store/event.hpp"

namespace mentorflow::api {

// What a principal is in one edition: its roles there, by kind.
struct Standing {
  bool covered = false;  // the token names the edition (or "*")
  std::vector<std::string> participant_roles, staff_roles, auditor_roles;

  bool is_staff() const { return covered && !staff_roles.empty(); }
  bool is_auditor() const { return covered && !auditor_roles.empty(); }
  // Staff and auditors read every case of the edition, its lists and its streams.
  bool reads_edition() const { return is_staff() || is_auditor(); }
};

Standing standing_in(const Principal& principal, const std::string& edition, const dsl::Definition& definition);

// Whether the principal may read the case or cohort `state`.
bool may_read_case(const Standing& standing, const Principal& principal, const engine::CaseState& state,
                   const dsl::Definition& definition);

// Who reads a case, as sees() needs them.
struct Reader {
  bool whole = false;              // staff and auditors of the edition: everything
  std::string user;
  std::vector<std::string> roles;  // the roles in which the reader is a party of the case
};

// The reader of `state` (a case they may read: may_read_case) with the caller's standing.
Reader reader_of(const Standing& standing, const Principal& principal, const engine::CaseState& state,
                 const dsl::Definition& definition);

// The rule: whether `reader` sees what `writer` wrote on a case of `type` with `command` (empty
// when no command of the case wrote it: it was opened by another case's command, a timer, a
// reminder). Yes for staff and auditors; for a participant, yes for what they wrote themselves,
// for what the programme wrote (a staff, auditor or system actor), and for what another party
// wrote in a step the reader takes part in too: a state the command starts from in which a
// command of the reader's role also starts (the MIE agreement, written in `signing`, where both
// sign; the meetings both log in `active`). What another participant wrote in a step that is
// theirs alone (a diary, a questionnaire in `reporting`) the reader does not see.
bool sees(const Reader& reader, const dsl::Definition& definition, const dsl::CaseTypeSpec& type,
          const store::Actor& writer, const std::string& command);

}  // namespace mentorflow::api
