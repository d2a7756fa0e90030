// libFuzzer target: any bytes as an export (JSON Lines) imported into a store, as `mentorflow
// import` does it (store/event_import.hpp). The promise: either the file is refused with a sentence
// and nothing is written, or it is imported whole, and then the store's chain ends where the
// file's does, every event reads back as it was given, exports to a line that reads back the same
// (docs/STORE.md, "Export format"), and the store verifies.
//
// Random bytes hardly ever carry the right SHA-256 hashes, so an input whose lines all read as
// events but do not continue the store's chain is imported a second time with its chain made good
// (positions, stream versions, previous hashes and hashes worked out again from the store's
// head): that takes whatever streams, types, payloads and times the fuzzer makes through the
// writing and the verifying too. Opening a RocksDB store costs far more than an input under the
// sanitizers, so imports pile up in one store, which is emptied (made anew) once it holds
// kEmptyAfter events; an export from position 1 is then imported as it is.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "store/chain.hpp"
#include "store/event_import.hpp"
#include "store/event_json.hpp"
#include "store/event_store.hpp"
#include "store/verify.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace mentorflow::fuzz {
namespace {

constexpr std::uint64_t kEmptyAfter = 500;

class PiledStore {
 public:
  PiledStore() { empty(); }

  store::EventStore& get() { return *store_; }

  // A new, empty store once this one holds kEmptyAfter events.
  void make_room() {
    if (store_->head().position >= kEmptyAfter) empty();
  }

 private:
  void empty() {
    store_.reset();
    // As `mentorflow import` opens it: appends unsynced, one sync at the end.
    auto store = store::EventStore::open(scratch("store"), {.read_only = false, .create_if_missing = true, .sync = false, .clock = nullptr});
    if (!store.is_ok()) fail(store.status().to_string());
    store_ = std::move(*store);
  }

  std::unique_ptr<store::EventStore> store_;
};

// Imports `events` as the CLI does; returns whether they were imported, checking the promise either way.
bool import(store::EventStore& store, const std::vector<store::Event>& events) {
  const store::ChainHead before = store.head();
  if (Status s = store::check_continues(events, &store); !s.is_ok()) {
    if (s.message().empty()) fail("a refused import says nothing");
    if (store.head() != before) fail("a refused import wrote");
    return false;
  }
  if (Status s = store::append_imported(store, events); !s.is_ok())
    fail(fmt::format("events that continue the chain were not appended: {}", s.to_string()));
  if (store.head().position != before.position + events.size() || (!events.empty() && store.head().hash != events.back().hash))
    fail("the store's chain does not end where the file's does");
  for (const store::Event& given : events) {
    auto read = store.read_event(given.position);
    if (!read.is_ok()) fail(fmt::format("position {} does not read back: {}", given.position, read.status().to_string()));
    if (!(*read == given)) fail(fmt::format("position {} reads back otherwise than it was given", given.position));
    const std::string line = store::event_to_json(*read);
    auto again = store::event_from_json(line);
    if (!again.is_ok()) fail(fmt::format("the export of position {} does not read: {}\n{}", given.position, again.status().to_string(), line));
    if (!(*again == given)) fail(fmt::format("the export of position {} reads back otherwise\n{}", given.position, line));
  }
  auto report = store::verify_chain(store);
  if (!report.is_ok()) fail(fmt::format("verify: {}", report.status().to_string()));
  if (!report->ok() || report->events_checked != store.head().position)
    fail(fmt::format("an imported store does not verify: {}", report->problem));
  return true;
}

// `events` with their chain made good from the store's head on.
void rechain(const store::EventStore& store, std::vector<store::Event>& events) {
  std::map<std::string, std::uint64_t> versions;
  store::ChainHead head = store.head();
  for (store::Event& e : events) {
    auto known = versions.find(e.stream);
    if (known == versions.end()) {
      auto version = store.stream_version(e.stream);
      if (!version.is_ok()) fail(fmt::format("the version of stream '{}': {}", e.stream, version.status().to_string()));
      known = versions.emplace(e.stream, *version).first;
    }
    e.position = head.position + 1;
    e.version = ++known->second;
    e.previous_hash = head.hash;
    e.hash = store::event_hash(e);
    head = {e.position, e.hash};
  }
}

}  // namespace
}  // namespace mentorflow::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mentorflow;
  static fuzz::PiledStore store;
  store.make_room();
  auto events = store::events_from_lines(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!events.is_ok()) {
    if (events.status().message().empty()) fuzz::fail("a refused file says nothing");
    return 0;
  }
  if (fuzz::import(store.get(), *events)) return 0;
  fuzz::rechain(store.get(), *events);
  if (!fuzz::import(store.get(), *events)) fuzz::fail("events that continue the chain were refused");
  return 0;
}
