#include "engine/case_cache.hpp"

namespace mentorflow::engine {

CaseCache::Entry* CaseCache::find(const std::string& name) {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, it->second);
  return &*it->second;
}

void CaseCache::put(CaseState state, std::uint64_t snapshot_version) {
  if (auto it = by_name_.find(state.name); it != by_name_.end()) {
    entries_.splice(entries_.begin(), entries_, it->second);
    *it->second = Entry{std::move(state), {}, snapshot_version, nullptr, std::nullopt};
    return;
  }
  if (entries_.size() >= capacity_ && !entries_.empty()) {
    by_name_.erase(entries_.back().state.name);
    entries_.pop_back();
  }
  entries_.push_front(Entry{std::move(state), {}, snapshot_version, nullptr, std::nullopt});
  by_name_.emplace(entries_.front().state.name, entries_.begin());
}

}  // namespace mentorflow::engine

namespace mentorflow::engine {

void CaseCache::written(const std::string& name, std::uint64_t from, std::vector<store::Event> events) {
  Entry* entry = find(name);
  if (!entry && from == 0) {
    CaseState fresh;
    fresh.name = name;
    put(std::move(fresh), 0);
    entry = find(name);
  }
  if (!entry || entry->state.version + entry->unfolded.size() != from) return;
  for (store::Event& e : events) entry->unfolded.push_back(std::move(e));
}

Status CaseCache::fold_written(const std::string& name, Entry& entry) {
  if (entry.unfolded.empty()) return Status::ok();
  entry.definition = nullptr;
  entry.data.reset();
  for (const store::Event& e : entry.unfolded)
    if (Status folded = fold(entry.state, e); !folded.is_ok()) {
      entries_.erase(by_name_.at(name));
      by_name_.erase(name);
      return folded;
    }
  entry.unfolded.clear();
  return Status::ok();
}

}  // namespace mentorflow::engine
