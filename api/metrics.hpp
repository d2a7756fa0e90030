#pragma once
// The server's counters, shown at GET /metrics in Prometheus text format (docs/API.md,
// "Metrics"): requests by status, refused and accepted commands, events appended, and a latency
// histogram. Lock-free counters: every method may be called from any thread.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace mentorflow::api {

class Metrics {
 public:
  // One request answered with `http_status`, `elapsed` after its last byte arrived.
  void request(int http_status, std::chrono::nanoseconds elapsed);
  // A command the engine accepted, and the events it appended (to every stream it touched).
  void accepted(std::uint64_t events);
  // A command refused (403, 409 or 422 from the engine's decision).
  void refused();
  // Connections accepted / closed for a timeout or a limit.
  void connection_opened();
  void connection_dropped();

  // The text Prometheus scrapes.
  std::string prometheus_text() const;

  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05,
                                                      0.1,    0.2,   0.5,   1,     2,    5,    10};

 private:
  static constexpr int kStatuses = 600;
  std::array<std::atomic<std::uint64_t>, kStatuses> by_status_{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets_{};  // last: +Inf
  std::atomic<std::uint64_t> latency_sum_ns_{0};
  std::atomic<std::uint64_t> accepted_{0}, refused_{0}, events_{0}, connections_{0}, dropped_{0};
};

}  // namespace mentorflow::api
