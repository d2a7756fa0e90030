#include "store/sign_head.hpp"

#include <fmt/core.h>

#include "store/witness_check.hpp"

namespace mentorflow::store {

Result<SignedCheckpoint> sign_head(const EventStore& store, const SigningKey& key, UtcMicros time) {
  const ChainHead head = store.head();
  if (head.position > 0) {
    auto last = store.read_event(head.position, ReadCheck::kNone);  // hashed below, in words of its own
    if (!last.is_ok()) return last.status();
    if (event_hash(*last) != last->hash || last->hash != head.hash)
      return Status::corruption(fmt::format("the event at position {} does not hash as recorded: the head is not signed", head.position));
  }
  return sign_checkpoint(key, head, time);
}

Status witness_holds(const EventStore& store, const std::filesystem::path& witness) {
  std::error_code ec;
  if (!std::filesystem::exists(witness, ec)) return Status::ok();
  auto report = check_witness(store, witness, {});  // any key: the signer's own check
  if (!report.is_ok()) return report.status();
  if (!report->clean())
    return Status::refused(fmt::format("the log does not pass through the witness file: {}; nothing was signed",
                                       report->findings.front().problem));
  return Status::ok();
}

}  // namespace mentorflow::store
