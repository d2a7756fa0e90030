#pragma once
// The argument checks every backend makes before writing views or snapshots, so that both refuse
// the same requests in the same words. Internal to store/.
#include <cstdint>

#include "base/status.hpp"
#include "store/snapshot.hpp"

namespace mentorflow::store {

// InvalidArgument when the views checkpoint would move back (below `expected`) or past the log's
// last position `last`.
Status check_views_move(std::uint64_t expected, std::uint64_t checkpoint, std::uint64_t last);

// InvalidArgument when `snapshot` claims version 0 or a version beyond its stream's `current` one.
Status check_snapshot_version(const Snapshot& snapshot, std::uint64_t current);

}  // namespace mentorflow::store
