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
    *it->second = Entry{std::move(state), snapshot_version, nullptr, std::nullopt};
    return;
  }
  if (entries_.size() >= capacity_ && !entries_.empty()) {
    by_name_.erase(entries_.back().state.name);
    entries_.pop_back();
  }
  entries_.push_front(Entry{std::move(state), snapshot_version, nullptr, std::nullopt});
  by_name_.emplace(entries_.front().state.name, entries_.begin());
}

}  // namespace mentorflow::engine
