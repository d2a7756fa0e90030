#pragma once
// `mentorflow what-if`: an edition's recorded decisions evaluated again under another rules file
// (with the edition's workflow text from the log), to see who would have been decided otherwise
// and why. Reads the log only; writes nothing. Report format: docs/ENGINE.md, "Audit".
#include <cstdint>
#include <string>
#include <vector>

#include "dsl/compile/definition.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine::audit {

// One decision whose outcome would differ (or that no longer evaluates).
struct WhatIfChange {
  std::uint64_t position = 0;
  std::string case_name;
  std::string parties;               // who the case concerns: "mentee anna, mentor marco" (party_words.hpp)
  std::string old_state, new_state;  // new_state empty when it cannot be evaluated
  std::string reason;                // the new decision in plain words, or why it cannot be evaluated
};

// The recorded decisions of one decide clause (`submit / eligible(this)`).
struct WhatIfGroup {
  std::string case_type, command, expression;
  std::uint64_t decisions = 0;
  std::vector<WhatIfChange> changes;  // in log order
};

struct WhatIfReport {
  std::string edition;
  std::string rules_path;
  std::string definition_id;      // of the definition compiled with the new rules
  std::vector<WhatIfGroup> groups;  // in the order their first decision was recorded
  std::uint64_t decisions() const;
  std::uint64_t changes() const;
};

// Rebuilds the definition of `edition` with `rules` in place of its rules file and re-evaluates
// every decision recorded on the edition's cases. NotFound for an unknown edition; InvalidArgument
// when the new rules do not compile with the workflow (`diagnostics` filled: they point into
// `rules` and into the workflow text the engine keeps, so `engine` must outlive them).
Result<WhatIfReport> what_if(Engine& engine, const std::string& edition, const dsl::SourceFile& rules,
                             dsl::Diagnostics& diagnostics);

// The report as text (format in docs/ENGINE.md), ending in a newline.
std::string what_if_text(const WhatIfReport& report);

}  // namespace mentorflow::engine::audit
