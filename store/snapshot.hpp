#pragma once
// A stream's folded state at a version, saved so that loading a long stream need not fold it from
// the start. The store treats the state as opaque bytes; `state_format` is the folder's version of
// that encoding, so a changed fold invalidates old snapshots instead of misreading them.
#include <cstdint>
#include <string>

namespace mentorflow::store {

struct Snapshot {
  std::string stream;
  std::uint64_t version = 0;       // the state includes the stream's events 1..version
  std::uint32_t state_format = 0;  // chosen by whoever folds the state
  std::string state;               // opaque bytes
  bool operator==(const Snapshot&) const = default;
};

}  // namespace mentorflow::store
