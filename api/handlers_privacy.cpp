// Personal data through the API (docs/API.md, "Personal data"): legal holds placed and released by
// the edition's staff, and a person's own copy of their data (GET /v1/me/export). The work is the
// engine's (engine/privacy/); this file checks who asks and shapes JSON.
#include <fmt/core.h>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "engine/records/legal_hold.hpp"
#include "engine/records/subject_export.hpp"

namespace mentorflow::api {
namespace {

ApiResponse write_hold(Call& call, const std::string& case_name, bool placing) {
  ApiResponse error;
  auto body = body_object(call.request, error);
  if (!body) return error;
  const auto reason = body->find("reason");
  if (reason == body->end() || !reason->is_string())
    return error_response(status::kBadRequest, "malformed",
                          placing ? "the body needs \"reason\": what the records are kept for, as text"
                                  : "the body needs \"reason\": why the hold may end, as text");
  auto actor = staff_writer(call, case_name, placing ? "place legal holds" : "release legal holds", error, true);
  if (!actor) return error;
  auto written = placing ? engine::place_hold(call.engine, case_name, *actor, reason->get<std::string>())
                         : engine::release_hold(call.engine, case_name, *actor, reason->get<std::string>());
  if (!written.is_ok()) return status_response(written.status(), {{"case", case_name}});
  return json_response({{"case", case_name}, {"hold", placing ? "placed" : "released"}, {"position", *written}});
}

}  // namespace

ApiResponse handle_hold(Call& call, const std::string& case_name) { return write_hold(call, case_name, true); }

ApiResponse handle_release_hold(Call& call, const std::string& case_name) {
  return write_hold(call, case_name, false);
}

ApiResponse handle_my_export(Call& call, const std::string&) {
  auto copy = engine::subject_export(call.engine, call.principal.user, call.engine.clock().now());
  if (!copy.is_ok()) return status_response(copy.status());
  ApiResponse response = json_response(*copy);
  // A file to keep: browsers save it under this name (the user's own, revealed with the body).
  response.headers.push_back({"Content-Disposition", "attachment; filename=\"mentorflow-export.json\""});
  return response;
}

}  // namespace mentorflow::api
