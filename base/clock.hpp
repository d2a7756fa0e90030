#pragma once
// Where "now" comes from. The store stamps each event with `Clock::now()`; the engine uses the same
// interface, so tests inject a ManualClock and never read the wall clock.
#include <atomic>
#include <chrono>
#include <cstdint>

namespace mentorflow {

// Microseconds since 1970-01-01T00:00:00Z (UTC, leap seconds ignored as by POSIX time).
using UtcMicros = std::int64_t;

// A source of the current time. Implementations must be safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UtcMicros now() const = 0;
};

// The machine's wall clock.
class SystemClock final : public Clock {
 public:
  UtcMicros now() const override {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
  }
};

// A clock that only moves when told to; for tests. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UtcMicros start) : now_(start) {}
  UtcMicros now() const override { return now_.load(); }
  void set(UtcMicros t) { now_.store(t); }
  void advance(UtcMicros micros) { now_.fetch_add(micros); }

 private:
  std::atomic<UtcMicros> now_;
};

}  // namespace mentorflow
