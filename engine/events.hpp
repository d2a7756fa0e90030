#pragma once
// The engine's event vocabulary: the type names and payload shapes it appends, one builder per
// event. Payload layouts are frozen once released (docs/ENGINE.md); a change is a new type.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mentorflow::engine::events {

inline constexpr const char* kDefinitionPublished = "DefinitionPublished";
inline constexpr const char* kCommandAccepted = "CommandAccepted";
inline constexpr const char* kCaseOpened = "CaseOpened";
inline constexpr const char* kFieldsSet = "FieldsSet";
inline constexpr const char* kDocumentsAttached = "DocumentsAttached";
inline constexpr const char* kDecisionRecorded = "DecisionRecorded";
inline constexpr const char* kStateChanged = "StateChanged";
inline constexpr const char* kCounterIncremented = "CounterIncremented";
inline constexpr const char* kCadenceRecorded = "CadenceRecorded";
inline constexpr const char* kOutputIssued = "OutputIssued";
inline constexpr const char* kLinkedCaseCreated = "LinkedCaseCreated";
inline constexpr const char* kTimerScheduled = "TimerScheduled";
inline constexpr const char* kTimerCancelled = "TimerCancelled";
inline constexpr const char* kTimerFired = "TimerFired";
inline constexpr const char* kReminderRecorded = "ReminderRecorded";
inline constexpr const char* kCaseMigrated = "CaseMigrated";
inline constexpr const char* kCertificateIssued = "CertificateIssued";
inline constexpr const char* kMatchingRunRecorded = "MatchingRunRecorded";  // cohort: docs/ENGINE.md, "Matching"
inline constexpr const char* kMatchExplained = "MatchExplained";            // each left case of a run
inline constexpr const char* kFlagRaised = "FlagRaised";    // docs/ENGINE.md, "Flags"
inline constexpr const char* kFlagCleared = "FlagCleared";
inline constexpr const char* kLegalHoldPlaced = "LegalHoldPlaced";      // docs/PRIVACY.md, "Retention and legal holds"
inline constexpr const char* kLegalHoldReleased = "LegalHoldReleased";
// The store's own stream of erasures (docs/PRIVACY.md, "Erasing a person"; engine/erasure.hpp).
inline constexpr const char* kPrivacyStream = "$privacy";
inline constexpr const char* kSubjectErased = "SubjectErased";                    // {subject, reason}
inline constexpr const char* kSubjectErasureFinished = "SubjectErasureFinished";  // {subject, documents}

// The payload of each event, as a JSON object. Values (fields, inputs, outcomes) are JSON in the
// language's value encoding (dsl/value.hpp).
nlohmann::json command_accepted(const std::string& command, const nlohmann::json& inputs);
// `definition_edition` only for a case opened under another edition's definition (see CaseState).
nlohmann::json case_opened(const std::string& case_type, const std::string& edition,
                           const std::map<std::string, std::string>& parties,
                           const std::string& definition_edition = "");
nlohmann::json fields_set(const nlohmann::json& fields);
nlohmann::json documents_attached(const nlohmann::json& documents);
// `clause` is the decide clause's index in its command, so verify and what-if can evaluate it again;
// `expression` is its source text (`eligible(this)`).
nlohmann::json decision_recorded(const std::string& command, std::uint32_t clause, const std::string& expression,
                                 const nlohmann::json& inputs, const nlohmann::json& outcome,
                                 const std::string& chosen_state, const std::string& explanation);
nlohmann::json state_changed(const std::string& from, const std::string& to);
nlohmann::json counter_incremented(const std::string& counter, std::int64_t value);
nlohmann::json cadence_recorded(const std::string& input, const nlohmann::json& value,
                                std::optional<std::int64_t> gap_seconds, bool within);
nlohmann::json output_issued(const std::string& output, const std::vector<std::string>& recipients,
                             const nlohmann::json& value);
// One recipient's document of an OutputIssued (engine/certificates/certificate.hpp): its recorded content, the
// PDF's file name and SHA-256 (hex).
nlohmann::json certificate_issued(const nlohmann::json& certificate, const std::string& file, const std::string& sha256);
nlohmann::json linked_case_created(const std::string& case_name, const std::string& case_type);
nlohmann::json timer_scheduled(const std::string& key, const std::string& timer, std::int64_t due_micros);
nlohmann::json timer_key_only(const std::string& key);  // TimerCancelled, TimerFired
// A `flag ... when` clause's flag: `reason` with its values inserted; `command` and `clause` (its
// index in the command) say which clause raised it.
nlohmann::json flag_raised(const std::string& reason, const std::string& command, std::uint32_t clause);
// `flag`: the flag's number in its case (1-based, in the order the case's flags were raised,
// cadence flags included); `reason`: why staff cleared it.
nlohmann::json flag_cleared(std::uint64_t flag, const std::string& reason);
// LegalHoldPlaced and LegalHoldReleased: why (who and when are the envelope's).
nlohmann::json legal_hold(const std::string& reason);
nlohmann::json reminder_recorded(const std::string& party, const std::string& text);
nlohmann::json case_migrated(const std::string& from_definition, const std::string& to_definition,
                             const std::string& to_edition, const std::string& state, const std::string& reason);
// `run`: the cohort stream holding the MatchingRunRecorded; `match`: the right case or null;
// `choice`: 1-based position in the left's ranking, or null.
nlohmann::json match_explained(const std::string& run, std::uint32_t clause, const nlohmann::json& match,
                               const nlohmann::json& choice, const std::string& explanation);

}  // namespace mentorflow::engine::events
