#include "engine/events.hpp"

namespace mentorflow::engine::events {

using nlohmann::json;

json command_accepted(const std::string& command, const json& inputs) {
  return {{"command", command}, {"inputs", inputs}};
}

json case_opened(const std::string& case_type, const std::string& edition,
                 const std::map<std::string, std::string>& parties, const std::string& definition_edition) {
  json p = {{"case_type", case_type}, {"edition", edition}, {"parties", parties}};
  if (!definition_edition.empty()) p["definition_edition"] = definition_edition;
  return p;
}

json fields_set(const json& fields) { return {{"fields", fields}}; }

json documents_attached(const json& documents) { return {{"documents", documents}}; }

json decision_recorded(const std::string& command, std::uint32_t clause, const std::string& expression,
                       const json& inputs, const json& outcome, const std::string& chosen_state,
                       const std::string& explanation) {
  return {{"command", command}, {"clause", clause},       {"expression", expression}, {"inputs", inputs},
          {"outcome", outcome}, {"state", chosen_state}, {"explanation", explanation}};
}

json state_changed(const std::string& from, const std::string& to) { return {{"from", from}, {"to", to}}; }

json counter_incremented(const std::string& counter, std::int64_t value) {
  return {{"counter", counter}, {"value", value}};
}

json cadence_recorded(const std::string& input, const json& value, std::optional<std::int64_t> gap_seconds,
                      bool within) {
  return {{"input", input}, {"value", value}, {"gap_seconds", gap_seconds ? json(*gap_seconds) : json(nullptr)},
          {"within", within}};
}

json output_issued(const std::string& output, const std::vector<std::string>& recipients, const json& value) {
  return {{"output", output}, {"recipients", recipients}, {"value", value}};
}

json certificate_issued(const json& certificate, const std::string& file, const std::string& sha256) {
  return {{"certificate", certificate}, {"file", file}, {"sha256", sha256}};
}

json linked_case_created(const std::string& case_name, const std::string& case_type) {
  return {{"case", case_name}, {"case_type", case_type}};
}

json timer_scheduled(const std::string& key, const std::string& timer, std::int64_t due_micros) {
  return {{"key", key}, {"timer", timer}, {"due", due_micros}};
}

json timer_key_only(const std::string& key) { return {{"key", key}}; }

json flag_raised(const std::string& reason, const std::string& command, std::uint32_t clause) {
  return {{"kind", "rule"}, {"reason", reason}, {"command", command}, {"clause", clause}};
}

json flag_cleared(std::uint64_t flag, const std::string& reason) { return {{"flag", flag}, {"reason", reason}}; }

json legal_hold(const std::string& reason) { return {{"reason", reason}}; }

json reminder_recorded(const std::string& party, const std::string& text) {
  return {{"party", party}, {"text", text}};
}

json case_migrated(const std::string& from_definition, const std::string& to_definition,
                   const std::string& to_edition, const std::string& state, const std::string& reason) {
  return {{"from", from_definition}, {"to", to_definition}, {"to_edition", to_edition}, {"state", state},
          {"reason", reason}};
}

json match_explained(const std::string& run, std::uint32_t clause, const json& match, const json& choice,
                     const std::string& explanation) {
  return {{"run", run}, {"clause", clause}, {"match", match}, {"choice", choice}, {"explanation", explanation}};
}

}  // namespace mentorflow::engine::events
