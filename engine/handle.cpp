// Engine::handle: a command planned (plan_command.cpp), appended with the versions it was decided
// on, and decided again when another writer got there first.
#include <fmt/core.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <random>
#include <thread>

#include "engine/authorise.hpp"
#include "engine/engine.hpp"
#include "engine/engine_memory.hpp"
#include "engine/idempotency.hpp"
#include "engine/plan.hpp"
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

// A command overtaken (another engine or process wrote one of its cases between its read and its
// write) is decided again. Writers that collided once collide again if they retry in step, so
// each waits a random time below a bound that doubles per attempt ("full jitter"). Engines that
// share CaseLocks take turns on a command's own case first, so there this is rare
// (docs/BENCHMARKS.md, "hot cases").
constexpr int kMaxDecisions = 10;
constexpr auto kFirstPauseBound = std::chrono::microseconds(100);
constexpr auto kPauseCap = std::chrono::microseconds(20'000);

void pause_before_deciding_again(int attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  const auto bound = std::min(kPauseCap, kFirstPauseBound * (1 << std::min(attempt, 16)));
  std::uniform_int_distribution<std::int64_t> pick(0, bound.count());
  std::this_thread::sleep_for(std::chrono::microseconds(pick(random)));
}

// The first outcome of the request's key on its case as the log holds it now, or nullopt.
Result<std::optional<Accepted>> keyed_outcome(Engine& engine, const CommandRequest& request) {
  auto now = engine.load(request.case_name);
  if (!now.is_ok() && !now.status().is_not_found()) return now.status();
  return find_keyed(engine, now.is_ok() ? *now : CaseState{}, request);
}

}  // namespace

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
  for (int attempt = 0;; ++attempt) {
    // A key is looked up on every attempt: the writer that overtook this one may have recorded it.
    if (!request.key.empty()) {
      auto keyed = keyed_outcome(*this, request);
      if (!keyed.is_ok()) return keyed.status();
      if (*keyed) return std::move(**keyed);
    }
    auto plan = plan_command(*this, name, request.command, request.actor, request.inputs, request.correlation_id);
    if (!plan.is_ok()) {
      // A writer that shares no case locks with this engine (another node, another process) may
      // have recorded the key between its lookup and this decision, which then refuses what that
      // writer did ("already exists"): the request gets that writer's outcome, as a retry would.
      if (!request.key.empty()) {
        auto keyed = keyed_outcome(*this, request);
        if (keyed.is_ok() && *keyed) return std::move(**keyed);
        if (!keyed.is_ok() && is_key_reused(keyed.status())) return keyed.status();
      }
      return plan.status();
    }
    if (!request.key.empty()) record_key(*plan, request.key);
    std::vector<store::Event> recorded;
    Status appended = append_plan(store_, *plan, &recorded);
    if (appended.is_ok()) {
      // The cases just written, as the next command on them would fold them.
      for (std::size_t first = 0, last = 0; first < recorded.size(); first = last) {
        while (last < recorded.size() && recorded[last].stream == recorded[first].stream) ++last;
        impl_->cases.written(recorded[first].stream, recorded[first].version - 1,
                             {std::make_move_iterator(recorded.begin() + first),
                              std::make_move_iterator(recorded.begin() + last)});
      }
      if (upkeep_ == ReadModelUpkeep::kAfterEachCommand)
        (void)read_models::catch_up_read_models(store_);  // a cache for queries: replay rebuilds it if this fails
      return std::move(plan->accepted);
    }
    // Someone changed a case between our read and our write: decide again on the new state.
    if (!appended.is_conflict()) return appended;
    if (attempt + 1 == kMaxDecisions)
      return Status::conflict(fmt::format("{} (other writers changed it each of the {} times {} was decided; try again)",
                                          appended.message(), kMaxDecisions, request.command));
    pause_before_deciding_again(attempt);
  }
}

}  // namespace mentorflow::engine
