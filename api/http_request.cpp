#include "api/http_request.hpp"

#include <string_view>

#include "api/api_error.hpp"

namespace mentorflow::api {
namespace {

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

}  // namespace

std::optional<ApiRequest> request_from_message(http::request<http::string_body>& message, const std::string& remote_address,
                                               const ServerOptions& options) {
  ApiRequest request;
  request.method = std::string(message.method_string());
  if (!split_target(std::string(message.target()), request.path, request.query)) return std::nullopt;
  request.content_type = std::string(message[http::field::content_type]);
  request.authorization = std::string(message[http::field::authorization]);
  request.cookie = std::string(message[http::field::cookie]);
  request.csrf_token = std::string(message["X-CSRF-Token"]);
  request.origin = std::string(message[http::field::origin]);
  request.host = std::string(message[http::field::host]);
  if (auto it = message.find("Idempotency-Key"); it != message.end()) request.idempotency_key = std::string(it->value());
  request.remote_address = remote_address;
  if (!options.user_header.empty())
    if (auto it = message.find(options.user_header); it != message.end()) request.proxy_user = std::string(it->value());
  // Only the trusted proxy may say the browser spoke HTTPS (it terminates TLS).
  if (!options.trusted_proxy.empty() && request.remote_address == options.trusted_proxy)
    request.over_tls = beast::iequals(message["X-Forwarded-Proto"], "https");
  request.body = std::move(message.body());
  return request;
}

http::response<http::string_body> message_from_response(ApiResponse&& response, bool keep_alive) {
  http::response<http::string_body> message(static_cast<http::status>(response.status), 11);
  message.set(http::field::server, "mentorflow");
  message.set(http::field::content_type, response.content_type);
  if (response.status == status::kUnauthorized) message.set(http::field::www_authenticate, "Bearer");
  if (response.retry_after_seconds > 0) message.set(http::field::retry_after, std::to_string(response.retry_after_seconds));
  // Every response, the web app's pages first: no script or style but the server's own files, no
  // framing by another site, no sniffing of types, no referrer leaving the server.
  message.set("Content-Security-Policy", beast::string_view(kContentSecurityPolicy.data(), kContentSecurityPolicy.size()));
  message.set("X-Content-Type-Options", "nosniff");
  message.set("Referrer-Policy", "no-referrer");
  for (auto& [name, value] : response.headers) message.insert(name, value);
  message.keep_alive(keep_alive);
  message.body() = std::move(response.body);
  message.prepare_payload();
  return message;
}

}  // namespace mentorflow::api
