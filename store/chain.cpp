#include "store/chain.hpp"

#include <fmt/core.h>

#include <cstring>

namespace mentorflow::store {

namespace {

constexpr std::uint8_t kHashEncodingVersion = 1;
constexpr std::size_t kNumbers = 3;  // position, version, recorded_at: 8 bytes each
constexpr std::size_t kTexts = 9;    // each with a 4-byte length

char* put_be(char* out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) *out++ = static_cast<char>(v >> (8 * i));
  return out;
}

char* put_text(char* out, std::string_view text) {
  out = put_be(out, text.size(), 4);
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

}  // namespace

Hash event_hash(const Event& e) {
  // Big-endian numbers and length-prefixed texts: unambiguous, and easy to rebuild in any language
  // from the exported JSON (docs/STORE.md gives a worked example). Written in one pass into a
  // buffer sized first: every append, import and read hashes an event, and byte-by-byte appends
  // cost a third as much as the SHA-256 itself.
  thread_local std::string bytes;
  const std::size_t size = 1 + e.previous_hash.size() + 8 * kNumbers + 4 * kTexts + e.stream.size() + e.type.size() +
                           e.actor.user.size() + e.actor.role.size() + e.definition_id.size() + e.payload.size() +
                           e.explanation.size() + e.metadata.correlation_id.size() + e.metadata.causation_id.size();
  if (bytes.size() < size) bytes.resize(size);
  char* out = bytes.data();
  *out++ = static_cast<char>(kHashEncodingVersion);
  out = static_cast<char*>(std::memcpy(out, e.previous_hash.data(), e.previous_hash.size())) + e.previous_hash.size();
  out = put_be(out, e.position, 8);
  out = put_text(out, e.stream);
  out = put_be(out, e.version, 8);
  out = put_text(out, e.type);
  out = put_be(out, static_cast<std::uint64_t>(e.recorded_at), 8);
  out = put_text(out, e.actor.user);
  out = put_text(out, e.actor.role);
  out = put_text(out, e.definition_id);
  out = put_text(out, e.payload);
  out = put_text(out, e.explanation);
  out = put_text(out, e.metadata.correlation_id);
  out = put_text(out, e.metadata.causation_id);
  return sha256(std::string_view(bytes.data(), size));
}

void chain_onto(Event& event, ChainHead& head, std::uint64_t version, UtcMicros recorded_at) {
  event.position = ++head.position;
  event.version = version;
  event.recorded_at = recorded_at;
  event.previous_hash = head.hash;
  event.hash = event_hash(event);
  head.hash = event.hash;
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
