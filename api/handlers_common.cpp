// What the endpoints share: reading a JSON body, and finding the edition and the caller's place in it.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/handlers.hpp"

namespace mentorflow::api {

std::optional<nlohmann::json> body_object(const ApiRequest& request, ApiResponse& error) {
  // A deeper value is not built at all: copying, dumping and the engine's reading of a JSON
  // value recurse, so a body of nested brackets under the size limit could exhaust the stack.
  // The parser itself keeps its nesting on the heap, and so goes through such a body unharmed.
  bool too_deep = false;
  const nlohmann::json::parser_callback_t limit = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                       event == nlohmann::json::parse_event_t::array_start;
    if (opens && depth >= kMaxJsonDepth) too_deep = true;  // `depth` counts the containers around it
    return !too_deep;
  };
  nlohmann::json body = nlohmann::json::parse(request.body, limit, false);
  if (too_deep) {
    error = error_response(status::kBadRequest, "malformed",
                           fmt::format("the request body nests arrays and objects more than {} deep", kMaxJsonDepth));
    return std::nullopt;
  }
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
