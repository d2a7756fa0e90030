#pragma once
// The zone an edition's times are shown in (history, certificates, calendars) and its calendar
// durations counted in (timers `after 3weeks`, docs/LANGUAGE.md): the one its rules
// file declares (`zone Europe/Rome`), else that of its first date-time parameter (its deadline,
// typically: how editions published before `zone` existed keep showing their times), else UTC.
#include <string>

#include "dsl/compile/definition.hpp"

namespace mentorflow::engine {

std::string edition_zone(const dsl::Definition* definition);

}  // namespace mentorflow::engine
