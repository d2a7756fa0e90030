#include "engine/erasure.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>

#include "dsl/compile/privacy_roles.hpp"
#include "engine/privacy/erasure_epoch.hpp"
#include "engine/privacy/subject_footprint.hpp"
#include "engine/read_models/read_model.hpp"
#include "engine/records/legal_hold.hpp"
#include "store/document_store.hpp"

namespace mentorflow::engine {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The reason stays in the log after the person is gone: one line, and not their id.
Status check_reason(const ErasureRequest& request) {
  const std::string& reason = request.reason;
  if (std::all_of(reason.begin(), reason.end(), [](unsigned char c) { return c == ' ' || c == '\t'; }))
    return Status::invalid_argument("erasing a person needs a reason (the request, the law or the retention it follows)");
  if (reason.size() > kMaxErasureReason)
    return Status::invalid_argument(fmt::format("the reason is {} bytes long; at most {} are kept", reason.size(), kMaxErasureReason));
  if (std::any_of(reason.begin(), reason.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; }))
    return Status::invalid_argument("the reason has a control character (a newline, a tab...): write it on one line");
  if (lower(reason).find(lower(request.subject)) != std::string::npos)
    return Status::invalid_argument(fmt::format("the reason names {}: it stays in the log after they are erased, so say why "
                                                "without naming them", request.subject));
  return Status::ok();
}

// The actor's role must be a privacy role of an edition the subject has a case in; of any
// published edition for a subject with no case (someone who only signed in, say).
Status check_role(Engine& engine, const SubjectFootprint& footprint, const ErasureRequest& request) {
  const std::set<std::string>& editions = footprint.editions.empty() ? footprint.published : footprint.editions;
  for (const std::string& edition : editions) {
    if (request.covers && !request.covers(edition)) continue;
    auto definition = engine.definition_of_edition(edition);
    if (definition.is_ok() && dsl::may_manage_personal_data(**definition, request.role)) return Status::ok();
  }
  std::string where;
  for (const std::string& edition : editions) where += (where.empty() ? "" : ", ") + edition;
  return Status::forbidden(fmt::format("role {} may not erase {}: only a privacy role (such as dpo) of {} may", request.role,
                                       request.subject, where.empty() ? "a published edition" : where));
}

// Who records again an erasure a restored log did not have, and why.
const store::Actor kRestoreActor{"system", "system"};
constexpr std::string_view kRestoredReason =
    "erased before this store was restored from an older backup: the erasure is carried out again";

store::NewEvent privacy_event(const char* type, const store::Actor& actor, nlohmann::json payload) {
  store::NewEvent e;
  e.type = type;
  e.actor = actor;
  e.payload = std::move(payload);
  return e;
}

// Steps (b)-(f) of the erasure of `pseudonym` by `actor` (engine/erasure.hpp); each may run again
// after a crash. `documents`: how many uploads this run removed.
Status carry_out(store::EventStore& log, store::Subjects& subjects, const store::Actor& actor, const std::string& pseudonym,
                 std::size_t& documents) {
  if (!subjects.erased(pseudonym)) {
    auto footprint = find_footprint(log, pseudonym);
    if (!footprint.is_ok()) return footprint.status();
    auto files = log.documents();
    for (const store::Hash& hash : footprint->documents)
      if (Status s = files->remove(hash); !s.is_ok()) return s;
    documents = footprint->documents.size();
    // NotFound: a subject this place never knew (a log restored beside other subjects): nothing to destroy.
    if (Status s = subjects.erase(pseudonym); !s.is_ok() && !s.is_not_found()) return s;
  }
  // The engines forget their folded cases first, so that none saves one again as a snapshot
  // after the snapshots are dropped.
  count_erasure_in_process();
  if (Status s = log.drop_snapshots(); !s.is_ok()) return s;
  if (auto rebuilt = read_models::rebuild_read_models(log); !rebuilt.is_ok()) return rebuilt.status();
  if (Status s = log.compact(); !s.is_ok()) return s;
  auto finished = log.append(events::kPrivacyStream, store::ExpectedVersion::any(),
                             {privacy_event(events::kSubjectErasureFinished, actor, {{"subject", pseudonym}, {"documents", documents}})});
  return finished.is_ok() ? Status::ok() : finished.status();
}

}  // namespace

