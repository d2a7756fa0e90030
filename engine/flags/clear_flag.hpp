#pragma once
// Clearing a flag (docs/ENGINE.md, "Flags"): a staff member says why a flag needs no more
// attention, and FlagCleared records it, with who and when, in the case's log. The flag stays in
// the case's history; it leaves the edition's list of open flags.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "base/status.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

class Engine;

// Clears flag `number` (1-based, engine/flags/case_flags.hpp) of `case_name` as `actor`, giving
// `reason`. Returns the global position of the FlagCleared written. Nothing is written, and the
// Status says why in one sentence, when: the actor's user name is invalid (InvalidArgument); the
// role is not a staff role of the case's workflow (Forbidden); the case does not exist (NotFound);
// it has no such flag (NotFound); the flag is cleared already (WrongState); the reason is empty,
// blank, longer than kMaxStaffReason (engine/staff_write.hpp) or has a control character (InvalidArgument). A concurrent
// write to the case is decided again on the new state, as a command is (engine/decide_again.hpp).
// With an idempotency key (engine/idempotency.hpp), recorded in FlagCleared: the same clearing
// again with the same key returns the first position and writes nothing; a key the case recorded
// for anything else is a Conflict (is_key_reused), as for a command.
Result<std::uint64_t> clear_flag(Engine& engine, const std::string& case_name, std::uint64_t number,
                                 const store::Actor& actor, const std::string& reason,
                                 const std::string& correlation = "", const std::string& key = "");

// What a key stands for when it clears a flag: this name (no workflow's command has a '-'), with
// the flag's number and the reason as its inputs.
inline constexpr const char* kClearFlagCommand = "clear-flag";
nlohmann::json clear_flag_inputs(std::uint64_t number, const std::string& reason);
// A FlagCleared payload as the CommandAccepted payload its key stands for (command, inputs, key,
// events), for record_keyed_command; null when it was written without a key. Throws
// nlohmann::json::exception, as a malformed payload, when a field is missing.
nlohmann::json keyed_clear(const nlohmann::json& cleared);

}  // namespace mentorflow::engine
