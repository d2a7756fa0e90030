#pragma once
// The binary value of a snapshot in the `snapshots` column family (docs/STORE.md, "Snapshots"):
// format byte 1, state_format (u32 LE), version (u64 LE), then the state. Internal to store/.
#include <cstdint>
#include <optional>
#include <string_view>

namespace mentorflow::store {

struct SnapshotHeader {
  std::uint32_t state_format = 0;
  std::uint64_t version = 0;
};

// The header of a stored snapshot value; nullopt when it is too short or of another format.
std::optional<SnapshotHeader> parse_snapshot_header(std::string_view value);

}  // namespace mentorflow::store
