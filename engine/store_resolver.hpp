#pragma once
// Internal to engine/: gives evaluation the cases a `ref` names, folded from the log, each loaded
// once per resolver (one resolver per command). Not thread-safe.
#include <optional>
#include <string>
#include <unordered_map>

#include "dsl/eval/case_data.hpp"
#include "engine/plan.hpp"

namespace mentorflow::engine {

class StoreResolver final : public dsl::CaseResolver {
 public:
  // `engine` and `definition` are not owned and must outlive the resolver.
  StoreResolver(Engine& engine, const dsl::Definition& definition) : engine_(engine), definition_(definition) {}

  const dsl::CaseData* find(dsl::Index case_type, const std::string& id) const override {
    if (auto it = cache_.find(id); it != cache_.end()) return it->second ? &*it->second : nullptr;
    std::optional<dsl::CaseData> data;
    auto state = engine_.load(id);
    if (state.is_ok() && state->case_type == definition_.case_type(case_type).name) {
      auto converted = engine_.case_data(*state, definition_, case_type, id);
      if (converted.is_ok()) data = std::move(*converted);
    }
    auto& slot = cache_[id] = std::move(data);
    return slot ? &*slot : nullptr;
  }

 private:
  Engine& engine_;
  const dsl::Definition& definition_;
  mutable std::unordered_map<std::string, std::optional<dsl::CaseData>> cache_;
};

}  // namespace mentorflow::engine
