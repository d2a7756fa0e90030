#pragma once
// The whole of `mentorflow verify`, for the CLI and the API alike: the hash chain first (and what
// names a position past the log's end), then the signed checkpoints of a witness file if given, then on
// the part of the log whose chain is intact every recorded decision and matching run evaluated
// again, then every certificate derived and rendered again, then every attached upload read back. The result in numbers and in the
// sentences the CLI prints, so a browser shows exactly what the terminal shows.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"
#include "engine/audit/verify_decisions.hpp"
#include "engine/audit/verify_documents.hpp"
#include "engine/certificates/verify_certificates.hpp"
#include "engine/engine.hpp"
#include "store/verify.hpp"
#include "store/witness_check.hpp"

namespace mentorflow::engine::audit {

struct StoreVerification {
  store::VerifyReport chain;
  std::uint64_t intact_until = 0;  // the last position the decisions and certificates were checked up to
  DecisionReport decisions;
  certificates::CertificateReport certificates;
  DocumentReport documents;
  std::optional<store::WitnessReport> witness;  // when a witness file was given

  bool empty() const { return chain.intact() && chain.events_checked == 0; }
  bool ok() const {
    return chain.ok() && decisions.clean() && certificates.clean() && documents.clean() && (!witness || witness->clean());
  }
  // What `verify` prints: one line per finding (to standard error) and the summary lines (to
  // standard output), each without its newline.
  std::vector<std::string> findings() const;
  std::vector<std::string> summary() const;
};

// A phase ("verify": the chain, "decisions") and how far it got of how many events.
using VerifyStoreProgress = std::function<void(std::string_view phase, std::uint64_t done, std::uint64_t total)>;

// A witness file of signed checkpoints to check the log against, and the public keys its lines
// must be signed with: one, or several after a key rotation (any key that verifies, when none).
struct WitnessRequest {
  std::filesystem::path file;
  std::vector<store::PublicKey> keys;
};

// Corruption when the decisions, certificates or documents cannot be checked at all (not a finding: the
// walk itself failed); I/O errors as the store gives them; NotFound or IOError when the witness
// file cannot be read.
Result<StoreVerification> verify_store(Engine& engine, const VerifyStoreProgress& progress = {},
                                       const std::optional<WitnessRequest>& witness = std::nullopt);

}  // namespace mentorflow::engine::audit
