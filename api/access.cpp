#include "api/access.hpp"

#include <algorithm>

#include "engine/authorise.hpp"

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
      case dsl::RoleKind::Privacy: break;  // reads no case: erases people (POST /v1/subjects/erase)
      case dsl::RoleKind::System: break;  // the engine's own role: never a caller's
    }
  }
  return s;
}

namespace {

// The roles among `roles` in which `user` is a party of `state` (engine::is_party decides each).
std::vector<std::string> party_roles(const engine::CaseState& state, const dsl::Definition& definition,
                                     const std::string& user, const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  const auto type = definition.find_case_type(state.case_type);
  if (!type) return out;
  for (const std::string& role : roles)
    if (engine::is_party(state, definition.case_type(*type), user, role) &&
        std::find(out.begin(), out.end(), role) == out.end())
      out.push_back(role);
  return out;
}

}  // namespace

bool may_read_case(const Standing& standing, const Principal& principal, const engine::CaseState& state,
                   const dsl::Definition& definition) {
  if (standing.reads_edition()) return true;
  return standing.covered && !party_roles(state, definition, principal.user, standing.participant_roles).empty();
}

Reader reader_of(const Standing& standing, const Principal& principal, const engine::CaseState& state,
                 const dsl::Definition& definition) {
  if (standing.reads_edition()) return {true, principal.user, {}};
  return {false, principal.user, party_roles(state, definition, principal.user, standing.participant_roles)};
}

bool sees(const Reader& reader, const dsl::Definition& definition, const dsl::CaseTypeSpec& type,
          const store::Actor& writer, const std::string& command) {
  if (reader.whole || writer.user == reader.user) return true;
  const dsl::RoleSpec* role = definition.find_role(writer.role);
  if (!role || role->kind != dsl::RoleKind::Participant) return true;  // the programme wrote it
  const auto index = type.find_command(command);
  if (!index) return false;
  const dsl::CommandSpec& written_by = type.commands[*index];
  // A step both take: some command of the reader's starts from a state this one starts from.
  return std::any_of(type.commands.begin(), type.commands.end(), [&](const dsl::CommandSpec& other) {
    const bool readers = std::any_of(reader.roles.begin(), reader.roles.end(),
                                     [&](const std::string& r) { return other.allows_role(r); });
    return readers && std::any_of(other.from.begin(), other.from.end(),
                                  [&](dsl::Index state) { return written_by.allows_state(state); });
  });
}

}  // namespace mentorflow::api
