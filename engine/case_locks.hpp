#pragma once
// Turns on a case for the engines of one process (a server's workers). Two commands decided on
// the same case at once cannot both be written: the later append meets a version conflict and is
// decided again, and on a hot case (64 connections on a few applications) most of the work is
// then thrown away. Taking turns per case costs nothing when cases differ and turns those
// conflicts into a short wait. Only one process writes a store (its RocksDB lock), so within it
// conflicts remain only on the other cases a command touches (a cohort's for each, a created
// case), which Engine::handle decides again.
#include <array>
#include <functional>
#include <mutex>
#include <string_view>

namespace mentorflow::engine {

class CaseLocks {
 public:
  // The turn of `stream`'s case: unrelated cases share a stripe now and then, and then wait for
  // each other, never for long (a command is milliseconds).
  std::unique_lock<std::mutex> turn(std::string_view stream) {
    return std::unique_lock(stripes_[std::hash<std::string_view>{}(stream) % stripes_.size()]);
  }

 private:
  std::array<std::mutex, 512> stripes_;
};

}  // namespace mentorflow::engine
