#pragma once
// The third part of `mentorflow verify`: every issued certificate checked against the log. Its
// content must be what the log says — derived again from the output it belongs to, the case's
// meetings before the issuing command and the recipient's recorded name then
// (engine/certificates/certificate_issue.hpp) — and its PDF must render again to the SHA-256 it records.
// Read-only. Docs: docs/ENGINE.md, "Certificates".
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine::certificates {

// One certificate that does not hold up, or that this machine cannot render again.
struct CertificateFinding {
  std::uint64_t position = 0;
  std::string case_name;
  std::string problem;  // one sentence
  // Its content is what the log says, but its PDF cannot be rendered again here to compare the
  // bytes: it was typeset with other font files or another PDF library than this machine has.
  bool unrenderable = false;
};

struct CertificateReport {
  std::uint64_t certificates_checked = 0;
  // Certificates whose content is a person's values that cannot be read again (docs/PRIVACY.md):
  // of a recipient since erased, or sealed and read without the master key. Counted, not checked.
  std::uint64_t not_recheckable_erased = 0;
  std::uint64_t not_recheckable_sealed = 0;
  std::vector<CertificateFinding> findings;  // in log order
  bool clean() const { return findings.empty(); }
  std::size_t unrenderable() const {
    std::size_t n = 0;
    for (const CertificateFinding& f : findings) n += f.unrenderable ? 1 : 0;
    return n;
  }
};

// Checks every CertificateIssued from position 1 to `last_position`. Findings go in the report;
// the Result fails only when the log cannot be read.
Result<CertificateReport> verify_certificates(Engine& engine, std::uint64_t last_position);

}  // namespace mentorflow::engine::certificates
