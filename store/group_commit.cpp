// EventStore appends: a LevelDB-style writer queue with an explicit batching leader.
//
// Every append enqueues a Writer and waits. The writer at the front of the queue becomes the
// leader: it takes the writers queued behind it (the group), checks each one's expected version
// against the versions left by the writers before it in the group, gives out positions and
// extends the hash chain, and commits the whole group as one RocksDB WriteBatch with one WAL
// sync. It then hands each follower its own result (a conflicting writer fails alone) and wakes
// the next leader. Only the leader touches the chain head and the stream-version cache outside
// the mutex, so positions stay gapless and the chain linear without holding the lock across I/O.
#include <fmt/core.h>

#include <cassert>

#include "store/event_codec.hpp"
#include "store/keys.hpp"
#include "store/prepare_events.hpp"
#include "store/rocks_event_store.hpp"
#include "store/rocks.hpp"

namespace mentorflow::store {

namespace {

// A leader stops adding writers to its group past these, so one huge append cannot make the
// small ones behind it wait for a giant write (LevelDB caps its groups the same way).
constexpr std::size_t kMaxGroupBytes = 4 << 20;
// Per-event envelope bytes on top of payload and explanation, for the group size estimate.
constexpr std::size_t kEnvelopeEstimate = 200;

// Prepares one stream's events (store/prepare_events.hpp) and adds their estimated size to `bytes`.
// `of_many`: a stream of a multi-stream append, which may be only checked (no events).
Status prepare_segment(std::string_view stream, const std::vector<NewEvent>& events, std::vector<Event>& fresh,
                       std::size_t& bytes, bool of_many) {
  if (Status s = of_many ? prepare_segment_events(stream, events, fresh) : prepare_events(stream, events, fresh); !s.is_ok())
    return s;
  for (const Event& e : fresh) bytes += e.payload.size() + e.explanation.size() + kEnvelopeEstimate;
  return Status::ok();
}

}  // namespace

struct RocksEventStore::Writer {
  struct Segment {
    std::string stream;
    ExpectedVersion expected = ExpectedVersion::any();
    std::vector<Event> fresh;  // new events, envelope filled in by the leader
  };
  std::vector<Segment> segments;    // one per stream; all or none are written
  std::span<const Event> recorded;  // or recorded events (import), used as they are
  std::size_t bytes = 0;            // estimated size, for the group cap

  Result<AppendResult> result = Status::io_error("append was not committed");  // of the last segment
  std::vector<AppendResult> segment_results;                                    // one per segment
  bool done = false;
  std::condition_variable cv;
};

// The state a leader builds while staging its group; applied only if the write succeeds.
struct RocksEventStore::Group {
  explicit Group(ChainHead start, std::size_t bytes) : head(start), batch(bytes) {}

