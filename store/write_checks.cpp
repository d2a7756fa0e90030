#include "store/write_checks.hpp"

#include <fmt/core.h>

namespace mentorflow::store {

Status check_views_move(std::uint64_t expected, std::uint64_t checkpoint, std::uint64_t last) {
  if (checkpoint < expected)
    return Status::invalid_argument(fmt::format("the views checkpoint cannot move back from {} to {}", expected, checkpoint));
  if (checkpoint > last)
    return Status::invalid_argument(fmt::format("the views cannot reflect position {}: the log ends at position {}", checkpoint, last));
  return Status::ok();
}

Status check_snapshot_version(const Snapshot& snapshot, std::uint64_t current) {
  if (snapshot.version == 0 || snapshot.version > current)
    return Status::invalid_argument(fmt::format("a snapshot of stream '{}' at version {} is impossible: the stream is at version {}",
                                                snapshot.stream, snapshot.version, current));
  return Status::ok();
}

}  // namespace mentorflow::store
