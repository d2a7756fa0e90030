#pragma once
// The people a case concerns, in words, for the audit reports (history, what-if): a case id names
// at most one of them (`unimi-2025/mentorship/anna` is the mentee's), while a decision on a pair
// case concerns the mentor as well, who gains the credits.
#include <map>
#include <string>

#include "dsl/compile/definition.hpp"

namespace mentorflow::engine::audit {

// "mentee anna, mentor marco": each party with its user, in the order `spec` declares them (any
// party `spec` does not declare, or all when `spec` is null, after them by name); "" for none.
std::string party_words(const dsl::CaseTypeSpec* spec, const std::map<std::string, std::string>& parties);

}  // namespace mentorflow::engine::audit
