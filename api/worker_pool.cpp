#include "api/worker_pool.hpp"

#include <algorithm>

namespace mentorflow::api {

WorkerPool::WorkerPool(store::EventStore& store, const Clock& clock, int workers, Job warm_up) {
  for (int i = 0; i < std::max(1, workers); ++i) engines_.push_back(std::make_unique<engine::Engine>(store, clock));
  for (auto& engine : engines_) threads_.emplace_back([this, e = engine.get(), warm_up] { run(*e, warm_up); });
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::post(Job job) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
  }
  ready_.notify_one();
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
  if (warm_up) warm_up(engine);
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to do
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(engine);
  }
}

}  // namespace mentorflow::api
