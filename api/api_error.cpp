#include "api/api_error.hpp"

#include <fmt/core.h>

namespace mentorflow::api {
namespace {

constexpr int kRetryAfterSeconds = 1;

// Invalid UTF-8 (a percent-decoded path, a query value) becomes U+FFFD instead of an exception.
std::string dump(const nlohmann::json& body) { return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

ApiResponse error_response(int http_status, std::string_view code, std::string message, nlohmann::json details) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", std::move(message)}, {"details", std::move(details)}}}};
  return {http_status, "application/json", dump(body), 0, {}};
}

ApiResponse status_response(const Status& failure, nlohmann::json details) {
  const std::string& m = failure.message();
  switch (failure.code()) {
    case Status::Code::kNotFound: return error_response(status::kNotFound, "not_found", m, std::move(details));
    case Status::Code::kInvalidArgument: return error_response(status::kBadRequest, "invalid", m, std::move(details));
    case Status::Code::kConflict: return error_response(status::kConflict, "conflict", m, std::move(details));
    case Status::Code::kRefused: return error_response(status::kUnprocessable, "refused", m, std::move(details));
    case Status::Code::kWrongState: return error_response(status::kConflict, "wrong_state", m, std::move(details));
    case Status::Code::kForbidden:
    case Status::Code::kNotAParty: return error_response(status::kForbidden, "forbidden", m, std::move(details));
    case Status::Code::kBusy: return error_response(status::kUnavailable, "busy", m, std::move(details));
    case Status::Code::kAltered:
      // Its sentence names a position and says to run verify, nothing of the store's internals:
      // the caller is told why the values are not shown, and the log keeps it too.
      fmt::print(stderr, "mentorflow serve: {}\n", log_text(failure.to_string()));
      return error_response(status::kInternal, "altered", m, std::move(details));
    case Status::Code::kOk:
    case Status::Code::kCorruption:
    case Status::Code::kIOError: break;
  }
  fmt::print(stderr, "mentorflow serve: {}\n", log_text(failure.to_string()));
  return error_response(status::kInternal, "internal", "the store could not complete the request; see the server log");
}

ApiResponse json_response(const nlohmann::json& body, int http_status) {
  return {http_status, "application/json", dump(body), 0, {}};
}

ApiResponse busy_response(std::string message) {
  ApiResponse r = error_response(status::kUnavailable, "busy", std::move(message));
  r.retry_after_seconds = kRetryAfterSeconds;
  return r;
}

std::string log_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) out += c;
    else out += fmt::format("\\x{:02x}", byte);
  }
  return out;
}

}  // namespace mentorflow::api
