#pragma once
// A table's hit policy as written after its result type. Its own header, not model.hpp: only
// traces and the checker's messages spell a policy out.
#include "dsl/model/model.hpp"

namespace mentorflow::dsl {

// "unique", "first", "collect", "collect sum", "collect min", "collect max", "collect count".
const char* hit_policy_name(HitPolicy p);

}  // namespace mentorflow::dsl
