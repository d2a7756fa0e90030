// mentorflow checkpoint: signs the store's head and appends it to a witness file.
#include <fmt/core.h>

#include "base/hex.hpp"
#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/store_command.hpp"
#include "store/ed25519.hpp"
#include "store/event_store.hpp"
#include "store/sign_head.hpp"
#include "store/utc_time.hpp"
#include "store/witness.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow checkpoint --store DIR|postgresql://... --key KEYFILE --witness FILE\n"
    "\n"
    "Signs the store's head — its last position, that event's hash, and the time now — with the\n"
    "Ed25519 key in KEYFILE (see mentorflow keygen) and appends the signed checkpoint to FILE, one\n"
    "JSON line each. Keep FILE outside the store, where whoever can change the store cannot change\n"
    "it too (another disk, another machine, a mail to the auditor). Later, mentorflow verify\n"
    "--witness FILE --public-key KEYFILE.pub fails if the log is shorter than, or differs at, any\n"
    "checkpoint. The line format and what a checkpoint proves: docs/STORE.md, \"Signed checkpoints\".\n"
    "\n"
    "Nothing is signed, and FILE is left as it was, when the store is cut at its end (something\n"
    "names a position past its last event), when its last event does not hash as recorded, or when\n"
    "the log does not pass through a checkpoint FILE already holds. The store is opened read-only\n"
    "and may be in use by a server.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store whose head is signed\n"
    "  --key KEYFILE                 the private key (mode 0600)\n"
    "  --witness FILE                the witness file to append to (created if missing)\n";

int run_checkpoint(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{.options = {"--store", "--key", "--witness"}, .flags = {}}, error);
  if (!args) return usage_error("checkpoint", error);
  if (!args->positionals().empty())
    return usage_error("checkpoint", fmt::format("unexpected argument '{}'", args->positionals().front()));
  for (const char* option : {"--store", "--key", "--witness"})
    if (!args->get(option)) return usage_error("checkpoint", fmt::format("{} is required", option));
  const std::string dir = *args->get("--store"), witness = *args->get("--witness");

  auto key = store::SigningKey::load(*args->get("--key"));
  if (!key.is_ok()) return report(key.status());
  auto store = store::EventStore::open(dir, {.read_only = true});
  if (!store.is_ok()) return report(store.status());
  const store::ChainHead head = (*store)->head();
  auto dangling = (*store)->dangling_references(head.position);
  if (!dangling.is_ok()) return report(dangling.status());
  if (!dangling->empty())
    return report(Status::corruption(
        fmt::format("store {} is cut at its end: {}; nothing was signed", dir, dangling->describe())));
  if (Status s = store::witness_holds(**store, witness); !s.is_ok()) return report(s);
  const SystemClock clock;
  auto signed_head = store::sign_head(**store, *key, clock.now());
  if (!signed_head.is_ok()) return report(signed_head.status());
  if (Status s = store::append_witness(witness, *signed_head); !s.is_ok()) return report(s);
  fmt::print("signed position {}, hash {}, at {} with key {}; appended to {}\n", signed_head->position,
             store::to_hex(signed_head->hash), store::format_utc(signed_head->time), hex_of(signed_head->key), witness);
  return kExitOk;
}

const Registration registration({"checkpoint", "sign the store's head and append it to a witness file", kHelp, run_checkpoint});

}  // namespace
}  // namespace mentorflow::cli
