#include "engine/audit/verify_documents.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "engine/events.hpp"
#include "engine/privacy/sealed_value.hpp"
#include "engine/uploads.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine::audit {
namespace {

using nlohmann::json;

constexpr std::size_t kReadBatch = 4096;

// "document 'cv' (cv.pdf, SHA-256 ab…)" or with its variant.
std::string described(const std::string& document, const std::string& variant, const std::string& file,
                      const std::string& sha256) {
  return fmt::format("document '{}'{} ({}, SHA-256 {})", document, variant.empty() ? "" : " (variant " + variant + ")",
                     file, sha256);
}

}  // namespace

Result<DocumentReport> verify_documents(Engine& engine, std::uint64_t last_position) {
  DocumentReport report;
  std::map<std::string, Status> checked;  // sha256 -> what reading its file gave
  Status failed;
  const auto check = [&](const store::Event& e, const std::string& document, const std::string& variant,
                         const json& reference) {
    if (!reference.is_object() || !reference.contains("sha256")) return;
    ++report.documents_checked;
    const std::string file = reference["file"].is_string() ? reference["file"].get<std::string>() : "";
    const std::string sha256 = reference["sha256"].is_string() ? reference["sha256"].get<std::string>() : "";
    const auto hash = store::hash_from_hex(sha256);
    if (!hash) {
      report.findings.push_back({e.position, e.stream,
                                 fmt::format("{} records a sha256 that is not 64 hex digits",
                                             described(document, variant, file, sha256))});
      return;
    }
    auto [it, fresh] = checked.try_emplace(store::to_hex(*hash));
    if (fresh) {
      auto bytes = engine.documents().get(*hash);
      it->second = bytes.is_ok() ? Status::ok() : bytes.status();
    }
    const Status& read = it->second;
    if (read.is_not_found())
      report.findings.push_back({e.position, e.stream,
                                 fmt::format("{} is missing from the store's documents",
                                             described(document, variant, file, sha256))});
    else if (read.is_corruption())
      report.findings.push_back({e.position, e.stream,
                                 fmt::format("{}: {}", described(document, variant, file, sha256), read.message())});
    else if (!read.is_ok())
      report.findings.push_back({e.position, e.stream,
                                 fmt::format("{} cannot be read: {}", described(document, variant, file, sha256),
                                             read.message())});
  };
  for (std::uint64_t from = 1; from <= last_position && failed.is_ok();) {
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(kReadBatch, last_position - from + 1));
    auto scanned = engine.store().scan_events(from, want, [&](const store::Event& e) {
      from = e.position + 1;
      if (e.type != events::kDocumentsAttached) return true;
      auto p = e.payload_json();
      if (!p.is_ok() || !p->contains("documents") || !(*p)["documents"].is_object()) {
        failed = Status::corruption(fmt::format("the {} at position {} is malformed", e.type, e.position));
        return false;
      }
      // Not a structured binding: clang before 16 cannot capture one in the lambda (scripts/fuzz.sh builds with clang 14).
      for (const auto& item : (*p)["documents"].items()) {
        // An erased person's documents are gone with them; sealed ones are read with the master key.
        if (item.value() == kErasedValue || is_sealed_value(item.value())) continue;
        const std::string& document = item.key();
        for_each_file_reference(item.value(), [&](const std::string& variant, const json& reference) {
          check(e, document, variant, reference);
        });
      }
      return true;
    });
    if (!scanned.is_ok()) return scanned.status();
    if (*scanned == 0) break;
  }
  if (!failed.is_ok()) return failed;
  return report;
}

}  // namespace mentorflow::engine::audit
