// Deciding a command on a case that the same command has already written to: the case is loaded
// from the log and its planned events folded on top, exactly as they will be once appended, so
// the second decision sees the first and its expected version follows the first's events.
#include <cassert>

#include "engine/pending_writes.hpp"
#include "engine/plan.hpp"

namespace mentorflow::engine {
namespace {

// The planned writes to `stream`, outermost first (the order they were decided in).
void planned_for(const PendingWrites* pending, const std::string& stream, std::vector<const StreamWrite*>& out) {
  if (!pending) return;
  planned_for(pending->outer(), stream, out);
  if (auto at = pending->find(stream)) out.push_back(&pending->writes()[*at]);
}

}  // namespace

std::optional<std::size_t> PendingWrites::find(const std::string& stream) const {
  for (; indexed_ < writes_.size(); ++indexed_) index_.emplace(writes_[indexed_].stream, indexed_);
  auto it = index_.find(stream);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

Result<CaseState> load_planned(Engine& engine, const std::string& case_name, const PendingWrites* pending) {
  std::vector<const StreamWrite*> planned;
  planned_for(pending, case_name, planned);
  auto loaded = engine.load(case_name);
  if (planned.empty()) return loaded;
  if (!loaded.is_ok() && !loaded.status().is_not_found()) return loaded.status();
  CaseState state = loaded.is_ok() ? std::move(*loaded) : CaseState{};
  for (const StreamWrite* w : planned)
    for (const store::NewEvent& e : w->events) {
      auto payload = store::canonical_json(e.payload);
      if (!payload.is_ok()) return payload.status();
      store::Event event;
      event.stream = case_name;
      event.version = state.version + 1;
      event.type = e.type;
      event.recorded_at = engine.clock().now();
      event.actor = e.actor;
      event.definition_id = e.definition_id;
      event.payload = std::move(*payload);
      if (Status st = fold(state, event); !st.is_ok()) return st;
    }
  if (!state.exists()) return Status::not_found("there is no case '" + case_name + "'");
  return state;
}

void merge_writes(std::vector<StreamWrite>& into, std::vector<StreamWrite>&& from, const PendingWrites& index) {
  assert(&index.writes() == &into);
  for (StreamWrite& w : from) {
    auto at = index.find(w.stream);
    if (!at) {
      into.push_back(std::move(w));
      continue;
    }
    // Decided on the events already planned for the stream (load_planned), so it follows them.
    StreamWrite& same = into[*at];
    assert(w.expected_version == same.expected_version + same.events.size());
    for (store::NewEvent& e : w.events) same.events.push_back(std::move(e));
  }
}

}  // namespace mentorflow::engine
