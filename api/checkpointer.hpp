#pragma once
// The server's signed checkpoints (docs/STORE.md, "Signed checkpoints"): a thread that signs the
// store's head every N events or every M minutes, appends each checkpoint to the witness file,
// and keeps the latest for GET /v1/checkpoint. It signs once at start (unless the witness's last
// line already signs the head with this key) and once when stopped (if the head moved), so the
// witness always ends where the server left the log. A failed write is logged and tried again at
// the next turn. Thread-safe.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/clock.hpp"
#include "base/status.hpp"
#include "store/checkpoint.hpp"
#include "store/ed25519.hpp"
#include "store/event_store.hpp"

namespace mentorflow::api {

struct CheckpointPolicy {
  std::uint64_t every_events = 0;       // sign once the head is this many events past the last checkpoint; 0: never
  std::chrono::minutes every_minutes{0};  // sign this often when the head moved; 0: never
};

class Checkpointer {
 public:
  // Refused when the log does not pass through the checkpoints `witness` already holds; IOError
  // when it cannot be read or written; Corruption when the head does not hash as recorded. `store`
  // and `clock` (which stamps the checkpoints) are not owned and must outlive the checkpointer.
  // `earlier_keys`: the keys the witness's earlier lines were signed with before the key was
  // rotated (docs/STORE.md, "Rotating the signing key"), which trusted_keys() adds to `key`'s own.
  static Result<std::unique_ptr<Checkpointer>> start(const store::EventStore& store, store::SigningKey key,
                                                     std::filesystem::path witness, CheckpointPolicy policy,
                                                     const Clock& clock,
                                                     std::vector<store::PublicKey> earlier_keys = {});
  ~Checkpointer();  // stops the thread, then signs the head if it moved
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // The latest checkpoint signed (or found already signed in the witness at start).
  store::SignedCheckpoint latest() const;
  // Signs the head now if it moved since the latest checkpoint and appends it to the witness.
  Status sign_if_moved();

  const std::filesystem::path& witness() const { return witness_; }
  const store::PublicKey& public_key() const { return key_.public_key(); }
  // The keys a line of the witness may be signed with: this key, then the earlier ones.
  std::vector<store::PublicKey> trusted_keys() const;

 private:
  Checkpointer(const store::EventStore& store, store::SigningKey key, std::filesystem::path witness,
               CheckpointPolicy policy, const Clock& clock, std::vector<store::PublicKey> earlier_keys);
  void run();

  const store::EventStore& store_;
  const store::SigningKey key_;
  const std::filesystem::path witness_;
  const CheckpointPolicy policy_;
  const Clock& clock_;
  const std::vector<store::PublicKey> earlier_keys_;

  std::mutex sign_mu_;  // one signer at a time, so witness lines stay in position order
  mutable std::mutex mu_;  // guards the members below
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  store::SignedCheckpoint latest_;
  std::thread thread_;
};

}  // namespace mentorflow::api
