#pragma once
// Internal to engine/: the cases an Engine has folded lately, each at the stream version it was
// folded to, with the form evaluation reads (dsl::CaseData) once it has been asked for. A load
// still asks the log for the stream's version first (one seek) and folds only the events after
// the cached one, so the log stays the only truth; what the cache saves is rebuilding, again and
// again, a case many commands read (the project every application names, the mentor of many
// pairs, the case a command is on twice in a row) from its snapshot's JSON.
//
// Not thread-safe: one per Engine, like the Engine itself. Bounded: past `capacity` cases the least
// recently used is dropped.
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <vector>
#include <string>
#include <unordered_map>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"
#include "dsl/eval/case_data.hpp"
#include "engine/case_state.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

class CaseCache {
 public:
  struct Entry {
    CaseState state;
    std::vector<store::Event> unfolded;  // written by this engine after `state`, not folded yet
    std::uint64_t snapshot_version = 0;  // of the case's newest snapshot this engine knows of
    // `state` as evaluation reads it under `definition`, when converted.
    const dsl::Definition* definition = nullptr;
    std::optional<dsl::CaseData> data;
  };

  explicit CaseCache(std::size_t capacity) : capacity_(capacity) {}

  // The entry of case `name`, made the most recently used; nullptr when there is none. Valid until
  // the next put().
  Entry* find(const std::string& name);
  // Keeps `state` as its case's entry (replacing the one before, and its converted form).
  void put(CaseState state, std::uint64_t snapshot_version);
  // Keeps `events`, just written to stream `name` after version `from`, with its entry when the
  // entry is at `from` (a new case, `from` 0, gets one), for the case's next load to fold instead
  // of reading them back; an entry at another version is left for that load to bring up to date.
  void written(const std::string& name, std::uint64_t from, std::vector<store::Event> events);
  // Folds the events an entry keeps into its state. Corruption when one does not fold: the entry
  // is then unusable, and dropped.
  Status fold_written(const std::string& name, Entry& entry);

 private:
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_name_;
};

}  // namespace mentorflow::engine
