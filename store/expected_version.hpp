#pragma once
// What a writer believes about a stream before appending to it (optimistic concurrency). The store
// refuses the append with Status::conflict when the belief no longer holds.
#include <cstdint>
#include <optional>
#include <string>

namespace mentorflow::store {

class ExpectedVersion {
 public:
  // The stream is exactly at `version` (0 means it has no events yet).
  static ExpectedVersion exact(std::uint64_t version) { return {Kind::kExact, version}; }
  // The stream has no events yet.
  static ExpectedVersion no_stream() { return {Kind::kExact, 0}; }
  // The stream has at least one event, whatever its version.
  static ExpectedVersion stream_exists() { return {Kind::kStreamExists, 0}; }
  // No check at all.
  static ExpectedVersion any() { return {Kind::kAny, 0}; }

  // Whether a stream currently at `current` (0 = empty) satisfies this expectation.
  bool allows(std::uint64_t current) const {
    switch (kind_) {
      case Kind::kExact: return current == version_;
      case Kind::kStreamExists: return current > 0;
      case Kind::kAny: return true;
    }
    return false;
  }

  // The version this expects the stream at, when it expects one (exact, no_stream).
  std::optional<std::uint64_t> exact_version() const {
    return kind_ == Kind::kExact ? std::optional<std::uint64_t>(version_) : std::nullopt;
  }

  // Words for error messages: "version 3", "no stream", "an existing stream", "any version".
  std::string describe() const {
    switch (kind_) {
      case Kind::kExact: return version_ == 0 ? "no stream" : "version " + std::to_string(version_);
      case Kind::kStreamExists: return "an existing stream";
      case Kind::kAny: return "any version";
    }
    return "?";
  }

 private:
  enum class Kind { kExact, kStreamExists, kAny };
  ExpectedVersion(Kind kind, std::uint64_t version) : kind_(kind), version_(version) {}

  Kind kind_;
  std::uint64_t version_;
};

}  // namespace mentorflow::store
