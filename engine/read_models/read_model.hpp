#pragma once
// Read models (docs/ENGINE.md, "Read models"): what queries read instead of folding every
// stream — case summaries, cases by state per edition, counts per state, due timers — kept in
// the store's views (store/views.hpp) by a catch-up that projects the log from the views'
// checkpoint on. Never consulted to decide a command (commands fold their case); they answer
// queries, and lag the log until the next catch-up.
//
// Thread-safe: catch-ups on one store (one per Engine, say) take turns (the store's views writer
// lock), so one that waited usually finds its work done; and should two writers still meet, the
// views' checkpoint lets exactly one write, and the other starts again from where it got to. The
// engine reads no clock here; callers time a replay themselves.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine::read_models {

// A case as the read models know it: what lists and counts need, not its fields or documents
// (for those, fold the case: Engine::load).
struct CaseSummary {
  std::string name;  // EDITION/TYPE/ID or EDITION/COHORT
  std::string case_type, edition, definition_id, state;  // empty until the case is opened
  std::uint64_t version = 0, position = 0;  // of the last event projected
  UtcMicros updated_at = 0;
  std::map<std::string, std::string> parties;       // party -> user
  std::map<std::string, std::int64_t> counters;     // counter -> value
  std::map<std::string, std::int64_t> timers;       // pending timer key -> due (UTC micros)
  std::uint32_t flags = 0;                          // flags raised and not cleared (CaseState::flags)
  bool operator==(const CaseSummary&) const = default;
};

// A published edition, as the read models know it.
struct EditionSummary {
  std::string edition, workflow, title, definition_id;
  UtcMicros published_at = 0;
  std::uint64_t position = 0;  // of its DefinitionPublished
  bool operator==(const EditionSummary&) const = default;
};

// What a catch-up did: the views went from checkpoint `from` to `to`, projecting `events` events
// of which `case_events` belong to cases (the others open editions).
struct CatchUp {
  std::uint64_t from = 0, to = 0;
  std::uint64_t events = 0;
  std::uint64_t case_events = 0;
};

// Called with the checkpoint after each step of a catch-up (for progress displays).
using CatchUpProgress = std::function<void(std::uint64_t position)>;

// Brings the read models up to the last event acknowledged when it starts. Corruption naming the
// position when an event does not fit its case; the views then stay at the last good step.
Result<CatchUp> catch_up_read_models(store::EventStore& store, const CatchUpProgress& progress = {});
// Drops the read models and rebuilds them from position 1 (mentorflow replay).
Result<CatchUp> rebuild_read_models(store::EventStore& store, const CatchUpProgress& progress = {});

// Queries. They read the views as they are: catch up first for answers that include the latest
// events. The checkpoint they reflect is store.views_checkpoint().

// The summary of one case; nullopt if the read models do not know it.
Result<std::optional<CaseSummary>> case_summary(const store::EventStore& store, const std::string& case_name);
// The summaries of the cases whose names start with `prefix` ("mie-2021/", "mie-2021/application/"),
// in name order.
Result<std::vector<CaseSummary>> case_summaries(const store::EventStore& store, const std::string& prefix);
// The names of the cases of `edition` and `case_type` in `state`, in name order.
// Every published edition, by name.
Result<std::vector<EditionSummary>> editions(const store::EventStore& store);

// The cases `user` is a party of (in any role, in any edition), by name.
Result<std::vector<std::string>> cases_of_party(const store::EventStore& store, const std::string& user);

Result<std::vector<std::string>> cases_in_state(const store::EventStore& store, const std::string& edition,
                                                const std::string& case_type, const std::string& state);

struct StateCount {
  std::string edition, case_type, state;
  std::uint64_t cases = 0;
  bool operator==(const StateCount&) const = default;
};
// How many cases are in each state, per edition and case type ("" for every edition), in key
// order; states with no case are left out.
Result<std::vector<StateCount>> state_counts(const store::EventStore& store, const std::string& edition = "");

struct DueTimer {
  UtcMicros due = 0;
  std::string case_name, key;
  bool operator==(const DueTimer&) const = default;
};
// The pending timers due at or before `until`, oldest first (then by case and key).
Result<std::vector<DueTimer>> timers_due_by(const store::EventStore& store, UtcMicros until);

}  // namespace mentorflow::engine::read_models
