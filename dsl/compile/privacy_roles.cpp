#include "dsl/compile/privacy_roles.hpp"

namespace mentorflow::dsl {

bool may_manage_personal_data(const Definition& definition, std::string_view role) {
  const RoleSpec* spec = definition.find_role(role);
  return spec != nullptr && spec->kind == RoleKind::Privacy;
}

}  // namespace mentorflow::dsl
