// GET /v1/editions/E/placements: the placement search (MILEAGE's "online app for up-to-date
// search of study placements"), the query `mentorflow placements` runs. Offers are the NGOs'
// public information, so every role of the edition may search them; only staff and auditors
// see which cases hold the places (`taken_by` names students).
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "engine/read_models/placements.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::api {
namespace {

std::optional<std::string> query_value(const ApiRequest& request, const std::string& key) {
  auto it = request.query.find(key);
  if (it == request.query.end()) return std::nullopt;
  return it->second;
}

// `true`/`false` (or absent: false); nullopt for anything else.
std::optional<bool> query_flag(const ApiRequest& request, const std::string& key) {
  auto value = query_value(request, key);
  if (!value || *value == "false") return false;
  if (*value == "true") return true;
  return std::nullopt;
}

}  // namespace

ApiResponse handle_placements(Call& call, const std::string& edition) {
  ApiResponse error;
  auto access = edition_access(call, edition, error);
  if (!access) return error;
  const Standing& standing = access->standing;
  if (!standing.reads_edition() && standing.participant_roles.empty())
    return error_response(status::kForbidden, "forbidden",
                          fmt::format("{} holds no role of edition {}", call.principal.user, edition));
  engine::read_models::PlacementFilter filter;
  filter.edition = edition;
  if (auto state = query_value(call.request, "state")) filter.state = *state == "any" ? std::nullopt : std::optional(*state);
  filter.area = query_value(call.request, "field");
  filter.location = query_value(call.request, "location");
  filter.language = query_value(call.request, "language");
  filter.from = query_value(call.request, "from");
  filter.until = query_value(call.request, "until");
  const auto fewer = query_flag(call.request, "fewer_opportunities");
  const auto with_places = query_flag(call.request, "with_places");
  if (!fewer || !with_places)
    return error_response(status::kBadRequest, "malformed", "fewer_opportunities and with_places take true or false");
  filter.fewer_opportunities = *fewer;
  filter.with_places = *with_places;

  if (auto caught = engine::read_models::catch_up_read_models(call.engine.store()); !caught.is_ok())
    return status_response(caught.status());
  auto offers = engine::read_models::search_placements(call.engine.store(), filter);
  if (!offers.is_ok()) return status_response(offers.status());
  nlohmann::json out = nlohmann::json::array();
  for (const engine::read_models::PlacementOffer& offer : *offers) {
    nlohmann::json o = engine::read_models::to_json(offer);
    if (!standing.reads_edition()) o.erase("taken_by");
    out.push_back(std::move(o));
  }
  return json_response({{"edition", edition}, {"offers", std::move(out)}});
}

}  // namespace mentorflow::api
