#pragma once
// A person's write on a case outside its workflow's commands: staff clearing a flag
// (engine/flags/clear_flag.hpp), a legal hold placed or released (engine/records/legal_hold.hpp).
// One event, decided on the case as read and appended at its version; a concurrent write to the
// case is decided again on the new state, as a command is (engine/decide_again.hpp).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "engine/case_state.hpp"
#include "engine/engine.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

// The longest reason, in bytes: a sentence or two, as a `requires` message.
inline constexpr std::size_t kMaxStaffReason = 500;

// OK, or InvalidArgument in one sentence: `reason` is blank (the sentence is `blank`), longer than
// kMaxStaffReason, or holds a control character (a newline would forge a line of `history`).
Status check_staff_reason(const std::string& reason, std::string_view blank);

// The event a staff write appends to `state`, or why it cannot be written.
using StaffEvent = std::function<Result<store::NewEvent>(Engine&, const CaseState&)>;

// Appends what `event` makes of the case `request.case_name` as it stands and returns its global
// position, with the request's actor and correlation on it and, with a key, the key recorded as a
// command's (engine/idempotency.hpp; a retry returns the first position and writes nothing).
// NotFound when the case does not exist; otherwise `event`'s refusal, or the store's. `what`
// names the write in the message of a conflict that outlasts the retries ("clearing flag 2").
Result<std::uint64_t> write_on_case(Engine& engine, const CommandRequest& request, const std::string& what,
                                    const StaffEvent& event);

}  // namespace mentorflow::engine
