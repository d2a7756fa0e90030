#include "engine/decide_again.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

namespace mentorflow::engine {
namespace {

constexpr auto kFirstPauseBound = std::chrono::microseconds(100);
constexpr auto kPauseCap = std::chrono::microseconds(20'000);

}  // namespace

void pause_before_deciding_again(int attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  const auto bound = std::min(kPauseCap, kFirstPauseBound * (1 << std::min(attempt, 16)));
  std::uniform_int_distribution<std::int64_t> pick(0, bound.count());
  std::this_thread::sleep_for(std::chrono::microseconds(pick(random)));
}

}  // namespace mentorflow::engine
