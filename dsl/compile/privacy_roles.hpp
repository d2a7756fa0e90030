#pragma once
// Who may manage a person's personal data (docs/PRIVACY.md, "Erasing a person"): the roles a
// workflow declares with `privacy` (a data-protection officer, `privacy dpo`). Such a role issues
// none of the workflow's commands; it erases people, through `mentorflow erase` and the API.
#include <string_view>

#include "dsl/compile/definition.hpp"

namespace mentorflow::dsl {

// Whether `role` is a privacy role of `definition`.
bool may_manage_personal_data(const Definition& definition, std::string_view role);

}  // namespace mentorflow::dsl
