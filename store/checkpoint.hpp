#pragma once
// A signed checkpoint: the statement "at TIME the log's position P had hash H", signed with an
// Ed25519 key (store/ed25519.hpp). Kept outside the store — one line each in a witness file
// (store/witness.hpp), or in the hands of whoever fetched it from GET /v1/checkpoint — it lets a
// later `verify` show that the log still holds P with H: not cut short, not rewritten up to P.
// The signed bytes and the line format: docs/STORE.md, "Signed checkpoints".
#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "store/chain.hpp"
#include "store/ed25519.hpp"

namespace mentorflow::store {

struct SignedCheckpoint {
  std::uint64_t position = 0;
  Hash hash{};
  UtcMicros time = 0;
  PublicKey key{};      // the signer's public key
  Signature signature{};
  bool operator==(const SignedCheckpoint&) const = default;
};

// The bytes signed: "mentorflow-checkpoint-v1 POSITION HASH TIME" (hash in lower-case hex, time in
// RFC 3339 UTC with six fractional digits), one line without a newline.
std::string checkpoint_message(std::uint64_t position, const Hash& hash, UtcMicros time);

// `head` at `time`, signed with `key`.
SignedCheckpoint sign_checkpoint(const SigningKey& key, const ChainHead& head, UtcMicros time);

// Whether the signature is that of `checkpoint.key` over its position, hash and time.
bool signature_holds(const SignedCheckpoint& checkpoint);

// The witness line, without its newline:
// {"position":42,"hash":"…64 hex…","time":"2025-10-01T09:00:00.000000Z","key":"…64 hex…","signature":"…128 hex…"}
std::string witness_line(const SignedCheckpoint& checkpoint);
// Reads one witness line; InvalidArgument saying what is wrong with it (not JSON, a field missing,
// unknown or of the wrong form). Does not check the signature.
Result<SignedCheckpoint> parse_witness_line(std::string_view line);

}  // namespace mentorflow::store
