#pragma once
// The threads that run the engine for the server. The engine is not thread-safe, so each worker
// owns one Engine over the shared store (which is thread-safe and groups concurrent appends into
// one synced write); network threads never call the engine, they hand jobs to this pool. Many
// workers blocked on the same fsync is what lets group commit batch the server's commands. The
// engines leave the read models to the pool's ReadModelFollower, which projects the commands of
// all workers in batches behind them; it stops last, level with the log.
//
// The queue is bounded, so that a flood of requests is told "busy" at once instead of waiting
// behind thousands of others: post() refuses a job when it is full. A job that throws is logged
// to stderr and the worker goes on with the next.
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
#include "engine/read_models/read_model_follower.hpp"

namespace mentorflow::api {

class WorkerPool {
 public:
  using Job = std::function<void(engine::Engine&)>;

  // Starts `workers` threads, each with its own Engine on `store` and `clock` (not owned; they
  // must outlive the pool; the store must be writable), and the read models' follower, taking at most `max_queued` jobs waiting at once. Each thread first
  // runs `warm_up` (if any) on its engine.
  WorkerPool(store::EventStore& store, const Clock& clock, int workers, std::size_t max_queued, Job warm_up = {});
  // Runs every job already posted, then joins the threads (see stop()).
  ~WorkerPool();

  // Queues `job`; false (and the job is dropped) when the queue is full or the pool is stopping.
  bool post(Job job);
  // Lets the queue drain, then joins the threads; later posts are dropped. Idempotent.
  void stop();

 private:
  void run(engine::Engine& engine, const Job& warm_up);

  engine::read_models::ReadModelFollower follower_;  // first: destroyed after the workers are joined
  engine::CaseLocks case_locks_;                     // the workers' engines take turns on a case
  std::vector<std::unique_ptr<engine::Engine>> engines_;
  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  const std::size_t max_queued_;
  bool stopping_ = false;
};

}  // namespace mentorflow::api
