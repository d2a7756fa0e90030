#pragma once
// Migration: moves chosen running cases from the definition they run under to the one another
// edition published, after checking that each case fits the target (its type, its state, its
// fields, counters and parties). All the cases move in one atomic write, or none does.
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "engine/engine.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

struct MigrationRequest {
  std::vector<std::string> cases;  // EDITION/TYPE/ID or EDITION/COHORT
  std::string to_edition;          // whose published definition the cases move to
  store::Actor actor;              // a staff role of the target workflow
  std::string reason;              // recorded with each move
  bool dry_run = false;            // check everything, write nothing
};

struct CaseMove {
  std::string case_name;
  std::string state;                            // unchanged by the move
  std::string from_definition, to_definition;   // ids
  std::vector<std::string> cancelled_timers;    // pending timers the target does not declare
};

// A case that cannot move, and why (one sentence).
struct MoveRefusal {
  std::string case_name;
  std::string reason;
};

struct MigrationResult : BatchPositions {
  std::vector<CaseMove> moves;        // in the order requested
  std::vector<MoveRefusal> refused;   // non-empty: nothing was written
};

// Refused (nothing checked) for an unknown target edition, an actor who is not staff of the
// target workflow, or no case named. A case that cannot move lands in `refused`, and then no case
// moves. Conflict when a case changed while the migration was being decided.
Result<MigrationResult> migrate(Engine& engine, const MigrationRequest& request);

}  // namespace mentorflow::engine
