#pragma once
// Every error the API returns: `{"error": {"code", "message", "details"}}` with its HTTP status
// (docs/API.md, "Errors"). Messages are the engine's one sentence, never a stack trace; store
// failures (corruption, I/O) are reported without their internals, which go to the server log.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/http_message.hpp"
#include "store/status.hpp"

namespace mentorflow::api {

// HTTP statuses the API uses, by name.
namespace status {
inline constexpr int kOk = 200, kCreated = 201, kBadRequest = 400, kUnauthorized = 401, kForbidden = 403,
                     kNotFound = 404, kMethodNotAllowed = 405, kConflict = 409, kTooLarge = 413,
                     kUnsupportedMediaType = 415, kUnprocessable = 422, kHeadersTooLarge = 431,
                     kInternal = 500, kUnavailable = 503;
}

// The error response: `code` is a short machine word ("forbidden"), `message` one sentence.
ApiResponse error_response(int http_status, std::string_view code, std::string message,
                           nlohmann::json details = nlohmann::json::object());

// A failed engine or store Status as a response: NotFound 404, InvalidArgument 400, Conflict 409,
// Refused 422, Busy 503, Corruption and I/O errors 500 (logged to stderr, not shown).
ApiResponse status_response(const Status& failure);

// A JSON body with status 200 (or `http_status`).
ApiResponse json_response(const nlohmann::json& body, int http_status = status::kOk);

}  // namespace mentorflow::api
