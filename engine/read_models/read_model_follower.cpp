#include "engine/read_models/read_model_follower.hpp"

#include <algorithm>
#include <chrono>

#include "engine/read_models/projection.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine::read_models {
namespace {

// How long the follower sleeps on a quiet log before looking at its stop flag again.
constexpr std::chrono::milliseconds kIdleWait{50};
// After a failed catch-up: the same damaged event would fail at once again, so wait this long.
constexpr std::chrono::milliseconds kRetryWait{1000};
// Once the log moves, the follower lets some time pass before it catches up, so that one catch-up
// covers the commands of those milliseconds instead of each taking a views write of its own (and
// a turn at RocksDB's write queue beside the commands' synced appends). Not when someone waits.
// At least kGather; under a load that makes catch-ups long, ten times as long as the last one
// took, up to kMaxGather: a catch-up's statements and commit cost about the same for a few
// commands as for many, so the longer the log is busy the more commands each one should cover
// (on PostgreSQL, 50 ms instead of 5 ms gave 16 commands through the engine 6% more a second,
// docs/BENCHMARKS.md). The views lag the log by one gathering at most; a query that must see the
// latest commands catches up itself.
constexpr std::chrono::milliseconds kGather{5};
constexpr std::chrono::milliseconds kMaxGather{50};
constexpr int kGatherPerCatchUp = 10;

}  // namespace

ReadModelFollower::ReadModelFollower(store::EventStore& store) : store_(store), thread_([this] { run(); }) {}

ReadModelFollower::~ReadModelFollower() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  stop_.notify_all();
  thread_.join();
  (void)catch_up_read_models(store_);  // the events acknowledged while stopping
}

void ReadModelFollower::run() {
  // Kept from one catch-up to the next: the summaries it read and wrote are not read again.
  ReadModelProjection projection(store_);
  std::chrono::steady_clock::duration gather = kGather;
  while (!stopping_) {
    const std::uint64_t head = store_.head().position;
    // Level with the log, this reads the checkpoint and returns; behind it, it projects all the
    // events since, however many commands appended them.
    const auto started = std::chrono::steady_clock::now();
    auto caught = projection.catch_up();
    gather = std::clamp<std::chrono::steady_clock::duration>((std::chrono::steady_clock::now() - started) * kGatherPerCatchUp,
                                                             kGather, kMaxGather);
    {
      std::lock_guard lock(mu_);
      failure_ = caught.is_ok() ? Status::ok() : caught.status();
      if (caught.is_ok()) reached_ = caught->to;
    }
    moved_.notify_all();
    if (!caught.is_ok()) {
      std::unique_lock lock(mu_);
      stop_.wait_for(lock, kRetryWait, [&] { return stopping_.load(); });
    } else if (caught->to >= head && store_.wait_for_position(head + 1, kIdleWait)) {
      std::unique_lock lock(mu_);
      stop_.wait_for(lock, gather, [&] { return stopping_.load() || waiting_ > 0; });
    }
  }
}

Status ReadModelFollower::wait_until(std::uint64_t position) {
  std::unique_lock lock(mu_);
  ++waiting_;
  stop_.notify_all();  // no gathering while someone waits
  moved_.wait(lock, [&] { return reached_ >= position || !failure_.is_ok(); });
  --waiting_;
  return reached_ >= position ? Status::ok() : failure_;
}

}  // namespace mentorflow::engine::read_models
