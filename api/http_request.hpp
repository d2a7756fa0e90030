#pragma once
// Between Beast's messages and the router's plain values (api/http_message.hpp): the one place
// where a request read from a connection becomes an ApiRequest, and an ApiResponse the message
// written back. The session uses both; so does the HTTP fuzz target (tests/fuzz/http_fuzz.cpp),
// which reads requests from bytes instead of a socket.
#include <optional>
#include <string>

#include "api/asio.hpp"
#include "api/http_message.hpp"
#include "api/server.hpp"

namespace mentorflow::api {

// The request the router sees in `message`, which came from `remote_address` (its body is moved
// out); nullopt when its target is not a valid path. `options` say which proxy and user header to
// believe.
std::optional<ApiRequest> request_from_message(http::request<http::string_body>& message, const std::string& remote_address,
                                               const ServerOptions& options);

// The HTTP/1.1 message that answers with `response` (moved from), with the headers every response
// carries (docs/API.md, "Server"), its length set, and kept alive or not.
http::response<http::string_body> message_from_response(ApiResponse&& response, bool keep_alive);

}  // namespace mentorflow::api
