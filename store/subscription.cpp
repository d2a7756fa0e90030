#include "store/subscription.hpp"

#include "store/event_store.hpp"

namespace mentorflow::store {

Subscription::Subscription(const EventStore& store, std::uint64_t after_position, std::size_t batch)
    : store_(store), position_(after_position), batch_(batch) {}

Result<std::vector<Event>> Subscription::next(std::chrono::milliseconds timeout) {
  auto events = store_.read_all(position_ + 1, batch_);
  // Nothing yet: wait for the store's signal, then read once more. wait_for_position checks
  // the head under the store's lock, so an append between the read and the wait is not missed.
  if (events.is_ok() && events->empty() && store_.wait_for_position(position_ + 1, timeout))
    events = store_.read_all(position_ + 1, batch_);
  if (events.is_ok() && !events->empty()) position_ = events->back().position;
  return events;
}

}  // namespace mentorflow::store
