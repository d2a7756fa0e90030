#include "engine/flags/clear_flag.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "engine/authorise.hpp"
#include "engine/decide_again.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "engine/flags/case_flags.hpp"
#include "engine/idempotency.hpp"
#include "engine/plan.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {
namespace {

Status check_reason(const std::string& reason) {
  const bool blank = std::all_of(reason.begin(), reason.end(), [](unsigned char c) { return c == ' ' || c == '\t'; });
  if (blank) return Status::invalid_argument("clearing a flag needs a reason: say why it needs no more attention");
  if (reason.size() > kMaxClearReason)
    return Status::invalid_argument(
        fmt::format("the reason is {} bytes long; at most {} are kept", reason.size(), kMaxClearReason));
  // A newline would forge a line of `history`, as in a user name.
  if (std::any_of(reason.begin(), reason.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return Status::invalid_argument("the reason has a control character (a newline, a tab...): write it on one line");
  return Status::ok();
}

// FlagCleared for flag `number` of the case as it stands, or why it cannot be cleared.
Result<store::NewEvent> flag_cleared(Engine& engine, const CaseState& state, std::uint64_t number,
                                     const CommandRequest& request, const std::string& reason) {
  auto definition = engine.definition_of_case(state);
  if (!definition.is_ok()) return definition.status();
  const store::Actor& actor = request.actor;
  const dsl::RoleSpec* role = (*definition)->find_role(actor.role);
  if (!role || role->kind != dsl::RoleKind::Staff)
    return Status::forbidden(fmt::format("only staff clear flags; {} acts as {}, {}", actor.user, actor.role,
                                         role ? "which is not a staff role" : "a role the workflow does not declare"));
  const std::vector<CaseFlag> flags = flags_of_case(state, *definition);
  if (number == 0 || number > flags.size())
    return Status::not_found(flags.empty() ? fmt::format("{} has no flags", state.name)
                                           : fmt::format("{} has no flag {}: its flags are numbered 1 to {}",
                                                         state.name, number, flags.size()));
  const CaseFlag& flag = flags[number - 1];
  if (flag.cleared)
    return Status::wrong_state(fmt::format("flag {} of {} ({}) was cleared already by {}: {}", number, state.name,
                                           flag.text, flag.cleared_by, flag.cleared_reason));
  store::NewEvent e;
  e.type = events::kFlagCleared;
  e.actor = actor;
  e.definition_id = (*definition)->id();
  e.payload = events::flag_cleared(number, reason);
  if (!request.key.empty()) e.payload.update({{"key", request.key}, {"events", 1}});  // as record_key() does
  e.metadata.correlation_id = request.correlation_id;
  return e;
}

}  // namespace

nlohmann::json clear_flag_inputs(std::uint64_t number, const std::string& reason) {
  return {{"flag", number}, {"reason", reason}};
}

nlohmann::json keyed_clear(const nlohmann::json& cleared) {
  if (!cleared.contains("key")) return nullptr;
  return {{"command", kClearFlagCommand},
          {"inputs", clear_flag_inputs(cleared.at("flag").get<std::uint64_t>(), cleared.at("reason").get<std::string>())},
          {"key", cleared.at("key")},
          {"events", cleared.at("events")}};
}

Result<std::uint64_t> clear_flag(Engine& engine, const std::string& case_name, std::uint64_t number,
                                 const store::Actor& actor, const std::string& reason, const std::string& correlation,
                                 const std::string& key) {
  if (Status st = check_user_name(actor); !st.is_ok()) return st;
  if (Status st = check_reason(reason); !st.is_ok()) return st;
  // As a command's: the key names this request (engine/idempotency.hpp), folded from FlagCleared.
  const CommandRequest request{case_name, kClearFlagCommand, actor, clear_flag_inputs(number, reason), correlation, key};
  // Another writer between the read and the write: read the case again and decide again, as handle() does.
  return decide_until_written<std::uint64_t>(
      fmt::format("clearing flag {}", number), [&]() -> Decision<std::uint64_t> {
        using D = Decision<std::uint64_t>;
        auto state = engine.load(case_name);
        if (!state.is_ok()) return D::done(state.status());
        if (!state->exists()) return D::done(Status::not_found(fmt::format("there is no case '{}'", case_name)));
        auto keyed = find_keyed(engine, *state, request);
        if (!keyed.is_ok()) return D::done(keyed.status());
        if (*keyed) return D::done((*keyed)->first_position);
        auto event = flag_cleared(engine, *state, number, request, reason);
        if (!event.is_ok()) return D::done(event.status());
        Plan plan;
        plan.accepted.case_name = case_name;
        plan.writes.push_back(StreamWrite{case_name, state->version, {std::move(*event)}});
        Status appended = append_plan(engine.store(), plan);
        if (appended.is_conflict()) return D::again(std::move(appended));
        if (!appended.is_ok()) return D::done(std::move(appended));
        (void)read_models::catch_up_read_models(engine.store());  // a cache for queries: replay rebuilds it
        return D::done(plan.accepted.first_position);
      });
}

}  // namespace mentorflow::engine
