#pragma once
// Retention (docs/PRIVACY.md, "Retention and legal holds"): which people's personal data an
// edition's `retention` (its rules file) says is due for erasure at a given time, and which of
// them a legal hold keeps.
//
// An edition closes at the later of its timeline's end (the latest date or date-time among its
// parameters: `meetings_until` for UniMi) and the last event of its cases (a mentorship that ran
// late, a certificate issued after), legal holds left out: a hold placed years later does not
// reopen the edition. Its data is due from 00:00, in its zone, of the day after the closing day
// moved by the retention. A person is due once every edition they are a party of in the store is
// due (one without `retention` keeps them until they are erased by hand), and held while a case
// they are a party of, or a case whose events name them (a mentee's application naming the mentor
// proposed to her), is held: as an erasure finds their cases (engine/erasure.hpp), which a hold
// on any of them refuses.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "dsl/model/retention.hpp"
#include "store/subjects.hpp"

namespace mentorflow::engine {

class Engine;

struct EditionRetention {
  std::string edition;
  std::string zone;           // its dates are read there
  dsl::Retention retention;   // unset: the rules file sets none
  std::int64_t closed_on = 0; // the day it closed (days since 1970-01-01, in its zone)
  std::string closed_by;      // what closed it, in words: "parameter meetings_until", "the last event of CASE"
  std::int64_t due_from = 0;  // its data is due from 00:00 of this day (0 without a retention)
  UtcMicros due_at = 0;       // that instant (0 without a retention)
};

struct LegalHoldOn {
  std::string case_name;
  std::string reason, by;  // by: the user who placed it, as the log holds it
  UtcMicros at = 0;
};

struct RetainedSubject {
  std::string user;                    // as the log holds it: a pseudonym on a store with a master key
  std::vector<std::string> editions;   // every edition they are a party of, sorted
  std::vector<std::string> cases;      // every case they are a party of, sorted
  std::int64_t due_since = 0;          // the latest due day of their editions
  std::vector<LegalHoldOn> holds;      // their held cases; empty for one that is due
};

struct RetentionReport {
  UtcMicros at = 0;
  std::vector<EditionRetention> editions;  // every published edition, by name
  std::vector<RetainedSubject> due;        // due at `at` and held by nothing, by user
  std::vector<RetainedSubject> held;       // due at `at` but for a legal hold, by user
};

// The subjects due for erasure at `at`, and those a hold keeps. `subjects`: the store's subjects
// (null for a store with ids in clear), so that people erased already are left out. Reads the
// read models (brought up to date first on a writable store), loads every case to find the held
// ones and reads their events. Errors are the store's.
Result<RetentionReport> subjects_due_for_erasure(Engine& engine, UtcMicros at, const store::Subjects* subjects);

// The report as JSON, dates in each edition's zone: {at, editions: [{edition, retention, closed_on,
// closed_by, due_from}], due: [{subject, editions, cases, due_since}], held: [... and holds:
// [{case, reason, by, at}]]}; retention and due_from are null for an edition without retention.
nlohmann::json retention_json(const RetentionReport& report);

}  // namespace mentorflow::engine
