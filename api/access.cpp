#include "api/access.hpp"

#include <algorithm>

namespace mentorflow::api {

Standing standing_in(const Principal& principal, const std::string& edition, const dsl::Definition& definition) {
  Standing s;
  s.covered = principal.covers_edition(edition);
  if (!s.covered) return s;
  for (const std::string& role : principal.roles) {
    const dsl::RoleSpec* spec = definition.find_role(role);
    if (!spec) continue;
    switch (spec->kind) {
      case dsl::RoleKind::Participant: s.participant_roles.push_back(role); break;
      case dsl::RoleKind::Staff: s.staff_roles.push_back(role); break;
      case dsl::RoleKind::Auditor: s.auditor_roles.push_back(role); break;
      case dsl::RoleKind::System: break;  // the engine's own role: never a caller's
    }
  }
  return s;
}

bool is_party(const engine::CaseState& state, const dsl::Definition& definition, const std::string& user,
              const std::vector<std::string>& roles) {
  const auto type = definition.find_case_type(state.case_type);
  if (!type) return false;
  for (const dsl::PartySpec& party : definition.case_type(*type).parties) {
    if (std::find(roles.begin(), roles.end(), party.role) == roles.end()) continue;
    auto it = state.parties.find(party.name);
    if (it != state.parties.end() && it->second == user) return true;
  }
  return false;
}

bool may_read_case(const Standing& standing, const Principal& principal, const engine::CaseState& state,
                   const dsl::Definition& definition) {
  if (standing.reads_edition()) return true;
  return standing.covered && is_party(state, definition, principal.user, standing.participant_roles);
}

nlohmann::json history_for(nlohmann::json history, const Standing& standing, const Principal& principal,
                           const dsl::Definition& definition) {
  if (standing.reads_edition()) return history;
  for (nlohmann::json& entry : history) {
    const std::string user = entry["actor"].value("user", "");
    const dsl::RoleSpec* role = definition.find_role(entry["actor"].value("role", ""));
    if (user == principal.user || !role || role->kind != dsl::RoleKind::Participant) continue;
    entry["inputs"] = nlohmann::json::object();
    for (nlohmann::json& decision : entry["decisions"]) {
      decision.erase("reason");
      decision.erase("explanation");
      decision.erase("trace");
    }
    entry["redacted"] = true;
  }
  return history;
}

}  // namespace mentorflow::api
