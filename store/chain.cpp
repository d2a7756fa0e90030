#include "store/chain.hpp"

#include <fmt/core.h>

namespace mentorflow::store {

namespace {

constexpr std::uint8_t kHashEncodingVersion = 1;

void put_be(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void put_text(std::string& out, std::string_view text) {
  put_be(out, text.size(), 4);
  out.append(text);
}

}  // namespace

Hash event_hash(const Event& e) {
  // Big-endian numbers and length-prefixed texts: unambiguous, and easy to rebuild in any language
  // from the exported JSON (docs/STORE.md gives a worked example).
  thread_local std::string bytes;  // reused: hashing is on the append and import paths
  bytes.clear();
  bytes.push_back(static_cast<char>(kHashEncodingVersion));
  bytes.append(reinterpret_cast<const char*>(e.previous_hash.data()), e.previous_hash.size());
  put_be(bytes, e.position, 8);
  put_text(bytes, e.stream);
  put_be(bytes, e.version, 8);
  put_text(bytes, e.type);
  put_be(bytes, static_cast<std::uint64_t>(e.recorded_at), 8);
  put_text(bytes, e.actor.user);
  put_text(bytes, e.actor.role);
  put_text(bytes, e.definition_id);
  put_text(bytes, e.payload);
  put_text(bytes, e.explanation);
  put_text(bytes, e.metadata.correlation_id);
  put_text(bytes, e.metadata.causation_id);
  return sha256(bytes);
}

Status check_recorded_hash(const Event& e) {
  if (event_hash(e) == e.hash) return Status::ok();
  return Status::altered(fmt::format("event at position {} does not match its hash: the store was altered; run verify", e.position));
}

Status check_link(const ChainHead& before, const Event& e) {
  if (e.previous_hash == before.hash) return Status::ok();
  return Status::altered(fmt::format("event at position {} does not link to the hash of position {}: the store was altered; run verify",
                                     e.position, before.position));
}

ChainWalker::ChainWalker(ChainHead start, VersionLookup version_before_start)
    : head_(start), version_before_start_(std::move(version_before_start)) {}

Status ChainWalker::step(const Event& e) {
  const std::uint64_t expected = head_.position + 1;
  if (e.position != expected) {
    if (e.position > expected)
      return Status::corruption(fmt::format("position {} is missing (the next event is at position {})", expected, e.position));
    return Status::corruption(fmt::format("event at position {} comes where position {} was expected", e.position, expected));
  }
  if (e.previous_hash != head_.hash)
    return Status::corruption(fmt::format("event at position {} does not link to the hash of position {}", e.position, head_.position));
  auto known = versions_.find(e.stream);
  std::uint64_t current = 0;
  if (known != versions_.end()) {
    current = known->second;
  } else if (version_before_start_) {
    auto before = version_before_start_(e.stream);
    if (!before.is_ok()) return before.status();
    current = *before;
  }
  if (e.version != current + 1)
    return Status::corruption(fmt::format("event at position {} has version {} of stream '{}', expected version {}",
                                          e.position, e.version, e.stream, current + 1));
  if (event_hash(e) != e.hash)
    return Status::corruption(fmt::format("event at position {} does not match its hash (its contents were changed)", e.position));
  if (known != versions_.end()) known->second = e.version;
  else versions_.emplace(e.stream, e.version);
  head_ = {e.position, e.hash};
  return Status::ok();
}

}  // namespace mentorflow::store
