#pragma once
// Checks a store against a witness file: the log must pass through every signed checkpoint —
// hold its position, with the hash signed — and every signature must verify, by one of the keys
// trusted when some are given (several after a key rotation, docs/STORE.md "Rotating the
// signing key"). Each failure is a finding naming the line; `verify --witness` reports them.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "store/ed25519.hpp"
#include "store/event_store.hpp"

namespace mentorflow::store {

struct WitnessFinding {
  std::size_t line = 0;
  std::string problem;  // one sentence, naming the position
};

struct WitnessReport {
  std::filesystem::path file;
  std::size_t lines = 0;
  std::size_t checkpoints = 0;        // lines that hold a checkpoint
  std::uint64_t highest_position = 0;  // the furthest position signed
  std::vector<PublicKey> keys;         // the keys the lines are signed with, in order of first use
  std::size_t keys_trusted = 0;        // how many keys the caller trusts; 0: any key that verifies was accepted
  std::vector<WitnessFinding> findings;
  bool clean() const { return findings.empty(); }
  // "witness FILE: the log passes through its 3 signed checkpoints, up to position 42 (signed by
  // key 3b6a…, the key given)", or how many do not hold.
  std::string summary() const;
};

// Reads `file` and checks `store` against each of its lines; when `trusted` is not empty, a line
// signed by a key not in it is a finding. NotFound or IOError when the file cannot be read; IOError
// when the store cannot. Findings are not errors.
Result<WitnessReport> check_witness(const EventStore& store, const std::filesystem::path& file,
                                    std::span<const PublicKey> trusted);

}  // namespace mentorflow::store
