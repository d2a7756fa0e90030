// mentorflow verify: walks the hash chain, then evaluates every recorded decision again.
#include <fmt/core.h>

#include "cli/command.hpp"
#include "cli/progress.hpp"
#include "cli/store_command.hpp"
#include "engine/audit/verify_decisions.hpp"
#include "engine/audit/verify_documents.hpp"
#include "engine/certificates/verify_certificates.hpp"
#include "engine/engine.hpp"
#include "store/event_store.hpp"
#include "store/verify.hpp"

namespace mentorflow::cli {
namespace {

constexpr std::string_view kHelp =
    "usage: mentorflow verify --store DIR\n"
    "\n"
    "First walks the hash chain from the first event and checks, for every event, that it has the\n"
    "next position, links to the hash of the event before it, is the next version of its stream,\n"
    "still matches its own hash, and is listed in the stream index. A damaged value counts as a\n"
    "break.\n"
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
    "  --store DIR   the store to check\n";

int run_verify(std::span<const std::string> args) {
  auto dir = parse_store_only(args, "verify");
  if (!dir) return kExitUsage;
  auto store = store::EventStore::open(*dir, {.read_only = true});
  if (!store.is_ok()) return report(store.status());
  const std::uint64_t last = (*store)->head().position;

  // The chain first; decisions are then checked on the part of the log whose chain is intact.
  std::uint64_t intact_until = last;
  bool intact = true;
  {
    Progress progress("verify", last);
    auto chain = store::verify_chain(**store, [&](std::uint64_t done, std::uint64_t) { progress.update(done); });
    if (!chain.is_ok()) return report(chain.status());
    const store::VerifyReport& r = *chain;
    if (!r.intact()) {
      intact = false;
      intact_until = *r.bad_position - 1;
      report(Status::corruption(fmt::format("chain broken at position {}: {}", *r.bad_position, r.problem)));
    } else if (r.events_checked == 0) {
      fmt::print("verified 0 events: the store is empty\n");
      return kExitOk;
    } else {
      fmt::print("verified {} events: the chain is intact up to position {}, hash {}\n", r.events_checked,
                 r.head.position, store::to_hex(r.head.hash));
    }
  }

  const SystemClock clock;  // the engine only reads here; nothing is stamped
  engine::Engine engine(**store, clock);
  Progress progress("decisions", intact_until);
  auto decisions = engine::audit::verify_decisions(engine, intact_until,
                                            [&](std::uint64_t done, std::uint64_t) { progress.update(done); });
  if (!decisions.is_ok())
    return report(Status::corruption(fmt::format("the decisions cannot be checked: {}", decisions.status().message())));
  for (const engine::audit::DecisionFinding& f : decisions->findings)
    fmt::print(stderr, "mentorflow: decision at position {} ({}) does not hold: {}\n", f.position, f.case_name,
               f.problem);
  const std::uint64_t n = decisions->decisions_checked;
  const std::string checked = fmt::format("re-evaluated {} {}{}", n, n == 1 ? "decision" : "decisions",
                                          intact ? "" : fmt::format(" up to position {}", intact_until));
  if (decisions->clean())
    fmt::print("{}: each gives the outcome and state recorded\n", checked);
  else
    fmt::print("{}: {} {} not hold\n", checked, decisions->findings.size(),
               decisions->findings.size() == 1 ? "does" : "do");
  if (const std::uint64_t runs = decisions->matching_runs_checked; runs > 0)
    fmt::print("re-ran {} matching run{}{}\n", runs, runs == 1 ? "" : "s",
               decisions->clean() ? ": each gives the matches recorded" : "");
  // Certificates last: each must belong to its output and render to the hash it records.
  auto certificates = engine::certificates::verify_certificates(engine, intact_until);
  if (!certificates.is_ok())
    return report(Status::corruption(fmt::format("the certificates cannot be checked: {}", certificates.status().message())));
  for (const engine::certificates::CertificateFinding& f : certificates->findings)
    if (f.unrenderable)
      fmt::print(stderr, "mentorflow: certificate at position {} ({}) says what the log says, but {}\n", f.position,
                 f.case_name, f.problem);
    else
      fmt::print(stderr, "mentorflow: certificate at position {} ({}) does not hold: {}\n", f.position, f.case_name,
                 f.problem);
  if (const std::uint64_t c = certificates->certificates_checked; c > 0) {
    const std::string rendered = fmt::format("re-rendered {} {}", c, c == 1 ? "certificate" : "certificates");
    const std::size_t here = certificates->unrenderable(), wrong = certificates->findings.size() - here;
    std::string findings;
    if (wrong > 0) findings = fmt::format("{} {} not hold", wrong, wrong == 1 ? "does" : "do");
    if (here > 0)
      findings += fmt::format("{}{} could not be rendered again on this machine (not checked byte for byte)",
                              findings.empty() ? "" : "; ", here);
    if (certificates->clean()) fmt::print("{}: each says what the log says and hashes as recorded\n", rendered);
    else fmt::print("{}: {}\n", rendered, findings);
  }
  auto documents = engine::audit::verify_documents(engine, intact_until);
  if (!documents.is_ok())
    return report(Status::corruption(fmt::format("the documents cannot be checked: {}", documents.status().message())));
  for (const engine::audit::DocumentFinding& f : documents->findings)
    fmt::print(stderr, "mentorflow: document at position {} ({}) does not hold: {}\n", f.position, f.case_name,
               f.problem);
  if (const std::uint64_t d = documents->documents_checked; d > 0) {
    const std::string read = fmt::format("read {} uploaded {}", d, d == 1 ? "document" : "documents");
    if (documents->clean()) fmt::print("{}: each is in the store and hashes as recorded\n", read);
    else fmt::print("{}: {} missing or altered\n", read, documents->findings.size());
  }
  return intact && decisions->clean() && certificates->clean() && documents->clean() ? kExitOk : kExitRefused;
}

const Registration registration({"verify", "check the hash chain, every recorded decision, certificate and uploaded document", kHelp, run_verify});

}  // namespace
}  // namespace mentorflow::cli
