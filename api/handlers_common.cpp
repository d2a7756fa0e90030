// What the endpoints share: reading a JSON body, and finding the edition and the caller's place in it.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/handlers.hpp"

namespace mentorflow::api {

std::optional<nlohmann::json> body_object(const ApiRequest& request, ApiResponse& error) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    error = error_response(status::kBadRequest, "malformed", "the request body is not valid JSON");
    return std::nullopt;
  }
  if (!body.is_object()) {
    error = error_response(status::kBadRequest, "malformed", "the request body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

std::optional<EditionAccess> edition_access(Call& call, const std::string& edition, ApiResponse& error) {
  // The token is checked before the edition is looked up, so a caller learns nothing about
  // editions outside their token.
  if (!call.principal.covers_edition(edition)) {
    error = error_response(status::kForbidden, "forbidden",
                           fmt::format("{}'s token does not cover edition '{}'", call.principal.user, edition));
    return std::nullopt;
  }
  auto definition = call.engine.definition_of_edition(edition);
  if (!definition.is_ok()) {
    error = status_response(definition.status());
    return std::nullopt;
  }
  return EditionAccess{*definition, standing_in(call.principal, edition, **definition)};
}

std::optional<EditionAccess> edition_reader(Call& call, const std::string& edition, const std::string& what,
                                            ApiResponse& error) {
  auto access = edition_access(call, edition, error);
  if (access && !access->standing.reads_edition()) {
    error = error_response(status::kForbidden, "forbidden",
                           fmt::format("{} may not {}: only the staff and auditors of {} may", call.principal.user,
                                       what, edition));
    return std::nullopt;
  }
  return access;
}

}  // namespace mentorflow::api
