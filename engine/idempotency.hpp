#pragma once
// Idempotency keys (docs/ENGINE.md, "Idempotency keys"). A command may carry a key, chosen by its
// caller; it is recorded in the command's CommandAccepted (so it is in the hash chain, and replay,
// export and import keep it), and the case's fold indexes it (CaseState::keys). The same key on
// the same case again, for the same command, finds the first outcome and writes nothing; for
// another command it is refused. Keys are kept per case: one key on two cases is two keys.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "engine/case_state.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine {

inline constexpr std::size_t kMaxKeyLength = 200;

// InvalidArgument, naming the problem, unless `key` is 1 to kMaxKeyLength printable ASCII
// characters (space to '~'): a key travels in an HTTP header and is shown in messages as it is.
Status check_key(std::string_view key);

// What stands for a command's inputs when two requests are compared: the SHA-256 (hex) of their
// canonical JSON (null counts as {}). InvalidArgument when a text in them is not UTF-8.
Result<std::string> inputs_sha256(const nlohmann::json& inputs);

// Folds the key of a CommandAccepted (`payload` is its parsed payload) into state.keys: the first
// record of a key stays. Corruption, naming the position, when the key's fields are malformed.
Status record_keyed_command(CaseState& state, const store::Event& event, const nlohmann::json& payload);

// What a keyed request finds in `state` (its case as it is now, possibly not existing): nothing
// (nullopt: decide it), or the first outcome, read back from the log (`replayed` set). Conflict
// naming the key and what differs when it was recorded for another command (another command name,
// actor or inputs).
Result<std::optional<Accepted>> find_keyed(Engine& engine, const CaseState& state, const CommandRequest& request);

struct Plan;
// Writes `key` into the plan's CommandAccepted (the first event of its own case), with how many
// events the plan appends in all, so that find_keyed can read its outcome back.
void record_key(Plan& plan, const std::string& key);

// Whether `status` is find_keyed's Conflict (a key first used for another command), which the
// HTTP door answers as 409 key_reused rather than as a version conflict worth retrying.
bool is_key_reused(const Status& status);

}  // namespace mentorflow::engine
