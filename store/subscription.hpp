#pragma once
// A catch-up subscription: reads the log from a position on, then keeps delivering events as they
// are appended, in order, without gaps or repeats. Pull-based: the caller asks for the next batch
// and says how long it is willing to wait. One subscription belongs to one thread at a time; the
// store must outlive it.
#include <chrono>
#include <cstdint>
#include <vector>

#include "base/status.hpp"
#include "store/event.hpp"

namespace mentorflow::store {

class EventStore;

class Subscription {
 public:
  // Delivers events after `after_position` (0 = from the first event), `batch` at a time at most.
  Subscription(const EventStore& store, std::uint64_t after_position, std::size_t batch = 256);

  // The next events in order. When none are waiting, waits up to `timeout` for an append and
  // returns an empty vector if none came. Errors are those of EventStore::read_all.
  Result<std::vector<Event>> next(std::chrono::milliseconds timeout);

  // The position of the last event delivered (the checkpoint to resume from).
  std::uint64_t position() const { return position_; }

 private:
  const EventStore& store_;
  std::uint64_t position_;
  std::size_t batch_;
};

}  // namespace mentorflow::store
