#pragma once
// The names users give cases and cohorts: `EDITION/TYPE/ID` for a case, `EDITION/COHORT` for a
// cohort, `EDITION` for the edition itself. Each is also the name of its event stream (docs/ENGINE.md).
#include <optional>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace mentorflow::engine {

struct CaseName {
  std::string edition;
  std::string type;  // a case or cohort type of the edition's workflow
  std::string id;    // empty for a cohort

  bool is_cohort() const { return id.empty(); }
  std::string stream() const;  // the event stream the case lives in
  bool operator==(const CaseName&) const = default;
};

// Parses `EDITION/TYPE/ID` or `EDITION/COHORT`. Each part is 1..64 characters of letters, digits,
// '-', '_' and '.', not starting with '.'. InvalidArgument with one sentence otherwise.
Result<CaseName> parse_case_name(std::string_view text);

// Whether `name` is a valid edition name (the same character rules as each part above).
bool is_valid_edition_name(std::string_view name);

}  // namespace mentorflow::engine
