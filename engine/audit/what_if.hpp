#pragma once
// `mentorflow what-if`: what an edition's log would say under another rules file (with the
// edition's workflow text from the log): every recorded decision evaluated again, every value a
// rule produced (fields set, outputs issued: engine/audit/what_if_values.hpp) and every matching
// run (engine/audit/what_if_matching.hpp) again, to see who would have been decided, credited or
// paired otherwise and why. Reads the log only; writes nothing. Report format: docs/ENGINE.md, "Audit".
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

// One value a `set` or an `issue` clause produced that would differ (or that no longer evaluates).
struct WhatIfValueChange {
  std::uint64_t position = 0;        // of the command's CommandAccepted
  std::string case_name;
  std::string parties;               // as in WhatIfChange
  std::string name;                  // the field or the output
  std::string old_value, new_value;  // as shown; new_value empty when it cannot be evaluated
  std::string reason;                // why it cannot be evaluated
};

// The values one clause produced: `select_mentor / set capacity = mentees_per_mentor`,
// `certify / issue credits = ects(application.degree, meetings)`.
struct WhatIfValueGroup {
  std::string case_type, command, clause;
  bool output = false;  // an issued output's value, not a field's
  std::uint64_t values = 0;
  std::vector<WhatIfValueChange> changes;  // in log order
};

// A pair a matching run proposed: the left case and the right one, with their parties.
struct WhatIfPair {
  std::string left, left_parties, right, right_parties;
};

// A recorded matching run (MatchingRunRecorded) run again under the new rules, on the same
// candidates: their rankings as the log had them, capacities and acceptability under the new rules.
struct WhatIfRun {
  std::uint64_t position = 0;
  std::string cohort, command, left_type, right_type;
  std::string method, new_method;  // the run's method as recorded and under the new rules
  std::uint64_t pairs = 0;         // pairs the run recorded
  std::uint64_t new_pairs = 0;     // pairs it gives under the new rules
  std::vector<WhatIfPair> lost, gained;  // in the order of the left cases
  std::string problem;             // why it cannot be run again; empty when it ran
  bool changed() const { return !problem.empty() || !lost.empty() || !gained.empty(); }
};

struct WhatIfReport {
  std::string edition;
  std::string rules_path;
  std::string definition_id;      // of the definition compiled with the new rules
  std::vector<WhatIfGroup> groups;  // in the order their first decision was recorded
  std::vector<WhatIfValueGroup> value_groups;  // in the order their first value was recorded
  std::vector<WhatIfRun> runs;                 // in log order
  // Decisions and commands left out: they read values of a subject since erased (docs/PRIVACY.md).
  std::uint64_t skipped_erased = 0;
  std::uint64_t decisions() const;
  std::uint64_t changes() const;
  // Values of fields (output = false) or of outputs (true) evaluated again, and those that change.
  std::uint64_t values(bool output) const;
  std::uint64_t value_changes(bool output) const;
  std::uint64_t runs_changed() const;
};

// Rebuilds the definition of `edition` with `rules` in place of its rules file, re-evaluates every
// decision recorded on the edition's cases, runs every command that set a field from an
// expression or issued an output with a value again under both definitions, and runs every
// recorded matching run again. NotFound for an unknown edition; InvalidArgument
// when the new rules do not compile with the workflow (`diagnostics` filled: they point into
// `rules` and into the workflow text the engine keeps, so `engine` must outlive them).
Result<WhatIfReport> what_if(Engine& engine, const std::string& edition, const dsl::SourceFile& rules,
                             dsl::Diagnostics& diagnostics);

// The report as text (format in docs/ENGINE.md), ending in a newline.
std::string what_if_text(const WhatIfReport& report);

}  // namespace mentorflow::engine::audit
