#pragma once
// A case as one reader may see it: its state and its history with the same parts hidden, by the
// one rule of api/access.hpp (sees()). Staff and auditors see both whole. For a participant, what
// another party wrote outside a step they share is hidden from both views: in the state its
// fields, documents, cadence values and flags and outputs; in the history the entry keeps its
// time, actor, command, change of state and counters, and loses its inputs, the explanations of
// its decisions and its other notes (`"redacted": true`). Matching explanations on the case name
// the other applicants who filled a higher choice: a participant reads them cut down to their
// own outcome (api/match_outcome.hpp). Built from the case's stream; read-only.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "api/access.hpp"
#include "engine/case_state.hpp"
#include "engine/engine.hpp"

namespace mentorflow::api {

class CaseView {
 public:
  // What `reader` may see of `state` (a case they may read), and of its history when
  // `for_history`, from the case's events up to `state.version`. Corruption when an event cannot
  // be read. Reads nothing when nothing can be hidden (staff and auditors; a state whose parties
  // are all the reader).
  static Result<CaseView> read(engine::Engine& engine, const Reader& reader, const dsl::Definition& definition,
                               const engine::CaseState& state, bool for_history);

  // engine::to_json(state) without what the reader may not see.
  nlohmann::json state_json(const engine::CaseState& state) const;
  // engine::audit::history_json(...) entries as the reader may see them.
  nlohmann::json history_json(nlohmann::json entries) const;

 private:
  CaseView() = default;
  Status add(engine::Engine& engine, const Reader& reader, const dsl::Definition& definition,
             const dsl::CaseTypeSpec& type, const store::Event& event);
  std::string match_outcome(engine::Engine& engine, const store::Event& event, const nlohmann::json& explained) const;

  bool whole_ = true;
  std::vector<std::string> counters_;  // the case type's, whose notes a hidden entry keeps

  // The batch being read: who wrote it and with which command (history entries are batches).
  store::Actor writer_;
  UtcMicros written_at_ = 0;
  std::string correlation_, command_;
  bool seen_ = true;
  bool first_ = true;

  std::set<std::uint64_t> hidden_;                    // positions of the events of hidden batches
  std::map<std::string, bool> fields_, cadence_;      // name -> whether its last writer is seen
  std::map<std::string, std::map<std::string, bool>> documents_;  // document -> variant -> seen
  std::vector<bool> flags_, outputs_;                 // in the order the state lists them
  std::map<std::string, std::string> matching_;       // the engine's explanation -> the reader's
  std::string case_name_;
};

}  // namespace mentorflow::api