Result<ErasurePlan> plan_erasure(Engine& engine, store::Subjects& subjects, const ErasureRequest& request) {
  if (Status s = check_reason(request); !s.is_ok()) return s;
  auto pseudonym = subjects.pseudonym(request.subject, false);
  if (!pseudonym.is_ok()) {
    if (pseudonym.status().is_not_found())
      return Status::not_found(fmt::format("there is nobody with user id {} in this store (never known, or erased already)",
                                           request.subject));
    return pseudonym.status();
  }
  auto footprint = find_footprint(engine.store(), *pseudonym);
  if (!footprint.is_ok()) return footprint.status();
  if (Status s = check_role(engine, *footprint, request); !s.is_ok()) return s;
  // A legal hold keeps the person's records (docs/PRIVACY.md, "Retention and legal holds").
  const std::vector<std::string> cases(footprint->cases.begin(), footprint->cases.end());
  if (Status s = check_not_held(engine, cases, request.subject); !s.is_ok()) return s;
  return ErasurePlan{*pseudonym, request.reason, {footprint->cases.begin(), footprint->cases.end()}};
}

Result<Erasure> erase_subject(Engine& engine, store::Subjects& subjects, const ErasurePlan& plan, const store::Actor& actor) {
  store::EventStore& log = engine.store();
  auto intent = log.append(events::kPrivacyStream, store::ExpectedVersion::any(),
                           {privacy_event(events::kSubjectErased, actor, {{"subject", plan.pseudonym}, {"reason", plan.reason}})});
  if (!intent.is_ok()) return intent.status();
  Erasure done{plan.pseudonym, intent->last_position, plan.cases, 0};
  if (Status s = carry_out(log, subjects, actor, plan.pseudonym, done.documents); !s.is_ok()) return s;
  return done;
}

Result<std::vector<std::string>> finish_erasures(store::EventStore& log, store::Subjects& subjects,
                                                 const std::vector<std::string>& erased_elsewhere) {
  auto version = log.stream_version(events::kPrivacyStream);
  if (!version.is_ok()) return version.status();
  std::vector<std::string> finished;
  auto recorded = *version == 0 ? Result<std::vector<store::Event>>(std::vector<store::Event>())
                                : log.read_stream_forward(events::kPrivacyStream, 1, SIZE_MAX);
  if (!recorded.is_ok()) return recorded.status();
  // The erasures begun and not ended, in the order they were begun.
  std::map<std::uint64_t, std::pair<std::string, store::Actor>> open;
  std::map<std::string, std::uint64_t> begun;
  for (const store::Event& e : *recorded) {
    auto payload = e.payload_json();
    if (!payload.is_ok()) return payload.status();
    const std::string subject = payload->value("subject", std::string());
    if (e.type == events::kSubjectErased) {
      open[e.position] = {subject, e.actor};
      begun[subject] = e.position;
    } else if (e.type == events::kSubjectErasureFinished) {
      if (auto at = begun.find(subject); at != begun.end()) open.erase(at->second);
    }
  }
  // Erased in the subjects place and never in this log: a log restored from a backup older than
  // the erasure, beside the subjects as they are now (docs/PRIVACY.md, "Backups"). Its derived
  // data were made while the person was there: the erasure is recorded and carried out again.
  std::vector<std::string> again = subjects.erased_list();
  again.insert(again.end(), erased_elsewhere.begin(), erased_elsewhere.end());
  for (const std::string& pseudonym : again) {
    if (begun.contains(pseudonym)) continue;
    if (!subjects.erased(pseudonym) && !subjects.user(pseudonym)) continue;  // never known here
    begun[pseudonym] = 0;
    auto intent = log.append(events::kPrivacyStream, store::ExpectedVersion::any(),
                             {privacy_event(events::kSubjectErased, kRestoreActor,
                                            {{"subject", pseudonym}, {"reason", std::string(kRestoredReason)}})});
    if (!intent.is_ok()) return intent.status();
    open[intent->last_position] = {pseudonym, kRestoreActor};
  }
  for (const auto& [position, erasure] : open) {
    std::size_t documents = 0;
    if (Status s = carry_out(log, subjects, erasure.second, erasure.first, documents); !s.is_ok()) return s;
    finished.push_back(erasure.first);
  }
  return finished;
}

}  // namespace mentorflow::engine
