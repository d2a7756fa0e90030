#include "api/router.hpp"

#include <fmt/core.h>

#include <cctype>
#include <exception>
#include <string_view>
#include <utility>

#include "api/api_error.hpp"
#include "api/handlers.hpp"

namespace mentorflow::api {
namespace {

// The token of `Authorization: Bearer TOKEN`; the scheme is case-insensitive (RFC 7235, 2.1).
// Empty when the header holds another scheme or no token.
std::string_view bearer_token(std::string_view header) {
  constexpr std::string_view kScheme = "bearer";
  if (header.size() <= kScheme.size() || header[kScheme.size()] != ' ') return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return {};
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  return token;
}

// "/v1/cases/a/b/c" with prefix "/v1/cases/" -> "a/b/c"; nullopt when the path is elsewhere.
std::optional<std::string> after(const std::string& path, std::string_view prefix) {
  if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return path.substr(prefix.size());
}

bool is_json(const std::string& content_type) {
  const std::string_view type = std::string_view(content_type).substr(0, content_type.find(';'));
  std::string lower;
  for (char c : type)
    if (c != ' ') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "application/json";
}

ApiResponse method_not_allowed(const ApiRequest& request, std::string_view allowed) {
  return error_response(status::kMethodNotAllowed, "method_not_allowed",
                        fmt::format("{} is not allowed on {}", request.method, request.path), {{"allowed", allowed}});
}

}  // namespace

ApiResponse Router::handle(const ApiRequest& request, engine::Engine& engine) const {
  try {
    return route(request, engine);
  } catch (const std::exception& e) {
    fmt::print(stderr, "mentorflow serve: {} {}: {}\n", log_text(request.method), log_text(request.path),
               log_text(e.what()));
  } catch (...) {
    fmt::print(stderr, "mentorflow serve: {} {}: unknown exception\n", log_text(request.method), log_text(request.path));
  }
  return error_response(status::kInternal, "internal", "the request could not be completed; see the server log");
}

ApiResponse Router::route(const ApiRequest& request, engine::Engine& engine) const {
  const std::string& path = request.path;
  const std::string& method = request.method;
  // Open to anyone: they reveal no case and no person.
  if (path == "/v1/health") {
    if (method != "GET") return method_not_allowed(request, "GET");
    return json_response({{"status", "ok"}, {"position", engine.store().head().position}});
  }
  if (path == "/metrics") {
    if (method != "GET") return method_not_allowed(request, "GET");
    return {status::kOk, "text/plain; version=0.0.4", metrics_.prometheus_text()};
  }

  // Which endpoint, and the methods it takes.
  enum class Endpoint { kEdition, kCases, kPlacements, kWhatIf, kCase, kHistory, kStream } endpoint;
  std::string name;
  if (auto rest = after(path, "/v1/editions/")) {
    name = *rest;
    endpoint = Endpoint::kEdition;
    for (const auto& [suffix, kind] : {std::pair{std::string_view("/cases"), Endpoint::kCases},
                                       std::pair{std::string_view("/placements"), Endpoint::kPlacements},
                                       std::pair{std::string_view("/what-if"), Endpoint::kWhatIf}})
      if (rest->ends_with(suffix)) {
        endpoint = kind;
        name = rest->substr(0, rest->size() - suffix.size());
      }
    if (name.empty() || name.find('/') != std::string::npos)
      return error_response(status::kNotFound, "not_found", fmt::format("no such resource: {}", path));
  } else if (auto case_name = after(path, "/v1/cases/")) {
    endpoint = Endpoint::kCase;
    name = *case_name;
  } else if (auto history = after(path, "/v1/history/")) {
    endpoint = Endpoint::kHistory;
    name = *history;
  } else if (auto stream = after(path, "/v1/streams/")) {
    endpoint = Endpoint::kStream;
    name = *stream;
  } else {
    return error_response(status::kNotFound, "not_found", fmt::format("no such resource: {}", path));
  }
  const bool writes = endpoint == Endpoint::kEdition || endpoint == Endpoint::kWhatIf ||
                      (endpoint == Endpoint::kCase && method == "POST");
  switch (endpoint) {
    case Endpoint::kEdition: if (method != "PUT") return method_not_allowed(request, "PUT"); break;
    case Endpoint::kWhatIf: if (method != "POST") return method_not_allowed(request, "POST"); break;
    case Endpoint::kCase: if (method != "GET" && method != "POST") return method_not_allowed(request, "GET, POST"); break;
    default: if (method != "GET") return method_not_allowed(request, "GET"); break;
  }

  const std::string_view token = bearer_token(request.authorization);
  if (token.empty())
    return error_response(status::kUnauthorized, "unauthorized", "send a token: Authorization: Bearer TOKEN");
  const Principal* principal = tokens_.find(token);
  if (!principal) return error_response(status::kUnauthorized, "unauthorized", "the token is not valid");
  if (writes && !is_json(request.content_type))
    return error_response(status::kUnsupportedMediaType, "unsupported_media_type",
                          "send the body as JSON: Content-Type: application/json");

  Call call{request, engine, *principal, tokens_, metrics_};
  switch (endpoint) {
    case Endpoint::kEdition: return handle_publish(call, name);
    case Endpoint::kCases: return handle_cases(call, name);
    case Endpoint::kPlacements: return handle_placements(call, name);
    case Endpoint::kWhatIf: return handle_what_if(call, name);
    case Endpoint::kCase: return method == "POST" ? handle_command(call, name) : handle_state(call, name);
    case Endpoint::kHistory: return handle_history(call, name);
    case Endpoint::kStream: return handle_stream(call, name);
  }
  return error_response(status::kNotFound, "not_found", fmt::format("no such resource: {}", path));
}

}  // namespace mentorflow::api
