#include "engine/staff_write.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "engine/decide_again.hpp"
#include "engine/idempotency.hpp"
#include "engine/plan.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {

Status check_staff_reason(const std::string& reason, std::string_view blank) {
  if (std::all_of(reason.begin(), reason.end(), [](unsigned char c) { return c == ' ' || c == '\t'; }))
    return Status::invalid_argument(std::string(blank));
  if (reason.size() > kMaxStaffReason)
    return Status::invalid_argument(
        fmt::format("the reason is {} bytes long; at most {} are kept", reason.size(), kMaxStaffReason));
  if (std::any_of(reason.begin(), reason.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return Status::invalid_argument("the reason has a control character (a newline, a tab...): write it on one line");
  return Status::ok();
}

Result<std::uint64_t> write_on_case(Engine& engine, const CommandRequest& request, const std::string& what,
                                    const StaffEvent& event) {
  const std::string& case_name = request.case_name;
  return decide_until_written<std::uint64_t>(what, [&]() -> Decision<std::uint64_t> {
    using D = Decision<std::uint64_t>;
    auto state = engine.load(case_name);
    if (!state.is_ok()) return D::done(state.status());
    if (!state->exists()) return D::done(Status::not_found(fmt::format("there is no case '{}'", case_name)));
    auto keyed = find_keyed(engine, *state, request);
    if (!keyed.is_ok()) return D::done(keyed.status());
    if (*keyed) return D::done((*keyed)->first_position);
    auto e = event(engine, *state);
    if (!e.is_ok()) return D::done(e.status());
    e->actor = request.actor;
    e->metadata.correlation_id = request.correlation_id;
    if (!request.key.empty()) e->payload.update({{"key", request.key}, {"events", 1}});  // as record_key() does
    Plan plan;
    plan.accepted.case_name = case_name;
    plan.writes.push_back(StreamWrite{case_name, state->version, {std::move(*e)}});
    Status appended = append_plan(engine.store(), plan);
    if (appended.is_conflict()) return D::again(std::move(appended));
    if (!appended.is_ok()) return D::done(std::move(appended));
    (void)read_models::catch_up_read_models(engine.store());  // a cache for queries: replay rebuilds it
    return D::done(plan.accepted.first_position);
  });
}

}  // namespace mentorflow::engine
