#pragma once
// The zone an edition's times are shown in (history, certificates, calendars): that of its first
// date-time parameter (its deadline, typically), else UTC.
#include <string>

#include "dsl/definition.hpp"

namespace mentorflow::engine {

std::string edition_zone(const dsl::Definition* definition);

}  // namespace mentorflow::engine
