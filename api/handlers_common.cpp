// What the endpoints share: reading a JSON body, finding the edition and the caller's place in it,
// and loading a case the caller may read.
#include <fmt/core.h>

#include <algorithm>

#include "api/api_error.hpp"
#include "base/json_input.hpp"
#include "dsl/compile/privacy_roles.hpp"
#include "api/handlers.hpp"
#include "engine/case_name.hpp"

namespace mentorflow::api {

std::optional<nlohmann::json> body_object(const ApiRequest& request, ApiResponse& error) {
  auto body = parse_json_input(request.body);
  if (!body.is_ok()) {
    error = error_response(status::kBadRequest, "malformed", "the request body: " + body.status().message());
    return std::nullopt;
  }
  if (!body->is_object()) {
    error = error_response(status::kBadRequest, "malformed", "the request body must be a JSON object");
    return std::nullopt;
  }
  return std::move(*body);
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

std::optional<store::Actor> staff_writer(Call& call, const std::string& case_name, const std::string& what,
                                         ApiResponse& error, bool or_privacy) {
  auto name = engine::parse_case_name(case_name);
  if (!name.is_ok()) {
    error = status_response(name.status());
    return std::nullopt;
  }
  auto access = edition_access(call, name->edition, error);
  if (!access) return std::nullopt;
  if (access->standing.is_staff()) return store::Actor{call.principal.user, access->standing.staff_roles.front()};
  if (or_privacy && access->standing.covered)
    for (const std::string& role : call.principal.roles)
      if (dsl::may_manage_personal_data(*access->definition, role)) return store::Actor{call.principal.user, role};
  error = error_response(status::kForbidden, "forbidden",
                         or_privacy ? fmt::format("only the staff of {} or a privacy role {}; {} is neither",
                                                  name->edition, what, call.principal.user)
                                    : fmt::format("only the staff of {} {}; {} is not", name->edition, what, call.principal.user));
  return std::nullopt;
}

namespace {

// The refusal of a case the caller may not read. A participant gets the same answer whether the
// case exists or not, so that no one learns which cases there are by asking for them.
ApiResponse not_yours(const Call& call, const std::string& case_name, const Standing& standing) {
  if (standing.participant_roles.empty())
    return error_response(status::kForbidden, "forbidden",
                          fmt::format("{} may not read {}: the token holds no role of its edition that reads cases",
                                      call.principal.user, case_name));
  return error_response(status::kForbidden, "forbidden",
                        fmt::format("{} may not read {}: participants see only their own cases", call.principal.user,
                                    case_name));
}

}  // namespace

std::optional<ReadableCase> readable_case(Call& call, const std::string& case_name, ApiResponse& error,
                                          const engine::Until& until) {
  auto name = engine::parse_case_name(case_name);
  if (!name.is_ok()) {
    error = status_response(name.status());
    return std::nullopt;
  }
  auto access = edition_access(call, name->edition, error);
  if (!access) return std::nullopt;
  // Whether the caller may read it is decided on the case as it is now, also for a past state.
  auto now = call.engine.load(case_name);
  const bool missing = !now.is_ok() && now.status().is_not_found();
  if (!now.is_ok() && !(missing && !access->standing.reads_edition())) {
    error = status_response(now.status());
    return std::nullopt;
  }
  if (missing || !may_read_case(access->standing, call.principal, *now, *access->definition)) {
    error = not_yours(call, case_name, access->standing);
    return std::nullopt;
  }
  Reader reader = reader_of(access->standing, call.principal, *now, *access->definition);
  if (!until.position && !until.time) return ReadableCase{*name, *access, std::move(reader), std::move(*now)};
  auto then = call.engine.load(case_name, until);
  if (!then.is_ok()) {
    error = status_response(then.status());
    return std::nullopt;
  }
  return ReadableCase{*name, *access, std::move(reader), std::move(*then)};
}

}  // namespace mentorflow::api
