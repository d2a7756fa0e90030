#pragma once
// Scenarios: many commands run in order on a simulated clock, each with the outcome it expects, as
// `mentorflow run` does (format: examples/README.md). A scenario is JSON Lines; blank lines and
// lines starting with '#' are comments. Each line sets the clock (`now`, required) and then:
//
//   {"publish": {"workflow": PATH, "rules": PATH, "edition": NAME}, "now": T}
//   {"now": T, "as": "ROLE:USER", "case": CASE, "command": NAME, "inputs": {...},
//    "expect": "accepted"|"refused", "reason": "substring of the refusal"}
//   {"tick": true, "now": T}
//   {"import": {"csv": PATH, "into": "EDITION/TYPE", "command": NAME}, "now": T}
//
// Any line may also carry "key": its idempotency key (engine/idempotency.hpp); a line without one
// gets "run:NAME:LINE" (NAME: the scenario file's name). A command line's key is recorded with its
// command, and every line's key is the correlation id (or its start) of the events it writes, so
// that a run killed at any moment can be resumed (ScenarioOptions::resume) and ends with the very
// log an uninterrupted run writes.
//
// The whole file is parsed before anything runs, so a malformed line is reported (with its number)
// before a single event is written. Not thread-safe, like the Engine it drives.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "engine/engine.hpp"
#include "engine/timers/tick.hpp"

namespace mentorflow::engine {
class Pseudonyms;
}

namespace mentorflow::engine::imports {

enum class ScenarioStep { kPublish, kCommand, kTick, kImport };

// One line of a scenario, as parsed (its paths not yet resolved, nothing run).
struct ScenarioLine {
  int number = 0;  // 1-based, counting comment and blank lines
  ScenarioStep step = ScenarioStep::kCommand;
  UtcMicros now = 0;
  std::string now_text;  // as written
  std::string zone;      // of `now`, for printing other times ("UTC" when only an offset was given)
  // kPublish: paths relative to the scenario's folder
  std::string workflow, rules, edition;
  // kImport: a CSV export of applications (engine/imports/applicant_import.hpp), relative to the scenario's
  // folder, opened as `into` (EDITION/TYPE) by `command`
  std::string csv, into, import_command;
  // kCommand
  CommandRequest request;
  bool expect_refused = false;
  std::optional<std::string> reason;  // must occur in the refusal (expect_refused only)
  std::string key{};  // as written ("key"); empty: derived from the file's name and the line number
};

// A line that is not one of the four forms above, whose `now` goes back in time, or whose key is
// another line's.
struct MalformedLine {
  int number = 0;
  std::string message;  // one sentence
};

struct Scenario {
  std::vector<ScenarioLine> lines;  // the runnable lines, in order
  std::vector<MalformedLine> malformed;
  int physical_lines = 0;  // every line of the text, comments included
};

// Parses the text of a scenario file. Never fails: what cannot be read goes to `malformed`.
Scenario parse_scenario(std::string_view text);

// What happened on one line, in plain words, for the caller to print.
struct LineReport {
  const ScenarioLine* line = nullptr;  // into the Scenario being run
  bool as_expected = true;
  std::string what;                 // "submit on mie-2021/application/anna accepted: now 'ineligible'"
  std::vector<std::string> notes;   // decisions and flags of an accepted command, timers a tick fired
  bool skipped = false;             // resuming: the line had run already; nothing was decided again
};

struct ScenarioSummary {
  int lines = 0;                // runnable lines in the scenario
  int lines_run = 0;            // of those, run (fewer when stopped early)
  int published = 0;            // publish lines (already-published ones included)
  int accepted = 0;             // commands accepted (expected or not)
  int refused_as_expected = 0;
  int unexpected = 0;           // unexpected outcomes, malformed lines included
  int ticks = 0;
  int timers_fired = 0;
  int imported = 0;             // cases opened by import lines
  int decisions = 0;            // DecisionRecorded events written by the run
  int skipped = 0;              // resuming: lines that had run already
  std::optional<int> resumed_after;  // resuming: the line whose events end the log (none: from the start)
  std::optional<int> stopped_at;  // the line whose outcome stopped the run

  bool all_as_expected() const { return unexpected == 0; }
};

struct ScenarioOptions {
  std::filesystem::path base_dir;  // publish paths are relative to it (the scenario file's folder)
  bool keep_going = false;         // run on past unexpected outcomes and malformed lines
  std::string name;                // the scenario file's name (no folder), for the lines' derived keys
  // Continue a run of this scenario that was killed: the lines up to the one whose events end the
  // log are skipped (a tick or publish line there runs again: they write only what is missing), and a
  // command whose key is recorded already is reported as skipped, not unexpected.
  bool resume = false;
  std::function<void(const LineReport&)> on_line;  // after each line that ran; may be empty
  // The door's pseudonyms (engine/privacy/pseudonyms.hpp) that every command and import line goes
  // through; null: as written.
  const Pseudonyms* pseudonyms = nullptr;
};

// Runs `scenario` on `engine`, setting `clock` (the clock `engine` and its store read) to each
// line's time. Without keep_going, runs nothing when a line is malformed and stops after the first
// unexpected outcome. A refused command writes nothing. A line whose time is before the store's
// last event is unexpected and writes nothing (the log's time never goes back); so is, without
// `resume`, a command whose key is recorded already (an earlier run of the same scenario). Fails (with the line number) only when the
// store itself fails (I/O, corruption): unexpected outcomes are counted in the summary.
Result<ScenarioSummary> run_scenario(Engine& engine, ManualClock& clock, const Scenario& scenario,
                                     const ScenarioOptions& options);

// The key of `line` in a scenario file called `name`: its own, else "run:NAME:LINE" (NAME replaced
// by a digest of it when that would not be a valid key).
std::string line_key(const ScenarioLine& line, const std::string& name);

}  // namespace mentorflow::engine::imports
