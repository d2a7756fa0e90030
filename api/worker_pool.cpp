#include "api/worker_pool.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <exception>

#include "api/api_error.hpp"

namespace mentorflow::api {
namespace {

// A job that throws must not end the worker (std::terminate) nor the server: one line in the log.
void run_guarded(const WorkerPool::Job& job, engine::Engine& engine, const char* what) {
  try {
    job(engine);
  } catch (const std::exception& e) {
    fmt::print(stderr, "mentorflow serve: {} failed: {}\n", what, log_text(e.what()));
  } catch (...) {
    fmt::print(stderr, "mentorflow serve: {} failed: unknown exception\n", what);
  }
}

}  // namespace

WorkerPool::WorkerPool(store::EventStore& store, const Clock& clock, int workers, std::size_t max_queued, Job warm_up)
    : follower_(store), max_queued_(std::max<std::size_t>(1, max_queued)) {
  for (int i = 0; i < std::max(1, workers); ++i)
    engines_.push_back(std::make_unique<engine::Engine>(store, clock, engine::ReadModelUpkeep::kByFollower, &case_locks_));
  for (auto& engine : engines_) threads_.emplace_back([this, e = engine.get(), warm_up] { run(*e, warm_up); });
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::post(Job job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || jobs_.size() >= max_queued_) return false;
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
}

void WorkerPool::run(engine::Engine& engine, const Job& warm_up) {
  if (warm_up) run_guarded(warm_up, engine, "compiling the editions at start");
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to do
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    run_guarded(job, engine, "a request");
  }
}

}  // namespace mentorflow::api
