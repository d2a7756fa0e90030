// Erasing a person through the API (docs/API.md, "POST /v1/subjects/erase"): the same erasure as
// `mentorflow erase` (engine/erasure.hpp), allowed to a caller with a privacy role of an
// edition the person has a case in, among the editions their token covers. The engines of the
// server's other workers forget their cases at their next load (engine/privacy/erasure_epoch.hpp);
// the read models are rebuilt by the erasure itself.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "engine/erasure.hpp"

namespace mentorflow::api {

ApiResponse handle_erase_subject(Call& call, const std::string&) {
  ApiResponse error;
  auto body = body_object(call.request, error);
  if (!body) return error;
  const auto subject = body->find("subject");
  const auto reason = body->find("reason");
  if (subject == body->end() || !subject->is_string() || reason == body->end() || !reason->is_string())
    return error_response(status::kBadRequest, "malformed",
                          "the body needs \"subject\" (the person's user id) and \"reason\" (why, without naming them), as texts");
  store::Subjects* subjects = call.pseudonyms ? call.pseudonyms->subjects() : nullptr;
  if (!subjects)
    return status_response(Status::refused("this store keeps user ids in clear (it was made without a master key): it holds "
                                           "no key or pseudonym of anyone to erase"));
  const Principal& principal = call.principal;
  const auto covers = [&](std::string_view edition) { return principal.covers_edition(edition); };
  // The first of the caller's roles that may erase the person; else what the last one was told.
  Status refused = Status::forbidden(fmt::format("{} has no role that may erase people: only a privacy role (such as dpo) may",
                                                 principal.user));
  for (const std::string& role : principal.roles) {
    auto plan = engine::plan_erasure(call.engine, *subjects, {subject->get<std::string>(), role, reason->get<std::string>(), covers});
    if (!plan.is_ok() && plan.status().is_forbidden()) {
      refused = plan.status();
      continue;
    }
    if (!plan.is_ok()) return status_response(plan.status());
    auto erased = engine::erase_subject(call.engine, *subjects, *plan, {principal.user, role});
    if (!erased.is_ok()) return status_response(erased.status());
    return json_response({{"subject", subject->get<std::string>()},
                          {"position", erased->position},
                          {"cases", erased->cases.size()},
                          {"documents", erased->documents}});
  }
  return status_response(refused);
}

}  // namespace mentorflow::api
