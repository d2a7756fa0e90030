// Engine::handle: a command planned (plan_command.cpp), appended with the versions it was decided
// on, and decided again when another writer got there first (engine/decide_again.hpp).
#include <fmt/core.h>

#include <algorithm>
#include <cassert>

#include "engine/authorise.hpp"
#include "engine/decide_again.hpp"
#include "engine/engine.hpp"
#include "engine/engine_memory.hpp"
#include "engine/idempotency.hpp"
#include "engine/plan.hpp"
#include "engine/read_ahead.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {

namespace {

// No person acts in the engine's own role, nor under a name that is not a name.
Status check_caller(const CommandRequest& request) {
  if (Status named = check_user_name(request.actor); !named.is_ok()) return named;
  if (request.actor.role != kSystemRole) return Status::ok();
  return Status::forbidden(
      fmt::format("{} is the engine's own role (timers, for each, matching): no caller may act in it", kSystemRole));
}

// The first outcome of the request's key on its case as the log holds it now, or nullopt.
Result<std::optional<Accepted>> keyed_outcome(Engine& engine, const CommandRequest& request) {
  auto now = engine.load(request.case_name);
  if (!now.is_ok() && !now.status().is_not_found()) return now.status();
  return find_keyed(engine, now.is_ok() ? *now : CaseState{}, request);
}

// While an attempt at a command lasts, load() notes the versions of the cases it gives; when the
// attempt ends, however it ends, those and the versions read ahead are forgotten: the next
// attempt, and any load() after the command, must ask the store again.
struct CommandAttempt {
  using Versions = std::unordered_map<std::string, std::uint64_t>;
  CommandAttempt(Versions& read_ahead, std::optional<Versions>& read) : read_ahead(read_ahead), read(read) { read.emplace(); }
  ~CommandAttempt() {
    read_ahead.clear();
    read.reset();
  }
  Versions& read_ahead;
  std::optional<Versions>& read;
};

// Whether `command` creates a case named `name` (a command with no `from`): then, for the
// command to be allowed, the case must not exist yet.
bool creates_case(Engine& engine, const CaseName& name, const std::string& command) {
  auto definition = engine.definition_of_edition(name.edition);
  if (!definition.is_ok()) return false;
  const auto type = (*definition)->find_case_type(name.type);
  if (!type) return false;
  const dsl::CaseTypeSpec& spec = (*definition)->case_type(*type);
  const auto index = spec.find_command(command);
  return index && spec.commands[*index].creates_case();
}

}  // namespace

Status Engine::read_versions_ahead(const CaseName& name, const CommandRequest& request, store::EventStore::Freshness freshness) {
  // The fields of the case as this engine last wrote it (folded now rather than in load()).
  CaseCache::Entry* cached = impl_->cases.find(request.case_name);
  if (cached && !impl_->cases.fold_written(request.case_name, *cached).is_ok()) cached = nullptr;  // load() says why
  const std::vector<std::string> streams =
      streams_to_read_ahead(name, request.inputs, cached ? cached->state.fields : nlohmann::json::object());
  // A case the command is to create is taken to be absent when this process knows nothing of it
  // (Freshness::kCreating: on PostgreSQL, no round trip): its append expects it absent, so were it
  // there after all, the append is refused and the command decided again on the log.
  std::size_t first = 0;
  if (freshness == store::EventStore::Freshness::kKnownHere && creates_case(*this, name, request.command)) {
    auto own = store_.stream_versions({streams.front()}, store::EventStore::Freshness::kCreating);
    if (!own.is_ok()) return own.status();
    impl_->versions_read_ahead[streams.front()] = own->front();
    first = 1;
  }
  const std::vector<std::string> rest(streams.begin() + static_cast<std::ptrdiff_t>(first), streams.end());
  if (rest.empty()) return Status::ok();
  auto versions = store_.stream_versions(rest, freshness);
  if (!versions.is_ok()) return versions.status();
  for (std::size_t i = 0; i < rest.size(); ++i) impl_->versions_read_ahead[rest[i]] = (*versions)[i];
  return Status::ok();
}

Result<bool> Engine::read_cases_moved(const std::unordered_map<std::string, std::uint64_t>& read) const {
  std::vector<std::string> streams;
  for (const auto& [stream, version] : read) streams.push_back(stream);
  auto now = store_.stream_versions(streams, store::EventStore::Freshness::kLatest);
  if (!now.is_ok()) return now.status();
  for (std::size_t i = 0; i < streams.size(); ++i)
    if ((*now)[i] != read.at(streams[i])) return true;
  return false;
}

