// mentorflow verify: walks the hash chain, then evaluates every recorded decision again.
#include <fmt/core.h>

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/privacy_door.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "engine/audit/verify_store.hpp"
#include "engine/engine.hpp"
#include "store/ed25519.hpp"
#include "store/event_store.hpp"
#include "store/witness.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow verify --store DIR|postgresql://... [--witness FILE [--public-key KEYFILE.pub]...]\n"
    "\n"
    "First walks the hash chain from the first event and checks, for every event, that it has the\n"
    "next position, links to the hash of the event before it, is the next version of its stream,\n"
    "still matches its own hash, and is listed in the stream index. A damaged value counts as a\n"
    "break. Anything the store keeps that names a position past the last event (the stream index,\n"
    "the views checkpoint, a snapshot) is a finding too: the log was cut at its end.\n"
    "\n"
    "With --witness, the log must pass through every signed checkpoint of FILE (see mentorflow\n"
    "checkpoint): hold its position with the hash signed, and every signature must verify. With\n"
    "--public-key, every line must be signed by a key given; give it once per key you trust (the\n"
    "old and the new key after a rotation), or name a file that lists them. Without it, any key\n"
    "whose signature verifies is accepted, which shows the file is consistent but not whose it is.\n"
    "\n"
    "Then evaluates every recorded decision (DecisionRecorded) again: under the definition its case\n"
    "runs under, rebuilt from the DefinitionPublished event in the log (no file is read), with the\n"
    "inputs the decision recorded. The outcome and the state it chose must be the ones recorded.\n"
    "Every matching run (MatchingRunRecorded) is run again on the instance it recorded: the\n"
    "matches, the blocking-pair audit and the explanations must be the ones recorded.\n"
    "\n"
    "Last, every issued certificate (CertificateIssued) must say what the log says: derived again\n"
    "from the output its command issued, the case's meetings before that command and the\n"
    "recipient's recorded name, and rendered again to the PDF whose SHA-256 it records. A\n"
    "certificate typeset with font files or a PDF library other than this machine's is reported as\n"
    "one that cannot be rendered again here (see MENTORFLOW_FONT_DIR in docs/ENGINE.md), not as\n"
    "one that does not hold.\n"
    "\n"
    "Then every uploaded document the log attaches (a reference with a sha256) must be among the\n"
    "store's documents (DIR/documents/) and still hash to the SHA-256 recorded; a missing or altered\n"
    "file is a finding. Documents attached by name only are not checked.\n"
    "\n"
    "Prints the number of events and the hash the chain ends on (note it down: a later verify that\n"
    "passes through the same position with the same hash proves that nothing up to there has\n"
    "changed), then the number of decisions checked. Every finding goes to standard error with its\n"
    "position, and the exit status is 1. When the chain is broken, the decisions before the break\n"
    "are still checked. The store is opened read-only and may be in use by a writer.\n"
    "\n"
    "options:\n"
    "  --store DIR|postgresql://...  the store to check\n"
    "  --witness FILE                a witness file of signed checkpoints (docs/STORE.md, \"Signed checkpoints\")\n"
    "  --public-key FILE             a key its checkpoints may be signed with: KEYFILE.pub from keygen, or a file of\n"
    "                                keys, each as PEM or as 64 hex digits a line ('#' starts a comment); repeatable\n";

// The --witness and --public-keys of `args`, read: nullopt without --witness. On a mistake prints
// one sentence and sets `exit_code`.
std::optional<engine::audit::WitnessRequest> witness_request(const Args& args, std::optional<int>& exit_code) {
  if (!args.get("--witness")) {
    if (args.get("--public-key")) exit_code = usage_error("verify", "--public-key is for checking a --witness file");
    return std::nullopt;
  }
  engine::audit::WitnessRequest request{*args.get("--witness"), {}};
  for (const std::string& file : args.all("--public-key")) {
    auto keys = store::load_public_keys(file);
    if (!keys.is_ok()) {
      exit_code = report(keys.status());
      return std::nullopt;
    }
    for (const store::PublicKey& key : *keys)
      if (std::find(request.keys.begin(), request.keys.end(), key) == request.keys.end()) request.keys.push_back(key);
  }
  // Read once before the walk, so that a mistyped name is said at once, not after it.
  if (auto lines = store::read_witness(request.file); !lines.is_ok()) {
    exit_code = report(lines.status());
    return std::nullopt;
  }
  return request;
}

int run_verify(std::span<const std::string> raw) {
  std::string error;
  auto args = Args::parse(raw, ArgSpec{.options = {"--store", "--witness", "--public-key"}, .flags = {}}, error);
  if (!args) return usage_error("verify", error);
  if (!args->positionals().empty()) return usage_error("verify", fmt::format("unexpected argument '{}'", args->positionals().front()));
  auto dir = args->get("--store");
  if (!dir) return usage_error("verify", "--store DIR|postgresql://... is required");
  std::optional<int> exit_code;
  auto witness = witness_request(*args, exit_code);
  if (exit_code) return *exit_code;
  auto store = store::EventStore::open(*dir, {.read_only = true});
  if (!store.is_ok()) return report(store.status());
  // A store with personal data: with its master key, decisions on personal values are re-checked
  // on the values opened; without it the chain still verifies, and those decisions are counted.
  std::optional<PrivacyDoor> door;
  if (auto opened = open_privacy(**store, *dir); opened.is_ok()) {
    door = std::move(*opened);
  } else if (std::getenv(std::string(kMasterKeyVariable).c_str()) != nullptr) {
    return report(opened.status());
  } else {
    fmt::print(stderr, "mentorflow: verify: no master key given ({}): personal values stay sealed, and the decisions "
                       "that read them are counted, not re-checked\n", kMasterKeyVariable);
  }
  const SystemClock clock;  // the engine only reads here; nothing is stamped
  engine::Engine engine(door ? door->log(**store) : **store, clock);
  // One progress line per phase, each drawn from its first step and cleared when the next starts.
  std::optional<Progress> progress;
  std::string phase;
  auto verified = engine::audit::verify_store(engine, [&](std::string_view now, std::uint64_t done, std::uint64_t total) {
    if (now != phase) {
      progress.reset();
      progress.emplace(std::string(now), total);
      phase = now;
    }
    progress->update(done);
  }, witness);
  progress.reset();
  if (!verified.is_ok()) return report(verified.status());
  for (const std::string& finding : verified->findings()) fmt::print(stderr, "mentorflow: {}\n", finding);
  for (const std::string& line : verified->summary()) fmt::print("{}\n", line);
  return verified->ok() ? kExitOk : kExitRefused;
}

const Registration registration({"verify", "check the hash chain, every recorded decision, certificate and uploaded document", kHelp, run_verify});

}  // namespace
}  // namespace mentorflow::cli
