#pragma once
// A catch-up subscription that keeps a store's read models (engine/read_models/read_model.hpp) up to date from
// a thread of its own, behind the commands instead of inside them. Each time the log moves it lets
// a few milliseconds pass and runs one catch-up over everything appended since, so one views write
// covers the events of many commands, and no command waits for the projection. The server runs one beside its engines
// (made with ReadModelUpkeep::kByFollower); queries that must see the latest commands still catch
// up first themselves, which costs nothing when the follower is level with the log.
//
// Thread-safe. The store must outlive the follower.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "base/status.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine::read_models {

class ReadModelFollower {
 public:
  // Starts following `store` (which must be writable) at once.
  explicit ReadModelFollower(store::EventStore& store);
  // Stops after a last catch-up, so the read models include every event acknowledged before.
  ~ReadModelFollower();
  ReadModelFollower(const ReadModelFollower&) = delete;
  ReadModelFollower& operator=(const ReadModelFollower&) = delete;

  // Waits until the read models reflect the log up to `position` at least. Returns the catch-up's
  // failure instead when the follower could not get there (a damaged event: run mentorflow replay).
  Status wait_until(std::uint64_t position);

 private:
  void run();

  store::EventStore& store_;
  std::mutex mu_;                   // guards reached_, failure_ and waiting_
  std::condition_variable moved_;   // signalled after each catch-up
  std::condition_variable stop_;    // signalled when stopping or waited on (ends a pause)
  std::uint64_t reached_ = 0;       // the views' checkpoint after the last catch-up
  Status failure_;                  // of the last catch-up, if it failed
  int waiting_ = 0;                 // callers in wait_until()
  std::atomic<bool> stopping_{false};
  std::thread thread_;              // last: starts once the members above exist
};

}  // namespace mentorflow::engine::read_models
