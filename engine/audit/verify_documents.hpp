#pragma once
// The last part of `mentorflow verify`: every uploaded document the log attaches (a reference with
// a "sha256" in a DocumentsAttached event) must be in the store's documents and still hash to it.
// A document attached by name only names no file and is not checked. Read-only. Docs:
// docs/STORE.md, "Documents".
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.hpp"
#include "engine/engine.hpp"

namespace mentorflow::engine::audit {

// One attached document whose file is missing or altered.
struct DocumentFinding {
  std::uint64_t position = 0;  // of the DocumentsAttached event
  std::string case_name;
  std::string problem;  // one sentence naming the document, its file and hash
};

struct DocumentReport {
  std::uint64_t documents_checked = 0;  // references with a sha256, each counted where attached
  // Of those, the ones removed with the person who uploaded them (docs/PRIVACY.md, "Erasing a
  // person"): attached to a case named for an erased subject or by one, and no longer stored.
  std::uint64_t documents_erased = 0;
  std::vector<DocumentFinding> findings;  // in log order
  bool clean() const { return findings.empty(); }
};

// Checks every DocumentsAttached from position 1 to `last_position`; each distinct file is read
// once. Findings go in the report; the Result fails only when the log cannot be read.
Result<DocumentReport> verify_documents(Engine& engine, std::uint64_t last_position);

}  // namespace mentorflow::engine::audit
