#pragma once
// Verification of a whole store: walks the hash chain from the first event and checks that every
// event is indexed under its stream and version. The engine's audit builds on this walk.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/chain.hpp"
#include "store/event_store.hpp"

namespace mentorflow::store {

struct VerifyReport {
  std::uint64_t events_checked = 0;       // events found intact, from position 1
  ChainHead head;                         // where the chain walk ended
  std::optional<std::uint64_t> bad_position;  // the first position that fails, if any
  std::string problem;                    // why it fails, one sentence naming the position
  // What names a position past the log's last event (a log cut at its end): not part of the
  // chain, so intact() does not say; ok() does.
  DanglingReferences dangling;
  bool intact() const { return !bad_position; }
  bool ok() const { return intact() && dangling.empty(); }
};

// Called now and then with the events checked so far and the store's last position.
using VerifyProgress = std::function<void(std::uint64_t checked, std::uint64_t total)>;

// Walks the chain of `store`, then looks for references past its last event. A broken chain, a
// damaged value, a missing index entry or a dangling reference is a finding in the report; the
// Result fails only when the store cannot be read at all.
Result<VerifyReport> verify_chain(const EventStore& store, const VerifyProgress& progress = {});

}  // namespace mentorflow::store
