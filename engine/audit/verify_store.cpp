#include "engine/audit/verify_store.hpp"

#include <fmt/core.h>

namespace mentorflow::engine::audit {

Result<StoreVerification> verify_store(Engine& engine, const VerifyStoreProgress& progress,
                                       const std::optional<WitnessRequest>& witness) {
  StoreVerification v;
  const std::uint64_t last = engine.store().head().position;
  auto chain = store::verify_chain(engine.store(), [&](std::uint64_t done, std::uint64_t total) {
    if (progress) progress("verify", done, total);
  });
  if (!chain.is_ok()) return chain.status();
  v.chain = std::move(*chain);
  if (witness) {
    // Before the empty-store return: a log emptied behind our back is the shortest of all.
    auto checked = store::check_witness(engine.store(), witness->file, witness->keys);
    if (!checked.is_ok()) return checked.status();
    v.witness = std::move(*checked);
  }
  if (v.empty()) return v;
  // Decisions are checked on the part of the log whose chain is intact.
  v.intact_until = v.chain.intact() ? last : *v.chain.bad_position - 1;
  auto decisions = verify_decisions(engine, v.intact_until, [&](std::uint64_t done, std::uint64_t total) {
    if (progress) progress("decisions", done, total);
  });
  if (!decisions.is_ok())
    return Status::corruption(fmt::format("the decisions cannot be checked: {}", decisions.status().message()));
  v.decisions = std::move(*decisions);
  // Certificates last: each must belong to its output and render to the hash it records.
  auto certificates = certificates::verify_certificates(engine, v.intact_until);
  if (!certificates.is_ok())
    return Status::corruption(fmt::format("the certificates cannot be checked: {}", certificates.status().message()));
  v.certificates = std::move(*certificates);
  auto documents = verify_documents(engine, v.intact_until);
  if (!documents.is_ok())
    return Status::corruption(fmt::format("the documents cannot be checked: {}", documents.status().message()));
  v.documents = std::move(*documents);
  return v;
}

std::vector<std::string> StoreVerification::findings() const {
  std::vector<std::string> out;
  if (!chain.intact()) out.push_back(fmt::format("chain broken at position {}: {}", *chain.bad_position, chain.problem));
  if (!chain.dangling.empty()) out.push_back("the log is cut at its end: " + chain.dangling.describe());
  if (witness)
    for (const store::WitnessFinding& f : witness->findings) out.push_back(f.problem);
  for (const DecisionFinding& f : decisions.findings)
    out.push_back(fmt::format("decision at position {} ({}) does not hold: {}", f.position, f.case_name, f.problem));
  for (const certificates::CertificateFinding& f : certificates.findings)
    out.push_back(f.unrenderable ? fmt::format("certificate at position {} ({}) says what the log says, but {}",
                                               f.position, f.case_name, f.problem)
                                 : fmt::format("certificate at position {} ({}) does not hold: {}", f.position,
                                               f.case_name, f.problem));
  for (const DocumentFinding& f : documents.findings)
    out.push_back(fmt::format("document at position {} ({}) does not hold: {}", f.position, f.case_name, f.problem));
  return out;
}

std::vector<std::string> StoreVerification::summary() const {
  std::vector<std::string> out;
  if (empty()) out.push_back("verified 0 events: the store is empty");
  else if (chain.intact())
    out.push_back(fmt::format("verified {} events: the chain is intact up to position {}, hash {}", chain.events_checked,
                              chain.head.position, store::to_hex(chain.head.hash)));
  if (witness) out.push_back(witness->summary());
  if (empty()) return out;
  const std::uint64_t n = decisions.decisions_checked;
  const std::string checked = fmt::format("re-evaluated {} {}{}", n, n == 1 ? "decision" : "decisions",
                                          chain.intact() ? "" : fmt::format(" up to position {}", intact_until));
  if (decisions.clean())
    out.push_back(checked + ": each gives the outcome and state recorded");
  else
    out.push_back(fmt::format("{}: {} {} not hold", checked, decisions.findings.size(),
                              decisions.findings.size() == 1 ? "does" : "do"));
  const auto not_recheckable = [&](std::uint64_t count, const char* one, const char* many, std::string_view why) {
    if (count > 0) out.push_back(fmt::format("{} {} not re-checkable: {}", count, count == 1 ? one : many, why));
  };
  constexpr std::string_view kErased = "subject erased", kSealed = "personal values sealed, and no master key given";
  not_recheckable(decisions.not_recheckable_erased, "decision", "decisions", kErased);
  not_recheckable(decisions.not_recheckable_sealed, "decision", "decisions", kSealed);
  if (const std::uint64_t runs = decisions.matching_runs_checked; runs > 0)
    out.push_back(fmt::format("re-ran {} matching run{}{}", runs, runs == 1 ? "" : "s",
                              decisions.clean() ? ": each gives the matches recorded" : ""));
  if (const std::uint64_t c = certificates.certificates_checked; c > 0) {
    const std::string rendered = fmt::format("re-rendered {} {}", c, c == 1 ? "certificate" : "certificates");
    const std::size_t here = certificates.unrenderable(), wrong = certificates.findings.size() - here;
    std::string problems;
    if (wrong > 0) problems = fmt::format("{} {} not hold", wrong, wrong == 1 ? "does" : "do");
    if (here > 0)
      problems += fmt::format("{}{} could not be rendered again on this machine (not checked byte for byte)",
                              problems.empty() ? "" : "; ", here);
    out.push_back(certificates.clean() ? rendered + ": each says what the log says and hashes as recorded"
                                       : rendered + ": " + problems);
  }
  not_recheckable(certificates.not_recheckable_erased, "certificate", "certificates", kErased);
  not_recheckable(certificates.not_recheckable_sealed, "certificate", "certificates", kSealed);
  if (const std::uint64_t d = documents.documents_checked; d > 0) {
    const std::string read = fmt::format("read {} uploaded {}", d, d == 1 ? "document" : "documents");
    out.push_back(documents.clean() ? read + ": each is in the store and hashes as recorded"
                                    : fmt::format("{}: {} missing or altered", read, documents.findings.size()));
  }
  return out;
}

}  // namespace mentorflow::engine::audit
