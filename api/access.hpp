#pragma once
// Who may see and do what through the API (docs/API.md, "Who may do what"). A token gives a user,
// roles and editions; the edition's workflow says which of those roles are participants, staff
// or auditors. Participants see and act only on cases they are a party of, and see no lists;
// staff see and act on the cases of their editions; auditors read everything in their editions
// and write nothing. Commands are then authorised again by the engine, exactly as for the CLI.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/tokens.hpp"
#include "dsl/definition.hpp"
#include "engine/case_state.hpp"

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

// Whether `user`, acting in one of `roles`, is a party of `state` (per the case type's parties).
bool is_party(const engine::CaseState& state, const dsl::Definition& definition, const std::string& user,
              const std::vector<std::string>& roles);

// Whether the principal may read the case or cohort `state`.
bool may_read_case(const Standing& standing, const Principal& principal, const engine::CaseState& state,
                   const dsl::Definition& definition);

// A case's history (engine::history_json) as a participant may see it: the entries of other
// participants keep what happened (command, change of state, notes) but lose their inputs and the
// explanations of their decisions, which hold the other person's data. Staff and auditors see
// the history whole.
nlohmann::json history_for(nlohmann::json history, const Standing& standing, const Principal& principal,
                           const dsl::Definition& definition);

}  // namespace mentorflow::api
