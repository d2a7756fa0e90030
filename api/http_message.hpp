#pragma once
// A request as the router sees it and the response it returns: plain values, no Beast types, so
// that handling a request never touches a socket (the session does the I/O, api/session.cpp).
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mentorflow::api {

struct ApiRequest {
  std::string method;        // "GET", "POST", ...
  std::string path;          // percent-decoded, without the query
  std::map<std::string, std::string> query;  // decoded; a repeated key keeps its last value
  std::string content_type;  // as sent, may be empty
  std::string authorization; // the Authorization header, may be empty
  std::string cookie;        // the Cookie header, may be empty
  std::string csrf_token;    // the X-CSRF-Token header, may be empty
  std::string origin;        // the Origin header, may be empty (browsers send it on cross-site writes)
  std::string host;          // the Host header
  std::string remote_address;  // the peer's IP address, as text
  std::optional<std::string> proxy_user;  // the single sign-on user header, when configured and present
  bool over_tls = false;     // the trusted proxy says the browser spoke HTTPS (X-Forwarded-Proto)
  std::optional<std::string> idempotency_key;  // the Idempotency-Key header, when sent (engine/idempotency.hpp)
  std::string body;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  int retry_after_seconds = 0;  // sent as Retry-After when positive (503 busy)
  // Further headers (Set-Cookie, Cache-Control, Content-Disposition), in order.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Splits "/v1/x%2Fy?a=1&b=%20" into a decoded path and query. False when the target is not an
// absolute path or holds a malformed percent escape.
bool split_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query);

}  // namespace mentorflow::api
