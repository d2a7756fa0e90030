// Who the caller is and what they take part in: GET /v1/me, /v1/me/cases, /v1/editions. The web
// app starts from these.
#include <fmt/core.h>

#include <algorithm>

#include "api/api_error.hpp"
#include "api/definition_json.hpp"
#include "api/handlers.hpp"
#include "api/summary_json.hpp"
#include "engine/edition_zone.hpp"
#include "engine/read_models/read_model.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::api {
namespace {

const char* auth_name(AuthKind kind) {
  switch (kind) {
    case AuthKind::kToken: return "token";
    case AuthKind::kSession: return "session";
    case AuthKind::kProxy: return "proxy";
  }
  return "token";
}

// An edition as the caller sees it: what it is and the caller's roles in it, by kind.
nlohmann::json edition_json(Call& call, const engine::read_models::EditionSummary& e, const dsl::Definition& definition) {
  const Standing standing = standing_in(call.principal, e.edition, definition);
  return {{"edition", e.edition},
          {"workflow", e.workflow},
          {"title", text_json(definition.title_text())},
          {"definition_id", e.definition_id},
          {"zone", engine::edition_zone(&definition)},
          {"languages", languages_json(definition)},
          {"published_at", store::format_utc(e.published_at)},
          {"participant_roles", standing.participant_roles},
          {"staff_roles", standing.staff_roles},
          {"auditor_roles", standing.auditor_roles}};
}

// The published editions the caller's token covers, each with its definition, in name order.
Result<nlohmann::json> covered_editions(Call& call) {
  auto all = engine::read_models::editions(call.engine.store());
  if (!all.is_ok()) return all.status();
  nlohmann::json out = nlohmann::json::array();
  for (const engine::read_models::EditionSummary& e : *all) {
    if (!call.principal.covers_edition(e.edition)) continue;
    auto definition = call.engine.definition_of_edition(e.edition);
    if (!definition.is_ok()) return definition.status();
    out.push_back(edition_json(call, e, **definition));
  }
  return out;
}

}  // namespace

ApiResponse handle_me(Call& call, const std::string&) {
  // The views answer which editions exist; bring them up to the latest publish first.
  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return status_response(caught.status());
  auto editions = covered_editions(call);
  if (!editions.is_ok()) return status_response(editions.status());
  nlohmann::json me = {{"user", call.principal.user},
                       {"auth", auth_name(call.caller.kind)},
                       {"roles", call.principal.roles},
                       {"publisher", call.principal.has_role(kPublisherRole)},
                       {"editions", std::move(*editions)},
                       // The engine's time (a rehearsal's --now), for "due in 3 weeks" on a page.
                       {"now", store::format_utc(call.engine.clock().now())}};
  if (!call.caller.csrf.empty()) me["csrf"] = call.caller.csrf;
  return json_response(me);
}

ApiResponse handle_my_cases(Call& call, const std::string&) {
  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return status_response(caught.status());
  auto names = engine::read_models::cases_of_party(call.engine.store(), call.principal.user);
  if (!names.is_ok()) return status_response(names.status());
  if (call.pseudonyms)  // in the order of the names the caller knows, not of their pseudonyms
    std::sort(names->begin(), names->end(), [&](const std::string& a, const std::string& b) {
      return call.pseudonyms->reveal(a) < call.pseudonyms->reveal(b);
    });
  nlohmann::json cases = nlohmann::json::array();
  for (const std::string& name : *names) {
    auto summary = engine::read_models::case_summary(call.engine.store(), name);
    if (!summary.is_ok()) return status_response(summary.status());
    if (!*summary || !call.principal.covers_edition((*summary)->edition)) continue;
    // A party in a role the token does not hold is someone else of the same id in another
    // programme's sense: only roles the caller holds count.
    bool mine = false;
    for (const auto& [party, user] : (*summary)->parties) {
      (void)party;
      if (user == call.principal.user) mine = true;
    }
    if (mine) cases.push_back(summary_json(**summary));
  }
  return json_response({{"cases", std::move(cases)}});
}

ApiResponse handle_editions(Call& call, const std::string&) {
  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return status_response(caught.status());
  auto editions = covered_editions(call);
  if (!editions.is_ok()) return status_response(editions.status());
  for (nlohmann::json& e : *editions) {
    nlohmann::json cohorts = nlohmann::json::array();
    auto definition = call.engine.definition_of_edition(e["edition"]);
    if (!definition.is_ok()) return status_response(definition.status());
    for (const dsl::CaseTypeSpec& type : (*definition)->case_types()) {
      if (!type.cohort) continue;
      const std::string name = e["edition"].get<std::string>() + "/" + type.name;
      auto summary = engine::read_models::case_summary(call.engine.store(), name);
      if (!summary.is_ok()) return status_response(summary.status());
      cohorts.push_back({{"case", name}, {"type", type.name}, {"state", *summary ? (*summary)->state : ""}});
    }
    e["cohorts"] = std::move(cohorts);
  }
  return json_response({{"editions", std::move(*editions)}});
}

}  // namespace mentorflow::api
