// Engine::handle: a command planned (plan_command.cpp), appended with the versions it was decided
// on, and decided again when another writer got there first.
#include <fmt/core.h>

#include <cassert>

#include "engine/authorise.hpp"
#include "engine/engine.hpp"
#include "engine/engine_memory.hpp"
#include "engine/plan.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {

namespace {

// No person acts in the engine's own role.
Status refuse_system(const CommandRequest& request) {
  if (request.actor.role != kSystemRole) return Status::ok();
  return Status::forbidden(
      fmt::format("{} is the engine's own role (timers, for each, matching): no caller may act in it", kSystemRole));
}

}  // namespace

Result<Accepted> Engine::decide(const CaseName& name, const CommandRequest& request) {
  assert(name.stream() == request.case_name);
  if (Status st = refuse_system(request); !st.is_ok()) return st;
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
  if (Status st = refuse_system(request); !st.is_ok()) return st;
  for (int attempt = 0;; ++attempt) {
    auto plan = plan_command(*this, name, request.command, request.actor, request.inputs, request.correlation_id);
    if (!plan.is_ok()) return plan.status();
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
    // Someone changed a case between our read and our write: decide once more on the new state.
    if (!appended.is_conflict() || attempt > 0) return appended;
  }
}

}  // namespace mentorflow::engine
