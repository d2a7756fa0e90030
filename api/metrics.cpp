#include "api/metrics.hpp"

#include <fmt/core.h>

namespace mentorflow::api {
namespace {

void counter(std::string& out, std::string_view name, std::string_view help, const std::atomic<std::uint64_t>& value) {
  out += fmt::format("# HELP {} {}\n# TYPE {} counter\n{} {}\n", name, help, name, name, value.load());
}

}  // namespace

void Metrics::request(int http_status, std::chrono::nanoseconds elapsed) {
  if (http_status >= 0 && http_status < kStatuses) by_status_[http_status].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  latency_sum_ns_.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Metrics::accepted(std::uint64_t events) {
  accepted_.fetch_add(1, std::memory_order_relaxed);
  events_.fetch_add(events, std::memory_order_relaxed);
}

void Metrics::refused() { refused_.fetch_add(1, std::memory_order_relaxed); }
void Metrics::connection_opened() { connections_.fetch_add(1, std::memory_order_relaxed); }
void Metrics::connection_dropped() { dropped_.fetch_add(1, std::memory_order_relaxed); }

std::string Metrics::prometheus_text() const {
  std::string out;
  out += "# HELP mentorflow_http_requests_total HTTP requests answered, by status code.\n";
  out += "# TYPE mentorflow_http_requests_total counter\n";
  for (int s = 0; s < kStatuses; ++s) {
    const std::uint64_t n = by_status_[s].load(std::memory_order_relaxed);
    if (n > 0) out += fmt::format("mentorflow_http_requests_total{{code=\"{}\"}} {}\n", s, n);
  }
  counter(out, "mentorflow_commands_accepted_total", "Commands the engine accepted (durable when answered).", accepted_);
  counter(out, "mentorflow_commands_refused_total", "Commands refused by a role, a party, a state or a rule.", refused_);
  counter(out, "mentorflow_events_appended_total", "Events appended by accepted commands.", events_);
  counter(out, "mentorflow_connections_total", "Connections accepted.", connections_);
  counter(out, "mentorflow_connections_dropped_total", "Connections closed for a timeout or a size limit.", dropped_);
  out += "# HELP mentorflow_http_request_duration_seconds Time from a request's last byte to its response.\n";
  out += "# TYPE mentorflow_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b < kBuckets.size(); ++b) {
    cumulative += buckets_[b].load(std::memory_order_relaxed);
    out += fmt::format("mentorflow_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[b], cumulative);
  }
  cumulative += buckets_[kBuckets.size()].load(std::memory_order_relaxed);
  out += fmt::format("mentorflow_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
  out += fmt::format("mentorflow_http_request_duration_seconds_sum {}\n", latency_sum_ns_.load() / 1e9);
  out += fmt::format("mentorflow_http_request_duration_seconds_count {}\n", cumulative);
  return out;
}

}  // namespace mentorflow::api
