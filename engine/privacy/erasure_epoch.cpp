#include "engine/privacy/erasure_epoch.hpp"

#include <atomic>

namespace mentorflow::engine {
namespace {

std::atomic<std::uint64_t>& erasures() {
  static std::atomic<std::uint64_t> count{0};
  return count;
}

}  // namespace

std::uint64_t erasures_in_process() { return erasures().load(std::memory_order_acquire); }

void count_erasure_in_process() { erasures().fetch_add(1, std::memory_order_acq_rel); }

}  // namespace mentorflow::engine
