#include "engine/flags/clear_flag.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "engine/authorise.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "engine/flags/case_flags.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {
namespace {

constexpr int kMaxAttempts = 5;  // writers racing on one case: as handle() decides again

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

}  // namespace

Result<std::uint64_t> clear_flag(Engine& engine, const std::string& case_name, std::uint64_t number,
                                 const store::Actor& actor, const std::string& reason, const std::string& correlation) {
  if (Status st = check_user_name(actor); !st.is_ok()) return st;
  if (Status st = check_reason(reason); !st.is_ok()) return st;
  for (int attempt = 0;; ++attempt) {
    auto state = engine.load(case_name);
    if (!state.is_ok()) return state.status();
    if (!state->exists()) return Status::not_found(fmt::format("there is no case '{}'", case_name));
    auto definition = engine.definition_of_case(*state);
    if (!definition.is_ok()) return definition.status();
    const dsl::RoleSpec* role = (*definition)->find_role(actor.role);
    if (!role || role->kind != dsl::RoleKind::Staff)
      return Status::forbidden(fmt::format("only staff clear flags; {} acts as {}, {}", actor.user, actor.role,
                                           role ? "which is not a staff role" : "a role the workflow does not declare"));
    const std::vector<CaseFlag> flags = flags_of_case(*state, *definition);
    if (number == 0 || number > flags.size())
      return Status::not_found(flags.empty() ? fmt::format("{} has no flags", case_name)
                                             : fmt::format("{} has no flag {}: its flags are numbered 1 to {}",
                                                           case_name, number, flags.size()));
    const CaseFlag& flag = flags[number - 1];
    if (flag.cleared)
      return Status::wrong_state(fmt::format("flag {} of {} ({}) was cleared already by {}: {}", number, case_name,
                                             flag.text, flag.cleared_by, flag.cleared_reason));
    store::NewEvent e;
    e.type = events::kFlagCleared;
    e.actor = actor;
    e.definition_id = (*definition)->id();
    e.payload = events::flag_cleared(number, reason);
    e.metadata.correlation_id = correlation;
    auto written = engine.store().append(case_name, store::ExpectedVersion::exact(state->version), {e});
    if (written.is_ok()) {
      (void)read_models::catch_up_read_models(engine.store());  // a cache for queries: replay rebuilds it
      return written->first_position;
    }
    if (!written.status().is_conflict() || attempt + 1 == kMaxAttempts) return written.status();
  }
}

}  // namespace mentorflow::engine
