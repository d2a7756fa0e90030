#pragma once
// Internal to engine/: the writes of enclosing commands, seen by the commands they issue.
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/plan.hpp"

namespace mentorflow::engine {

// The writes the enclosing commands have planned so far, innermost first: a command one of them
// issues (a `do`, a proposal, a `for each`) is decided on the cases as those writes leave them,
// so two proposals to one mentor, or a `do` after a `create`, see each other. Not owned.
class PendingWrites {
 public:
  // `writes` (one entry per stream, entries only ever appended) must outlive this.
  PendingWrites(const std::vector<StreamWrite>& writes, const PendingWrites* outer) : writes_(writes), outer_(outer) {}

  // The position in `writes` of the entry for `stream`, if there is one. Amortised O(1): the
  // index follows the entries appended since the last call.
  std::optional<std::size_t> find(const std::string& stream) const;
  const std::vector<StreamWrite>& writes() const { return writes_; }
  const PendingWrites* outer() const { return outer_; }

 private:
  const std::vector<StreamWrite>& writes_;
  const PendingWrites* outer_;
  mutable std::unordered_map<std::string, std::size_t> index_;
  mutable std::size_t indexed_ = 0;
};

// The case as the log has it, then as `pending` would change it (NotFound when neither has it).
Result<CaseState> load_planned(Engine& engine, const std::string& case_name, const PendingWrites* pending);

// Adds `from` to `into` (whose entries `index` follows): a stream `into` already writes gets the
// new events after its own (they were decided on them, engine/pending_writes.cpp), any other is
// added.
void merge_writes(std::vector<StreamWrite>& into, std::vector<StreamWrite>&& from, const PendingWrites& index);

}  // namespace mentorflow::engine
