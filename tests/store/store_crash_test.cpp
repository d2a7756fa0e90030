// Crash test: a writer process is killed with SIGKILL mid-append, again and again. Afterwards
// every acknowledged event is there, no batch is partial, and the chain verifies.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <map>
#include <sstream>

#include "store/event_store.hpp"
#include "store/verify.hpp"
#include "tests/store/store_test_util.hpp"
#include "tests/support/run_cli.hpp"
#include "tests/support/temp_dir.hpp"

extern char** environ;

using namespace mentorflow::store;
using namespace mentorflow::store::testing;
using mentorflow::testing::run_cli;
using mentorflow::testing::TempDir;

namespace {

struct Ack {
  std::string stream;
  std::uint64_t first_version = 0;
  std::uint64_t size = 0;
  std::uint64_t last_position = 0;
};

// Runs the writer until it has acknowledged `kill_after` appends, kills it, and returns every
// acknowledgement it wrote, including any that were still in the pipe when it died.
std::vector<Ack> run_and_kill(const std::filesystem::path& store, int kill_after) {
  int out[2];
  REQUIRE(::pipe(out) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::string bin = CRASH_WRITER_BIN, dir = store.string(), threads = "4";
  char* argv[] = {bin.data(), dir.data(), threads.data(), nullptr};
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], &actions, nullptr, argv, environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);

  std::string text;
  char buf[4096];
  bool killed = false;
  for (;;) {
    const ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;  // EOF: the writer is dead and the pipe drained
    text.append(buf, static_cast<std::size_t>(n));
    if (!killed && std::count(text.begin(), text.end(), '\n') >= kill_after) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  INFO("the writer must die by our SIGKILL, not on its own");
  REQUIRE(killed);
  REQUIRE(WIFSIGNALED(status));

  std::vector<Ack> acks;
  std::istringstream lines(text);
  Ack a;
  while (lines >> a.stream >> a.first_version >> a.size >> a.last_position) acks.push_back(a);
  return acks;
}

}  // namespace

TEST_CASE("acknowledged appends survive SIGKILL, whole, with the chain intact", "[store][slow]") {
  TempDir dir;
  std::vector<Ack> acks;
  for (int kill_after : {5, 40, 1, 25, 60, 12}) {
    auto round = run_and_kill(dir.path(), kill_after);
    REQUIRE(static_cast<int>(round.size()) >= kill_after);
    acks.insert(acks.end(), round.begin(), round.end());
  }

  auto store = open_store(dir.path());
  for (const Ack& ack : acks) {
    auto batch = store->read_stream_forward(ack.stream, ack.first_version, ack.size);
    REQUIRE(batch.is_ok());
    REQUIRE(batch->size() == ack.size);
    CHECK(batch->back().position == ack.last_position);
  }
  // Every batch in the store, acknowledged or not, is whole: the events of one append are
  // consecutive versions, first to last, with nothing missing at the end of a stream.
  for (const StreamInfo& stream : *store->list_streams("crash/")) {
    auto events = store->read_stream_forward(stream.name, 1, SIZE_MAX);
    REQUIRE(events.is_ok());
    for (const Event& e : *events) {
      const auto payload = *e.payload_json();
      REQUIRE(e.version == payload["first"].get<std::uint64_t>() + payload["index"].get<std::uint64_t>());
    }
    const auto last = *events->back().payload_json();
    CHECK(last["index"].get<int>() == last["size"].get<int>() - 1);
  }
  auto report = verify_chain(*store);
  REQUIRE(report.is_ok());
  CHECK(report->intact());
  store.reset();
  CHECK(run_cli({"verify", "--store", dir.path().string()}).exit_code == 0);
}
