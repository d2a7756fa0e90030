// mentorflow verify: walks the hash chain and names the first position that fails.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "store/event_store.hpp"
#include "store/verify.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow verify --store DIR\n"
    "\n"
    "Walks the hash chain from the first event and checks, for every event, that it has the next\n"
    "position, links to the hash of the event before it, is the next version of its stream, still\n"
    "matches its own hash, and is listed in the stream index. A damaged value counts as a break.\n"
    "\n"
    "On success prints the number of events and the hash the chain ends on: note it down, and a\n"
    "later verify that passes through the same position with the same hash proves that nothing\n"
    "up to there has changed. On a break, says which position and why, and exits with 1.\n"
    "The store is opened read-only and may be in use by a writer.\n"
    "\n"
    "options:\n"
    "  --store DIR   the store to check\n";

int run_verify(std::span<const std::string> args) {
  auto dir = parse_store_only(args, "verify");
  if (!dir) return kExitUsage;
  auto store = store::EventStore::open(*dir, {.read_only = true});
  if (!store.is_ok()) return report(store.status());

  Progress progress("verify", (*store)->head().position);
  auto report_or = store::verify_chain(**store, [&](std::uint64_t done, std::uint64_t) { progress.update(done); });
  if (!report_or.is_ok()) return report(report_or.status());
  const store::VerifyReport& r = *report_or;
  if (!r.intact())
    return report(Status::corruption(fmt::format("chain broken at position {}: {}", *r.bad_position, r.problem)));
  if (r.events_checked == 0) fmt::print("verified 0 events: the store is empty\n");
  else fmt::print("verified {} events: the chain is intact up to position {}, hash {}\n", r.events_checked, r.head.position, store::to_hex(r.head.hash));
  return kExitOk;
}

const Registration registration({"verify", "check the hash chain; name the first bad position", kHelp, run_verify});

}  // namespace
}  // namespace mentorflow::cli
