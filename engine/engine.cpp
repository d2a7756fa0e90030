// Finding published definitions again, and loading cases (publishing them: publish.cpp).
#include "engine/engine.hpp"

#include <fmt/core.h>

#include "dsl/value_json.hpp"
#include "engine/engine_memory.hpp"
#include "engine/events.hpp"
#include "engine/plan.hpp"
#include "engine/privacy/erasure_epoch.hpp"
#include "engine/privacy/sealed_value.hpp"
#include "engine/published_definition.hpp"

namespace mentorflow::engine {

using nlohmann::json;

Engine::Engine(store::EventStore& store, const Clock& clock, ReadModelUpkeep upkeep, CaseLocks* case_locks)
    : store_(store), clock_(clock), upkeep_(upkeep), case_locks_(case_locks), impl_(std::make_unique<Impl>()),
      documents_(store::documents_beside(store)) {}

Engine::~Engine() = default;

namespace {

constexpr std::size_t kReadBatch = 1024;

}  // namespace

Result<const dsl::Definition*> Engine::definition_of_edition(const std::string& edition) {
  if (auto it = impl_->definitions.find(edition); it != impl_->definitions.end()) return it->second.get();
  auto first = store_.read_stream_forward(edition, 1, 1);
  if (!first.is_ok()) return first.status();
  if (first->empty() || first->front().type != events::kDefinitionPublished)
    return Status::not_found(fmt::format("edition '{}' is not published in this store", edition));
  auto definition = compile_published(first->front());
  if (!definition.is_ok()) return definition.status();
  auto owned = std::make_unique<dsl::Definition>(std::move(*definition));
  const dsl::Definition* raw = owned.get();
  impl_->definitions.emplace(edition, std::move(owned));
  return raw;
}

Result<const dsl::Definition*> Engine::definition_of_case(const CaseState& state) {
  const std::string& edition = state.definition_edition.empty() ? state.edition : state.definition_edition;
  auto definition = definition_of_edition(edition);
  if (definition.is_ok() && !state.definition_id.empty() && (*definition)->id() != state.definition_id)
    return Status::corruption(fmt::format("case '{}' runs under definition {}, but edition '{}' published {}",
                                          state.name, state.definition_id.substr(0, 12), edition,
                                          (*definition)->id().substr(0, 12)));
  return definition;
}

Result<CaseState> Engine::load(const std::string& case_name, const Until& until) {
  CaseState state;
  std::uint64_t next = 1;
  std::uint64_t snapshot_version = 0;
  const bool whole = !until.position && !until.time;
  if (const std::uint64_t erasures = erasures_in_process(); impl_->erasures_seen != erasures) {
    impl_->cases = CaseCache(Impl::kCachedCases);
    impl_->erasures_seen = erasures;
  }
  if (whole) {  // time travel never starts from a cache or a snapshot: it must fold the history itself
    const auto ahead = impl_->versions_read_ahead.find(case_name);
    auto version = ahead != impl_->versions_read_ahead.end() ? Result<std::uint64_t>(ahead->second) : store_.stream_version(case_name);
    if (!version.is_ok()) return version.status();
    if (*version == 0) {
      if (impl_->versions_read) impl_->versions_read->emplace(case_name, 0);  // the decision counts on its absence
      return Status::not_found(fmt::format("there is no case '{}'", case_name));
    }
    CaseCache::Entry* cached = impl_->cases.find(case_name);
    if (cached && cached->state.version + cached->unfolded.size() <= *version) {
      if (Status folded = impl_->cases.fold_written(case_name, *cached); !folded.is_ok()) return folded;
      if (cached->state.version == *version) {
        save_snapshot_if_due(cached->state, cached->snapshot_version);
        if (impl_->versions_read) impl_->versions_read->emplace(case_name, cached->state.version);
        return cached->state;
      }
    } else {
      cached = nullptr;  // ahead of the log: another store at this path, say; fold afresh
    }
    if (cached) {
      state = cached->state;
      snapshot_version = cached->snapshot_version;
    } else if (auto snapshot = store_.load_snapshot(case_name, kCaseStateFormat); !snapshot.is_ok()) {
      return snapshot.status();
    } else if (*snapshot) {
      auto parsed = json::parse((*snapshot)->state, nullptr, false);
      auto restored = parsed.is_discarded() ? Result<CaseState>(Status::corruption("unreadable snapshot"))
                                            : case_state_from_json(parsed);
      if (restored.is_ok() && restored->version == (*snapshot)->version && restored->name == case_name) {
        state = std::move(*restored);  // else: ignore it, fold from 1
        snapshot_version = state.version;
      }
    }
    next = state.version + 1;
  }
  for (;;) {
    auto batch = store_.read_stream_forward(case_name, next, kReadBatch);
    if (!batch.is_ok()) return batch.status();
    for (const store::Event& e : *batch) {
      if (until.position && e.position > *until.position) return state.exists() ? Result<CaseState>(state) : Status::not_found(fmt::format("case '{}' did not exist at position {}", case_name, *until.position));
      if (until.time && e.recorded_at > *until.time) return state.exists() ? Result<CaseState>(state) : Status::not_found(fmt::format("case '{}' did not exist at that time", case_name));
      if (auto st = fold(state, e); !st.is_ok()) return st;
    }
    if (batch->size() < kReadBatch) break;
    next = state.version + 1;
  }
  if (!state.exists()) return Status::not_found(fmt::format("there is no case '{}'", case_name));
  if (!whole) return state;
  save_snapshot_if_due(state, snapshot_version);
  if (impl_->versions_read) impl_->versions_read->emplace(case_name, state.version);
  impl_->cases.put(state, snapshot_version);
  return state;
}

void Engine::save_snapshot_if_due(const CaseState& state, std::uint64_t& snapshot_version) {
  if (state.version - snapshot_version <= kSnapshotEvery || store_.read_only()) return;
  // A snapshot is a cache: if it cannot be saved, the next load folds a little more.
  if (store_.save_snapshot({state.name, state.version, kCaseStateFormat, snapshot_json(state).dump()}).is_ok())
    snapshot_version = state.version;
}

Result<dsl::CaseData> Engine::case_data(const CaseState& state, const dsl::Definition& definition, dsl::Index type,
                                        const std::string& case_name) {
  CaseCache::Entry* cached = state.exists() ? impl_->cases.find(case_name) : nullptr;
  if (cached && cached->state.version != state.version) cached = nullptr;  // another version than the cache's
  if (cached && cached->definition == &definition && cached->data && cached->data->case_type == type)
    return *cached->data;
  auto data = to_case_data(state, definition, type, case_name);
  if (data.is_ok() && cached) {
    cached->definition = &definition;
    cached->data = *data;
  }
  return data;
}

Result<dsl::CaseData> to_case_data(const CaseState& state, const dsl::Definition& definition, dsl::Index type,
                                   const std::string& name) {
  const dsl::CaseTypeSpec& spec = definition.case_type(type);
  if (!state.exists()) return dsl::new_case(spec, type, name);
  json documents = json::array();
  for (const auto& [doc, variants] : state.documents.items())
    if (variants != kErasedValue) documents.push_back(doc);
  // A value of an erased person (docs/PRIVACY.md) is gone: rules read it as never set.
  json fields = state.fields;
  for (auto it = fields.begin(); it != fields.end();) it = *it == kErasedValue ? fields.erase(it) : std::next(it);
  const json form = {{"id", name},
                     {"type", spec.name},
                     {"state", state.state},
                     {"fields", std::move(fields)},
                     {"counters", state.counters},
                     {"parties", state.parties},
                     {"documents", documents},
                     {"cadence", state.cadence}};
  std::string error;
  auto data = dsl::case_data_from_json(form, definition.case_types(), error);
  if (!data)
    return Status::corruption(fmt::format("case '{}' (version {}) does not fit its definition: {}", name,
                                          state.version, error));
  return std::move(*data);
}

dsl::Value datetime_value(UtcMicros micros) { return dsl::Value::datetime(micros, "UTC"); }

}  // namespace mentorflow::engine
