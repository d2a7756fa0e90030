#include "api/api_error.hpp"

#include <fmt/core.h>

namespace mentorflow::api {

ApiResponse error_response(int http_status, std::string_view code, std::string message, nlohmann::json details) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", std::move(message)}, {"details", std::move(details)}}}};
  return {http_status, "application/json", body.dump()};
}

ApiResponse status_response(const Status& failure) {
  switch (failure.code()) {
    case Status::Code::kNotFound: return error_response(status::kNotFound, "not_found", failure.message());
    case Status::Code::kInvalidArgument: return error_response(status::kBadRequest, "invalid", failure.message());
    case Status::Code::kConflict: return error_response(status::kConflict, "conflict", failure.message());
    case Status::Code::kRefused: return error_response(status::kUnprocessable, "refused", failure.message());
    case Status::Code::kWrongState: return error_response(status::kConflict, "wrong_state", failure.message());
    case Status::Code::kBusy: return error_response(status::kUnavailable, "busy", failure.message());
    case Status::Code::kOk:
    case Status::Code::kCorruption:
    case Status::Code::kIOError: break;
  }
  fmt::print(stderr, "mentorflow serve: {}\n", failure.to_string());
  return error_response(status::kInternal, "internal", "the store could not complete the request; see the server log");
}

ApiResponse json_response(const nlohmann::json& body, int http_status) {
  return {http_status, "application/json", body.dump()};
}

}  // namespace mentorflow::api