Result<Accepted> Engine::decide(const CaseName& name, const CommandRequest& request) {
  assert(name.stream() == request.case_name);
  if (Status st = check_caller(request); !st.is_ok()) return st;
  auto plan = plan_command(*this, name, request.command, request.actor, request.inputs, request.correlation_id);
  if (!plan.is_ok()) return plan.status();
  for (const store::NewEvent& e : plan->writes.front().events) plan->accepted.event_types.push_back(e.type);
  return std::move(plan->accepted);
}

Result<Accepted> Engine::handle(const CommandRequest& request) {
  auto name = parse_case_name(request.case_name);
  if (!name.is_ok()) return name.status();
  return handle(*name, request);
}

Result<Accepted> Engine::handle(const CaseName& name, const CommandRequest& request) {
  assert(name.stream() == request.case_name);
  if (Status st = check_caller(request); !st.is_ok()) return st;
  std::unique_lock<std::mutex> turn;
  if (case_locks_) turn = case_locks_->turn(request.case_name);
  // A command overtaken by another writer is decided again (engine/decide_again.hpp). The first
  // attempt may take the versions of its cases from what this process's appends left (no round
  // trip to a database other processes write too); its append checks every case it read, so a
  // version another process moved since refuses it, and the next attempts read the log itself.
  int attempt = 0;
  return decide_until_written<Accepted>(request.command, [&]() -> Decision<Accepted> {
    using D = Decision<Accepted>;
    const CommandAttempt attempting(impl_->versions_read_ahead, impl_->versions_read);
    const auto freshness = attempt++ == 0 ? store::EventStore::Freshness::kKnownHere : store::EventStore::Freshness::kLatest;
    if (Status st = read_versions_ahead(name, request, freshness); !st.is_ok()) return D::done(st);
    // A key is looked up on every attempt: the writer that overtook this one may have recorded it.
    if (!request.key.empty()) {
      auto keyed = keyed_outcome(*this, request);
      if (!keyed.is_ok()) return D::done(keyed.status());
      if (*keyed) return D::done(std::move(**keyed));
    }
    auto plan = plan_command(*this, name, request.command, request.actor, request.inputs, request.correlation_id);
    if (!plan.is_ok()) {
      // A writer that shares no case locks with this engine (another node, another process) may
      // have recorded the key between its lookup and this decision, which then refuses what that
      // writer did ("already exists"): the request gets that writer's outcome, as a retry would.
      if (!request.key.empty()) {
        auto keyed = keyed_outcome(*this, request);
        if (keyed.is_ok() && *keyed) return D::done(std::move(**keyed));
        if (!keyed.is_ok() && is_key_reused(keyed.status())) return D::done(keyed.status());
      }
      // A refusal is no write for an append to check: on versions this process knew, it is only
      // given once the log shows the cases it read unchanged, else decided again on the log's.
      if (freshness == store::EventStore::Freshness::kKnownHere) {
        auto moved = read_cases_moved(*impl_->versions_read);
        if (!moved.is_ok()) return D::done(moved.status());
        if (*moved) return D::again(plan.status());
      }
      return D::done(plan.status());
    }
    if (!request.key.empty()) record_key(*plan, request.key);
    plan->reads = std::move(*impl_->versions_read);
    std::vector<store::Event> recorded;
    Status appended = append_plan(store_, *plan, &recorded);
    if (appended.is_conflict()) return D::again(std::move(appended));  // a case changed between our read and our write
    if (!appended.is_ok()) return D::done(std::move(appended));
    // The cases just written, as the next command on them would fold them.
    for (std::size_t first = 0, last = 0; first < recorded.size(); first = last) {
      while (last < recorded.size() && recorded[last].stream == recorded[first].stream) ++last;
      // The name is copied first: the events are moved into the call, and their stream with them.
      const std::string stream = recorded[first].stream;
      impl_->cases.written(stream, recorded[first].version - 1,
                           {std::make_move_iterator(recorded.begin() + first),
                            std::make_move_iterator(recorded.begin() + last)});
    }
    if (upkeep_ == ReadModelUpkeep::kAfterEachCommand)
      (void)read_models::catch_up_read_models(store_);  // a cache for queries: replay rebuilds it if this fails
    return D::done(std::move(plan->accepted));
  });
}

}  // namespace mentorflow::engine
