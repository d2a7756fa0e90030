// store_crash_writer STORE THREADS: appends batches to the store until killed, for the crash test.
// Each thread owns stream "crash/T" and appends batches of 1 to 4 events; every event's payload
// says which batch it belongs to ({"first": version of the batch's first event, "size", "index"}).
// After each acknowledged append it writes one line "STREAM FIRST_VERSION SIZE LAST_POSITION" to
// stdout with a single write(2), so a reader sees whole lines even when the process dies.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/event_store.hpp"

using namespace mentorflow::store;

namespace {

std::mutex out_mu;

void say(const std::string& line) {
  std::lock_guard lock(out_mu);
  if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::_Exit(1);
}

[[noreturn]] void die(const std::string& why) {
  fmt::print(stderr, "store_crash_writer: {}\n", why);
  std::_Exit(1);
}

void append_forever(EventStore& store, int thread) {
  const std::string stream = "crash/" + std::to_string(thread);
  auto version = store.stream_version(stream);
  if (!version.is_ok()) die(version.status().to_string());
  std::uint64_t v = *version;
  for (int round = 0;; ++round) {
    const int size = 1 + (round + thread) % 4;
    std::vector<NewEvent> batch;
    for (int k = 0; k < size; ++k) {
      NewEvent e;
      e.type = "Appended";
      e.actor = {"crash-writer", "test"};
      e.payload = {{"first", v + 1}, {"size", size}, {"index", k}, {"padding", std::string(300, 'x')}};
      batch.push_back(std::move(e));
    }
    auto r = store.append(stream, ExpectedVersion::exact(v), batch);
    if (!r.is_ok()) die(r.status().to_string());
    say(fmt::format("{} {} {} {}\n", stream, v + 1, size, r->last_position));
    v = r->stream_version;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) die("usage: store_crash_writer STORE THREADS");
  auto store = EventStore::open(argv[1]);
  if (!store.is_ok()) die(store.status().to_string());
  std::vector<std::thread> threads;
  for (int t = 0; t < std::atoi(argv[2]); ++t) threads.emplace_back(append_forever, std::ref(**store), t);
  for (auto& t : threads) t.join();  // never: the test kills us
}
