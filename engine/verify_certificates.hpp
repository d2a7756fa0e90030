#pragma once
// The third part of `mentorflow verify`: every issued certificate checked against the log. Its
// content must be what the log says — derived again from the output it belongs to, the case's
// meetings before the issuing command and the recipient's recorded name then
// (engine/certificate_issue.hpp) — and its PDF must render again to the SHA-256 it records.
// Read-only. Docs: docs/ENGINE.md, "Certificates".
#include <cstdint>
#include <string>
#include <vector>

#include "engine/engine.hpp"
#include "store/status.hpp"

namespace mentorflow::engine {

// One certificate that does not hold up.
struct CertificateFinding {
  std::uint64_t position = 0;
  std::string case_name;
  std::string problem;  // one sentence
};

struct CertificateReport {
  std::uint64_t certificates_checked = 0;
  std::vector<CertificateFinding> findings;  // in log order
  bool clean() const { return findings.empty(); }
};

// Checks every CertificateIssued from position 1 to `last_position`. Findings go in the report;
// the Result fails only when the log cannot be read.
Result<CertificateReport> verify_certificates(Engine& engine, std::uint64_t last_position);

}  // namespace mentorflow::engine
