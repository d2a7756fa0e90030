#pragma once
// The certificates in the log, for an auditor or a participant: those issued on a case or an
// edition (to write their PDFs again), and the one a handed-in file is (by its SHA-256). Read
// only; the store may be opened read-only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/certificates/certificate.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine::certificates {

struct IssuedCertificate {
  std::uint64_t position = 0;  // of its CertificateIssued event
  std::string stream;
  Certificate content;
  std::string file, sha256;  // as recorded
};

// The certificates issued on case `target` (EDITION/TYPE/ID), or on every case of edition
// `target`, in log order. NotFound when no such case or edition has events; Corruption naming the
// position for a malformed CertificateIssued.
Result<std::vector<IssuedCertificate>> issued_certificates(const store::EventStore& store, const std::string& target);

// The certificate whose recorded SHA-256 is that of `pdf`; nullopt when none is.
Result<std::optional<IssuedCertificate>> find_certificate(const store::EventStore& store, std::string_view pdf);

// The CertificateIssued event `e` read back; Corruption naming its position when malformed.
Result<IssuedCertificate> read_issued_certificate(const store::Event& e);

// Renders `issued` again and checks the bytes against its recorded SHA-256: the PDF, or
// Corruption naming the position when they differ (a forged event, or for layouts 1 to 3 a change
// of PDF library), or IOError saying why this machine cannot render it to compare (from layout 4:
// other font files or another PDF library than it records).
Result<std::string> regenerate_certificate(const IssuedCertificate& issued);

}  // namespace mentorflow::engine::certificates
