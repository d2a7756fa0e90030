#pragma once
// The views area: a key/value space of its own (column family `views`) where read models live,
// with the log position they reflect, the checkpoint. Workflow-agnostic: keys and values are the
// caller's bytes. A batch of puts and erases is written together with its new checkpoint in one
// atomic write, so the views always reflect exactly the log up to their checkpoint; they are
// disposable and can be dropped and rebuilt from the log at any time. Layout: docs/STORE.md,
// "Views". The operations are members of EventStore (store/event_store.hpp).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mentorflow::store {

// Changes to the views, applied in the order given by one EventStore::write_views. Not
// thread-safe; owned by its writer.
class ViewBatch {
 public:
  struct Op {
    std::string key;
    std::optional<std::string> value;  // nullopt: erase the key
  };

  void put(std::string key, std::string value) { ops_.push_back({std::move(key), std::move(value)}); }
  void erase(std::string key) { ops_.push_back({std::move(key), std::nullopt}); }
  void clear() { ops_.clear(); }

  bool empty() const { return ops_.empty(); }
  std::size_t size() const { return ops_.size(); }
  const std::vector<Op>& ops() const { return ops_; }

 private:
  std::vector<Op> ops_;
};

}  // namespace mentorflow::store
