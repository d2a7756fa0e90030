#pragma once
// The engine: publishes definitions into the log and turns commands into events. Case state is
// only ever rebuilt by folding events (case_state.hpp); rules are evaluated only when a command is
// decided, and their traces are recorded. Design: docs/ENGINE.md.
//
// Not thread-safe: one Engine per thread (the store beneath it is). The clock is injected; the
// engine never reads the wall clock.
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "dsl/eval/case_data.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "engine/case_locks.hpp"
#include "engine/case_name.hpp"
#include "engine/case_state.hpp"
#include "store/document_store.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine {

struct Published {
  std::string definition_id;
  bool already_published = false;  // the same texts were published under this edition before
  std::uint64_t position = 0;      // of the DefinitionPublished event
};

struct CommandRequest {
  std::string case_name;          // EDITION/TYPE/ID or EDITION/COHORT
  std::string command;
  store::Actor actor;             // user and the role they act in
  nlohmann::json inputs = nlohmann::json::object();
  std::string correlation_id;     // optional: ties the events to the caller's request
  // Optional idempotency key (engine/idempotency.hpp): recorded with the command; the same key on
  // the same case again returns the first outcome and writes nothing. Empty: none.
  std::string key{};
};

struct Accepted {
  std::string case_name;
  std::string state;                     // the case's state afterwards
  std::uint64_t first_position = 0, last_position = 0;
  std::vector<std::string> event_types;  // what was appended to the case's stream, in order
  std::vector<std::string> other_cases;  // other cases the command changed (create, for each)
  std::vector<std::string> notes;        // decisions and flags, in plain words
  bool replayed = false;  // the request's key was recorded before: this is the first outcome, nothing written
};

// Where a command over many cases (a migration, an import) wrote: the positions of its first and
// last event, both 0 when it wrote nothing (a dry run, or a problem found).
struct BatchPositions {
  std::uint64_t first_position = 0, last_position = 0;
};

// Where `state --at` stops folding: at a global position, or at a recorded time.
struct Until {
  std::optional<std::uint64_t> position;
  std::optional<UtcMicros> time;
};

// Loading a case folds at most this many events past its latest snapshot before saving a new one:
// a snapshot costs one unsynced write and about as much to read back as folding a dozen events.
inline constexpr std::uint64_t kSnapshotEvery = 16;

// Who brings the read models (engine/read_models/read_model.hpp) up to date after an accepted command.
enum class ReadModelUpkeep {
  kAfterEachCommand,  // handle() and publish() catch up before they return, so a query next sees it
  kByFollower,        // a ReadModelFollower (engine/read_models/read_model_follower.hpp) does, behind the commands
};

class Engine {
 public:
  // `store` and `clock` are not owned and must outlive the engine; so must `case_locks`, which
  // the engines of one process share so that commands on one case take turns (case_locks.hpp).
  Engine(store::EventStore& store, const Clock& clock, ReadModelUpkeep upkeep = ReadModelUpkeep::kAfterEachCommand,
         CaseLocks* case_locks = nullptr);
  ~Engine();

  // Compiles the pair and appends DefinitionPublished (with both texts) to stream EDITION, then
  // opens the edition's cohorts. The same texts again: nothing new is written (already_published).
  // Refused for other texts under a published edition name; InvalidArgument (with `diagnostics`
  // filled) when the files do not check. `correlation` is stamped on what it writes.
  Result<Published> publish(const dsl::SourceFile& workflow, const dsl::SourceFile& rules, const std::string& edition,
                            dsl::Diagnostics& diagnostics, const std::string& correlation = "");

  // Handles one command. Refused (one sentence naming the rule and values) when the role, the
  // party, the state, the inputs or a rule does not allow it; NotFound for an unknown edition,
  // case type or command; then nothing is written. A version conflict (another writer changed a case
  // between this command's read and its write) is decided again on the new state, up to
  // kMaxDecisions times with a short random pause between (engine/decide_again.hpp); then Conflict. Once
  // accepted, brings the read models up to date (engine/read_models/read_model.hpp) unless a follower does;
  // they are a cache for queries, so a failure there does not undo or refuse the command (replay
  // rebuilds them). A request with a key (engine/idempotency.hpp) is first looked up in its case:
  // recorded for the same command, the first outcome comes back (`replayed`) and nothing is written;
  // recorded for another command, Conflict naming the key and what differs; an invalid key,
  // InvalidArgument.
  Result<Accepted> handle(const CommandRequest& request);
  // The same, for a caller that has parsed request.case_name already (the HTTP door reads the
  // edition from it first), so that it is parsed once along the command.
  Result<Accepted> handle(const CaseName& name, const CommandRequest& request);

  // Decides a command exactly as handle() would, and writes nothing: what it would do (the
  // state after, the events for the case, the other cases it would change, the notes), or the
  // refusal it would get. Positions are 0. For confirming a cohort command before it is run.
  Result<Accepted> decide(const CaseName& name, const CommandRequest& request);

  // The case as it is now, or as it was (`until`). NotFound if it has no events (then). Now: from
  // where this engine last folded it (engine/case_cache.hpp), or else from the case's snapshot if
  // it has a usable one, then its later events; and when that meant folding more than
  // kSnapshotEvery events past the snapshot, saves a new one (not on a read-only store). As it
  // was: always folds from the first event, so nothing can stand in for history.
  Result<CaseState> load(const std::string& case_name, const Until& until = {});

  // Case `case_name` in `state` as evaluation reads it: a case of `type` under `definition` (a fresh
  // one when the case does not exist yet). Converted once per version of a case this engine
  // loaded, then copied. Corruption when the state does not fit the definition.
  Result<dsl::CaseData> case_data(const CaseState& state, const dsl::Definition& definition, dsl::Index type,
                                  const std::string& case_name);

  // The definition an edition runs under, compiled from the texts in the log (cached).
  Result<const dsl::Definition*> definition_of_edition(const std::string& edition);
  // The definition a case runs under: its edition's, or the one it was migrated to.
  Result<const dsl::Definition*> definition_of_case(const CaseState& state);

  store::EventStore& store() { return store_; }
  // The uploaded documents beside the log (engine/uploads.hpp).
  store::DocumentStore& documents() { return *documents_; }
  const Clock& clock() const { return clock_; }
  ReadModelUpkeep read_model_upkeep() const { return upkeep_; }

 private:
  // Saves a snapshot of `state` when it is more than kSnapshotEvery events past `snapshot_version`.
  void save_snapshot_if_due(const CaseState& state, std::uint64_t& snapshot_version);
  // Reads the versions of the streams `request` will likely load in one go, for load() to take
  // during this attempt (engine/read_ahead.hpp).
  Status read_versions_ahead(const CaseName& name, const CommandRequest& request, store::EventStore::Freshness freshness);
  // Whether a case of `read` (name -> the version a decision read) is at another version now.
  Result<bool> read_cases_moved(const std::unordered_map<std::string, std::uint64_t>& read) const;

  struct Impl;
  store::EventStore& store_;
  const Clock& clock_;
  const ReadModelUpkeep upkeep_;
  CaseLocks* const case_locks_;  // null: this engine alone (the CLI), no turns to take
  std::unique_ptr<Impl> impl_;
  std::unique_ptr<store::DocumentStore> documents_;
};

}  // namespace mentorflow::engine
