#pragma once
// What-if for the values rules produce: a field a `set` clause sets from an expression
// (`set capacity = mentees_per_mentor`) and an output's value (`issue credits`, valued
// `ects(application.degree, meetings)`). The recorded command is run again on its case as the log
// had it, with the inputs, actor and time it recorded, once under the edition's own definition
// and once under the new one; each value the two give differently is a change. Running both, not
// comparing with the log, keeps what only the rules change: `set ... = now` is the same either way.
// The new values are kept in WhatIfCases, so later commands and matching runs read them.
#include <cstddef>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "engine/audit/what_if.hpp"
#include "engine/audit/what_if_cases.hpp"

namespace mentorflow::engine::audit {

class ValuesWhatIf {
 public:
  // `rules`: the definition compiled with the new rules. None is owned; all must outlive this.
  ValuesWhatIf(Engine& engine, const dsl::Definition& rules, WhatIfCases& cases, std::vector<WhatIfValueGroup>& groups)
      : engine_(engine), rules_(rules), cases_(cases), groups_(groups) {}

  // The command recorded by CommandAccepted `accepted`, before its events are folded into `cases`.
  // Fails only when the log cannot be read; a value that cannot be evaluated is a change with its
  // reason. The changes' parties are left to the caller: a command that opens its case runs before
  // the case has any.
  Status command(const store::Event& accepted);

 private:
  WhatIfValueGroup& group(const std::string& case_type, const std::string& command, const std::string& clause,
                          bool output);

  Engine& engine_;
  const dsl::Definition& rules_;
  WhatIfCases& cases_;
  std::vector<WhatIfValueGroup>& groups_;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> group_of_;
};

}  // namespace mentorflow::engine::audit
