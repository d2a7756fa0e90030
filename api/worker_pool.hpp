#pragma once
// The threads that run the engine for the server. The engine is not thread-safe, so each worker
// owns one Engine over the shared store (which is thread-safe and groups concurrent appends into
// one synced write); network threads never call the engine, they hand jobs to this pool. Many
// workers blocked on the same fsync is what lets group commit batch the server's commands.
//
// post() may be called from any thread; jobs run in the order posted, each on one worker.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/engine.hpp"

namespace mentorflow::api {

class WorkerPool {
 public:
  using Job = std::function<void(engine::Engine&)>;

  // Starts `workers` threads, each with its own Engine on `store` and `clock` (not owned; they
  // must outlive the pool). Each thread first runs `warm_up` (if any) on its engine.
  WorkerPool(store::EventStore& store, const Clock& clock, int workers, Job warm_up = {});
  // Runs every job already posted, then joins the threads (see stop()).
  ~WorkerPool();

  void post(Job job);
  // Lets the queue drain, then joins the threads; later posts are dropped. Idempotent.
  void stop();

 private:
  void run(engine::Engine& engine, const Job& warm_up);

  std::vector<std::unique_ptr<engine::Engine>> engines_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
};

}  // namespace mentorflow::api
