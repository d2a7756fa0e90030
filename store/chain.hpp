#pragma once
// The hash chain over the global order: each event's hash covers its whole envelope and the hash
// of the event before it, so changing, dropping or reordering any recorded event shows.
// The canonical encoding hashed is specified in docs/STORE.md, "Hash chain".
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include "base/status.hpp"
#include "store/event.hpp"
#include "store/hash.hpp"

namespace mentorflow::store {

// The end of a chain: the last position and its hash ({0, kGenesisHash} for an empty log).
struct ChainHead {
  std::uint64_t position = 0;
  Hash hash = kGenesisHash;
  bool operator==(const ChainHead&) const = default;
};

// SHA-256 over the canonical encoding of every field of `event` except `hash` itself.
Hash event_hash(const Event& event);

// Gives a new event its envelope as the next link after `head` (position, stream version,
// recording time, previous hash, hash) and moves `head` to it: what both backends do to each
// event of an append, under their lock.
void chain_onto(Event& event, ChainHead& head, std::uint64_t version, UtcMicros recorded_at);

// What a read checks of an event it decodes (EventStore reads, ReadCheck::kHashes): Ok when
// `event` still hashes to its recorded hash; else Status::altered naming its position ("event at
// position 12 does not match its hash: the store was altered; run verify").
Status check_recorded_hash(const Event& event);
// Ok when `event` links to the hash of `before`, the event at the position just before it; else
// Status::altered naming both positions.
Status check_link(const ChainHead& before, const Event& event);

// Follows a chain one event at a time, checking that each event continues it: the next position,
// the previous hash, the next version of its stream, and a hash that matches its contents.
// Shared by verify, import and the engine's audit. Not thread-safe; one walker per walk.
class ChainWalker {
 public:
  // The version streams were at before `start` (0 for every stream when starting from genesis).
  using VersionLookup = std::function<Result<std::uint64_t>(const std::string& stream)>;

  explicit ChainWalker(ChainHead start = {}, VersionLookup version_before_start = {});

  // Accepts `event` if it continues the chain, else Corruption saying why, naming the position;
  // on failure the head stays where it was, so the first bad position is `head().position + 1`.
  Status step(const Event& event);

  const ChainHead& head() const { return head_; }
  // The version each stream walked so far has reached.
  const std::unordered_map<std::string, std::uint64_t>& stream_versions() const { return versions_; }

 private:
  ChainHead head_;
  VersionLookup version_before_start_;
  std::unordered_map<std::string, std::uint64_t> versions_;
};

}  // namespace mentorflow::store
