#pragma once
// Every error the API returns: `{"error": {"code", "message", "details"}}` with its HTTP status
// (docs/API.md, "Errors"). Messages are the engine's one sentence, never a stack trace; store
// failures (corruption, I/O) are reported without their internals, which go to the server log.
// Messages may quote what the caller sent (a path, a query value): every body is written with
// invalid UTF-8 replaced (U+FFFD), and the log escapes such bytes, so neither can be broken by them.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/http_message.hpp"
#include "base/status.hpp"

namespace mentorflow::api {

// HTTP statuses the API uses, by name.
namespace status {
inline constexpr int kOk = 200, kCreated = 201, kNoContent = 204, kBadRequest = 400, kUnauthorized = 401, kForbidden = 403,
                     kNotFound = 404, kMethodNotAllowed = 405, kConflict = 409, kTooLarge = 413,
                     kUnsupportedMediaType = 415, kUnprocessable = 422, kHeadersTooLarge = 431,
                     kInternal = 500, kUnavailable = 503;
}

// The error response: `code` is a short machine word ("forbidden"), `message` one sentence.
ApiResponse error_response(int http_status, std::string_view code, std::string message,
                           nlohmann::json details = nlohmann::json::object());

// A failed engine or store Status as a response: NotFound 404, InvalidArgument 400, Conflict 409,
// WrongState 409, Forbidden and NotAParty 403, Refused 422, Busy 503, Altered 500 `altered` (its
// sentence shown: it names the event that no longer matches its hash), Corruption and I/O errors
// 500 (logged to stderr, not shown). `details` goes into the error body.
ApiResponse status_response(const Status& failure, nlohmann::json details = nlohmann::json::object());

// A JSON body with status 200 (or `http_status`).
ApiResponse json_response(const nlohmann::json& body, int http_status = status::kOk);

// 503 `busy` with Retry-After: the server is at one of its limits (connections, queued requests).
ApiResponse busy_response(std::string message);

// `text` (which may come from the network) fit for one line of the server log: bytes outside
// printable ASCII written as \xNN.
std::string log_text(std::string_view text);

}  // namespace mentorflow::api
