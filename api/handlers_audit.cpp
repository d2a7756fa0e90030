// POST /v1/verify: the whole of `mentorflow verify` run from a page (engine/audit/verify_store.hpp),
// its result in numbers and in the very sentences the CLI prints. A server that signs checkpoints
// also checks the log against its own witness file, as `verify --witness --public-key` does, with
// its own key and the earlier keys it was given (serve --public-key, after a key rotation).
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/checkpointer.hpp"
#include "api/handlers.hpp"
#include "engine/audit/verify_store.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::api {

namespace {

// The witness check, or null when the server signs no checkpoints.
nlohmann::json witness_json(const engine::audit::StoreVerification& v) {
  if (!v.witness) return nullptr;
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : v.witness->findings) findings.push_back({{"line", f.line}, {"problem", f.problem}});
  return {{"file", v.witness->file.string()},
          {"checkpoints", v.witness->checkpoints},
          {"highest_position", v.witness->highest_position},
          {"findings", std::move(findings)}};
}

}  // namespace

ApiResponse handle_verify(Call& call, const std::string&) {
  // The walk covers every edition in the store and its findings name their cases: it is for
  // someone who audits all of them.
  auto editions = engine::read_models::editions(call.engine.store());
  if (!editions.is_ok()) return status_response(editions.status());
  for (const auto& e : *editions) {
    auto definition = call.engine.definition_of_edition(e.edition);
    if (!definition.is_ok()) return status_response(definition.status());
    if (!standing_in(call.principal, e.edition, **definition).is_auditor())
      return error_response(status::kForbidden, "forbidden",
                            fmt::format("{} may not verify the store: it takes an auditor of every edition (not of {})",
                                        call.principal.user, e.edition));
  }
  std::optional<engine::audit::WitnessRequest> witness;
  if (call.checkpoints) witness = engine::audit::WitnessRequest{call.checkpoints->witness(), call.checkpoints->trusted_keys()};
  auto verified = engine::audit::verify_store(call.engine, {}, witness);
  if (!verified.is_ok()) return status_response(verified.status());
  const auto& v = *verified;
  std::string text;
  for (const std::string& line : v.findings()) text += line + "\n";
  for (const std::string& line : v.summary()) text += line + "\n";
  nlohmann::json chain = {{"intact", v.chain.intact()},
                          {"events", v.chain.events_checked},
                          {"head", {{"position", v.chain.head.position}, {"hash", store::to_hex(v.chain.head.hash)}}}};
  if (!v.chain.intact()) chain["broken_at"] = {{"position", *v.chain.bad_position}, {"problem", v.chain.problem}};
  if (!v.chain.dangling.empty())
    chain["cut_at_end"] = {{"last_position", v.chain.dangling.last_position}, {"problem", v.chain.dangling.describe()}};
  nlohmann::json decisions = nlohmann::json::array(), certificates = nlohmann::json::array(),
                 documents = nlohmann::json::array();
  for (const auto& f : v.decisions.findings)
    decisions.push_back({{"position", f.position}, {"case", f.case_name}, {"problem", f.problem}});
  for (const auto& f : v.certificates.findings)
    certificates.push_back(
        {{"position", f.position}, {"case", f.case_name}, {"problem", f.problem}, {"unrenderable", f.unrenderable}});
  for (const auto& f : v.documents.findings)
    documents.push_back({{"position", f.position}, {"case", f.case_name}, {"problem", f.problem}});
  return json_response({{"ok", v.ok()},
                        {"chain", std::move(chain)},
                        {"decisions", {{"checked", v.decisions.decisions_checked}, {"findings", std::move(decisions)}}},
                        {"matching", {{"runs_checked", v.decisions.matching_runs_checked}}},
                        {"certificates", {{"checked", v.certificates.certificates_checked}, {"findings", std::move(certificates)}}},
                        {"documents", {{"checked", v.documents.documents_checked}, {"findings", std::move(documents)}}},
                        {"witness", witness_json(v)},
                        {"checked_up_to", v.intact_until},
                        {"text", std::move(text)}});
}

}  // namespace mentorflow::api
