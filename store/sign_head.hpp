#pragma once
// Signing a store's head: what `mentorflow checkpoint` and the server's checkpointer
// (api/checkpointer.hpp) share. docs/STORE.md, "Signed checkpoints".
#include <filesystem>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "store/checkpoint.hpp"
#include "store/ed25519.hpp"
#include "store/event_store.hpp"

namespace mentorflow::store {

// The store's head at `time`, signed with `key`, once the last event is read back and found to
// hash as recorded: Corruption naming the position when it does not (a damaged head is not signed).
Result<SignedCheckpoint> sign_head(const EventStore& store, const SigningKey& key, UtcMicros time);

// Ok when `witness` does not exist yet or the log passes through every checkpoint in it; else
// Refused, naming the file and the first line that does not hold, so that no checkpoint is added
// to a witness the log already contradicts. NotFound never; IOError when it cannot be read.
Status witness_holds(const EventStore& store, const std::filesystem::path& witness);

}  // namespace mentorflow::store
