// Checking and writing a migration (engine/migrate.hpp).
#include "engine/migrate.hpp"

#include <fmt/core.h>

#include <set>

#include "engine/effects.hpp"
#include "engine/events.hpp"
#include "engine/plan.hpp"
#include "engine/timers/schedule.hpp"

namespace mentorflow::engine {
namespace {

std::string short_hash(const std::string& id) { return id.substr(0, 12); }

Status check_actor(const dsl::Definition& target, const store::Actor& actor, const std::string& to_edition) {
  const dsl::RoleSpec* role = target.find_role(actor.role);
  if (!role) return Status::refused(fmt::format("'{}' is not a role of workflow {}", actor.role, target.workflow_name()));
  if (role->kind != dsl::RoleKind::Staff)
    return Status::refused(fmt::format("{} acts as {}: only staff of edition {} migrate cases", actor.user,
                                       actor.role, to_edition));
  return Status::ok();
}

// Why `state` cannot run under `target`, or an empty string when it can.
std::string misfit(const CaseState& state, const dsl::Definition& source,
                   const dsl::Definition& target, const std::string& to_edition) {
  if (source.id() == target.id())
    return fmt::format("it already runs under definition {} (edition {})", short_hash(target.id()), to_edition);
  auto source_type = source.find_case_type(state.case_type);
  if (source_type) {
    const dsl::CaseTypeSpec& spec = source.case_type(*source_type);
    if (auto s = spec.find_state(state.state); s && spec.states[*s].final)
      return fmt::format("it is over (final state '{}'): only running cases move", state.state);
  }
  auto type = target.find_case_type(state.case_type);
  if (!type) return fmt::format("edition {} has no case type '{}'", to_edition, state.case_type);
  const dsl::CaseTypeSpec& spec = target.case_type(*type);
  if (!spec.find_state(state.state))
    return fmt::format("its state '{}' does not exist in edition {} (states there: {})", state.state, to_edition,
                       [&] {
                         std::string names;
                         for (const dsl::StateSpec& s : spec.states) names += (names.empty() ? "" : ", ") + s.name;
                         return names;
                       }());
  auto fits = to_case_data(state, target, *type, state.name);
  if (!fits.is_ok()) return fits.status().message();
  return "";
}

}  // namespace

Result<MigrationResult> migrate(Engine& engine, const MigrationRequest& request) {
  if (request.cases.empty()) return Status::invalid_argument("name at least one case to migrate");
  auto target_result = engine.definition_of_edition(request.to_edition);
  if (!target_result.is_ok()) return target_result.status();
  const dsl::Definition& target = **target_result;
  if (Status st = check_actor(target, request.actor, request.to_edition); !st.is_ok()) return st;

  MigrationResult result;
  std::vector<StreamWrite> writes;
  std::set<std::string> seen;
  for (const std::string& case_name : request.cases) {
    if (!seen.insert(case_name).second) continue;  // named twice: moved once
    const auto refuse = [&](std::string why) { result.refused.push_back({case_name, std::move(why)}); };
    auto state = engine.load(case_name);
    if (!state.is_ok()) {
      if (state.status().is_not_found()) refuse("there is no such case");
      else return state.status();
      continue;
    }
    auto source = engine.definition_of_case(*state);
    if (!source.is_ok()) return source.status();
    if (std::string why = misfit(*state, **source, target, request.to_edition); !why.empty()) {
      refuse(std::move(why));
      continue;
    }

    CaseMove move{case_name, state->state, state->definition_id, target.id(), {}};
    StreamWrite write{case_name, state->version, {}};
    EventSink sink{target, request.actor, "migrate:" + request.to_edition, write.events};
    sink.add(events::kCaseMigrated, events::case_migrated(state->definition_id, target.id(), request.to_edition,
                                                          state->state, request.reason));
    // A timer the target does not declare would fire into nothing: cancel it with the move.
    const dsl::CaseTypeSpec& spec = target.case_type(*target.find_case_type(state->case_type));
    for (const auto& [key, due] : state->timers) {
      const std::string timer = timers::timer_name_of(key);
      if (timers::find_timer(spec, timer)) continue;
      sink.add(events::kTimerCancelled, events::timer_key_only(key));
      move.cancelled_timers.push_back(timer);
    }
    result.moves.push_back(std::move(move));
    writes.push_back(std::move(write));
  }
  if (!result.refused.empty() || request.dry_run) return result;
  if (Status st = append_gathered(engine.store(), std::move(writes), result); !st.is_ok()) return st;
  return result;
}

}  // namespace mentorflow::engine
