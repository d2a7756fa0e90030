#pragma once
// What a store keeps that names a position or a stream version beyond its last event: the stream
// index, the views checkpoint and the snapshots. In a store written only by EventStore there is
// none (each is written with, or after, the events it names); there is some when events were
// removed from the end of the log behind the store's back (`ldb delete`). A writer that went on
// from such a log would give a removed position a second meaning, so a read-write open refuses
// it and `verify` reports it (docs/STORE.md, "A log cut at its end").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mentorflow::store {

struct DanglingReferences {
  std::uint64_t last_position = 0;  // the last event the log holds

  // Stream index entries naming positions past last_position: the lowest and highest of those
  // positions, and the streams concerned (at most kNamed of them are kept).
  std::optional<std::uint64_t> index_first, index_last;
  std::vector<std::string> index_streams;
  std::size_t index_stream_count = 0;

  std::optional<std::uint64_t> views_checkpoint;  // set when it is past last_position

  // Snapshots claiming a version their stream's events (up to last_position) do not reach.
  struct SnapshotAhead {
    std::string stream;
    std::uint64_t version = 0;         // the snapshot's
    std::uint64_t stream_version = 0;  // the last version the log holds
  };
  std::vector<SnapshotAhead> snapshots;  // at most kNamed
  std::size_t snapshot_count = 0;

  static constexpr std::size_t kNamed = 5;  // how many streams a sentence names before "and N more"

  bool empty() const { return !index_first && !views_checkpoint && snapshot_count == 0; }
  // "the last event is at 41, but the stream index refers to 42–43 (stream 'a'), the views
  // checkpoint is at 43 and the snapshot of 'a' is at version 6 (its events end at version 5)".
  std::string describe() const;
};

}  // namespace mentorflow::store