  ChainHead head;
  std::unordered_map<std::string, std::uint64_t> versions;  // streams written by this group
  rocksdb::WriteBatch batch;
  std::string value;  // scratch buffer for encoding
  std::vector<Writer*> accepted;
};

Result<AppendResult> RocksEventStore::append(std::string_view stream, ExpectedVersion expected, const std::vector<NewEvent>& events) {
  if (Status s = writable(); !s.is_ok()) return s;
  Writer w;
  auto& segment = w.segments.emplace_back(Writer::Segment{std::string(stream), expected, {}});
  if (Status s = prepare_segment(stream, events, segment.fresh, w.bytes, false); !s.is_ok()) return s;
  return enqueue(w);
}

Result<std::vector<AppendResult>> RocksEventStore::append_multi(const std::vector<StreamAppend>& appends,
                                                           std::vector<Event>* recorded) {
  if (Status s = writable(); !s.is_ok()) return s;
  if (appends.empty()) return Status::invalid_argument("a multi-stream append needs at least one stream");
  Writer w;
  for (const StreamAppend& a : appends) {
    for (const Writer::Segment& earlier : w.segments)
      if (earlier.stream == a.stream)
        return Status::invalid_argument(fmt::format("stream '{}' is named twice in one append", a.stream));
    auto& segment = w.segments.emplace_back(Writer::Segment{a.stream, a.expected, {}});
    if (Status s = prepare_segment(a.stream, a.events, segment.fresh, w.bytes, true); !s.is_ok()) return s;
  }
  if (Status s = check_writes_something(appends); !s.is_ok()) return s;
  auto result = enqueue(w);
  if (!result.is_ok()) return result.status();
  if (recorded)
    for (Writer::Segment& segment : w.segments)
      for (Event& e : segment.fresh) recorded->push_back(std::move(e));
  return std::move(w.segment_results);
}

Status RocksEventStore::append_recorded(std::span<const Event> events) {
  if (Status s = writable(); !s.is_ok()) return s;
  if (events.empty()) return Status::ok();
  Writer w;
  w.recorded = events;
  for (const Event& e : events) w.bytes += e.payload.size() + e.explanation.size() + kEnvelopeEstimate;
  auto result = enqueue(w);
  return result.is_ok() ? Status::ok() : result.status();
}

Status RocksEventStore::sync() {
  if (read_only()) return Status::ok();
  return from_rocks(rocks_->db().SyncWAL(), fmt::format("syncing store {}", dir_.string()));
}

Result<AppendResult> RocksEventStore::enqueue(Writer& w) {
  std::unique_lock lock(mu_);
  writers_.push_back(&w);
  w.cv.wait(lock, [&] { return w.done || writers_.front() == &w; });
  if (w.done) return std::move(w.result);  // a leader committed (or refused) it for us

  // We lead: take the queue up to the size cap. Writers arriving meanwhile wait for the next group.
  std::vector<Writer*> group{&w};
  std::size_t bytes = w.bytes;
  for (auto it = writers_.begin() + 1; it != writers_.end() && bytes + (*it)->bytes <= kMaxGroupBytes; ++it) {
    group.push_back(*it);
    bytes += (*it)->bytes;
  }
  Group staged(head_, bytes);
  lock.unlock();

  commit_group(group, staged);

  lock.lock();
  if (!staged.accepted.empty()) {
    head_ = staged.head;
    appended_.notify_all();
  }
  for (Writer* member : group) {
    assert(writers_.front() == member);
    writers_.pop_front();
    member->done = true;
    if (member != &w) member->cv.notify_one();
  }
  if (!writers_.empty()) writers_.front()->cv.notify_one();
  return std::move(w.result);
}

void RocksEventStore::commit_group(std::vector<Writer*>& group, Group& g) {
  auto version_in_group = [&](const std::string& stream) -> Result<std::uint64_t> {
    if (auto it = g.versions.find(stream); it != g.versions.end()) return it->second;
    return stream_version(stream);
  };
  auto stage = [&](const Event& e) {
    g.value.clear();
    encode_event_value(e, g.value);
    g.batch.Put(rocks_->events(), number_key(e.position), g.value);
  };
  // One index entry per run of events that follow each other in their stream and in the log.
  auto stage_index = [&](std::span<const Event> events) {
    for (std::size_t first = 0, last = 0; first < events.size(); first = ++last) {
      while (last + 1 < events.size() && events[last + 1].stream == events[first].stream) ++last;
      g.batch.Put(rocks_->streams(), stream_key(events[last].stream, events[last].version),
                  run_value(events[first].position, events[last].position));
    }
  };

  const UtcMicros now = clock_.now();
  for (Writer* w : group) {
    if (!w->recorded.empty()) {
      // Recorded events carry their own envelope; they are accepted only if they continue the
      // chain exactly where this group has got to.
      ChainWalker walker(g.head, version_in_group);
      Status s;
      for (const Event& e : w->recorded)
        if (s = walker.step(e); !s.is_ok()) break;
      if (!s.is_ok()) {
        w->result = s;
        continue;
      }
      for (const Event& e : w->recorded) stage(e);
      stage_index(w->recorded);
      for (const auto& [stream, version] : walker.stream_versions()) g.versions[stream] = version;
      w->result = AppendResult{w->recorded.front().position, walker.head().position, 0, walker.head().hash};
      g.head = walker.head();
      g.accepted.push_back(w);
      continue;
    }

    // Every segment's expectation is checked before any is staged: all or nothing.
    Status refusal;
    for (const Writer::Segment& seg : w->segments) {
      auto current = version_in_group(seg.stream);
      if (!current.is_ok()) {
        refusal = current.status();
        break;
      }
      if (!seg.expected.allows(*current)) {
        refusal = Status::conflict(fmt::format("stream '{}' is at version {}, but the append expected {}", seg.stream,
                                               *current, seg.expected.describe()));
        break;
      }
    }
    if (!refusal.is_ok()) {
      w->result = refusal;
      continue;
    }
    for (Writer::Segment& seg : w->segments) {
      std::uint64_t version = *version_in_group(seg.stream);  // cached by the check above
      if (seg.fresh.empty()) {  // only checked
        w->segment_results.push_back(AppendResult{0, 0, version, {}});
        continue;
      }
      for (Event& e : seg.fresh) {
        chain_onto(e, g.head, ++version, now);
        stage(e);
      }
      stage_index(seg.fresh);
      g.versions[seg.stream] = version;
      w->segment_results.push_back(AppendResult{seg.fresh.front().position, g.head.position, version, g.head.hash});
    }
    w->result = w->segment_results.back();
    g.accepted.push_back(w);
  }
  if (g.accepted.empty()) return;
  // Nothing the store writes names a position past this group's last event, so with it the mark
  // still names the log's end, and the next open need not read the whole index.
  g.batch.Put(rocks_->meta(), rocksdb::Slice(kHighWaterKey.data(), kHighWaterKey.size()), number_key(g.head.position));

  rocksdb::WriteOptions options;
  options.sync = options_.sync;
  if (const rocksdb::Status s = rocks_->db().Write(options, &g.batch); !s.ok()) {
    const Status failed = from_rocks(s, fmt::format("appending to store {}", dir_.string()));
    for (Writer* w : g.accepted) w->result = failed;
    g.accepted.clear();
    return;
  }
  remember_versions(g.versions);
}

}  // namespace mentorflow::store
