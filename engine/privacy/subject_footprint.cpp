#include "engine/privacy/subject_footprint.hpp"

#include <nlohmann/json.hpp>

#include "engine/case_name.hpp"
#include "engine/events.hpp"

namespace mentorflow::engine {
namespace {

// The SHA-256 of every uploaded document `value` names: objects {"file": NAME, "sha256": HEX}
// (engine/uploads.hpp), wherever they sit in a payload.
void collect_documents(const nlohmann::json& value, std::set<store::Hash>& into) {
  if (value.is_object()) {
    auto sha = value.find("sha256");
    if (sha != value.end() && sha->is_string() && value.contains("file"))
      if (auto hash = store::hash_from_hex(sha->get<std::string>())) into.insert(*hash);
    for (const auto& [key, inner] : value.items()) collect_documents(inner, into);
  } else if (value.is_array()) {
    for (const auto& inner : value) collect_documents(inner, into);
  }
}

}  // namespace

Result<SubjectFootprint> find_footprint(const store::EventStore& log, std::string_view pseudonym) {
  SubjectFootprint found;
  std::set<store::Hash> theirs, others;
  Status failed;
  const auto visit = [&](const store::Event& e) {
    auto name = parse_case_name(e.stream);
    if (e.type == events::kDefinitionPublished) found.published.insert(e.stream);
    if (!name.is_ok() || name->is_cohort()) return true;
    // Read as parsed, so that values sealed in the log are read opened (engine/privacy/sealing_store.hpp).
    auto payload = e.payload_json();
    auto explanation = e.explanation_json();
    if (!payload.is_ok() || !explanation.is_ok()) {
      failed = payload.is_ok() ? explanation.status() : payload.status();
      return false;
    }
    // A pseudonym is a token no text holds by chance (store/subjects.hpp): found anywhere in an
    // event of a case, it names the subject there.
    const bool named_for = name->id == pseudonym;
    const bool by_them = e.actor.user == pseudonym;
    if (named_for || payload->dump().find(pseudonym) != std::string::npos ||
        explanation->dump().find(pseudonym) != std::string::npos) {
      found.cases.insert(e.stream);
      found.editions.insert(name->edition);
    } else if (by_them) {
      found.editions.insert(name->edition);
    }
    if (e.type == events::kDocumentsAttached) collect_documents(*payload, named_for || by_them ? theirs : others);
    return true;
  };
  auto scanned = log.scan_events(1, SIZE_MAX, visit);
  if (!scanned.is_ok()) return scanned.status();
  if (!failed.is_ok()) return failed;
  for (const store::Hash& hash : theirs)
    if (!others.contains(hash)) found.documents.push_back(hash);
  return found;
}

}  // namespace mentorflow::engine
