#include "api/router.hpp"

#include <fmt/core.h>

#include <array>
#include <cctype>
#include <exception>
#include <string_view>
#include <utility>

#include "api/api_error.hpp"
#include "api/handlers.hpp"
#include "api/static_files.hpp"
#include "engine/uploads.hpp"

namespace mentorflow::api {
namespace {

// How a route's path is matched, and what of it the handler gets as `name`.
enum class Shape {
  kExact,    // the path itself; name empty
  kCase,     // PREFIX + a case or stream name (it may hold slashes)
  kEdition,  // "/v1/editions/" + EDITION + SUFFIX, the edition without a slash
};

// What a route's body must be.
enum class Body { kNone, kJson, kCsv, kAny };

using Handler = ApiResponse (*)(Call&, const std::string&);

struct Route {
  std::string_view method;
  Shape shape;
  std::string_view path;    // exact path, prefix, or (kEdition) suffix
  Handler handler;
  Body body = Body::kNone;
  std::size_t max_body = 0;  // the largest body taken; 0: the server's limit (ServerOptions)
};

// Every endpoint that needs a caller. /v1/health, /v1/checkpoint, /metrics and /v1/session are answered before.
constexpr std::array kRoutes = {
    Route{"GET", Shape::kExact, "/v1/me", handle_me},
    Route{"POST", Shape::kExact, "/v1/verify", handle_verify, Body::kAny},
    Route{"POST", Shape::kExact, "/v1/check", handle_check, Body::kJson},
    Route{"GET", Shape::kExact, "/v1/me/cases", handle_my_cases},
    Route{"GET", Shape::kExact, "/v1/me/export", handle_my_export},
    Route{"GET", Shape::kExact, "/v1/editions", handle_editions},
    Route{"PUT", Shape::kEdition, "", handle_publish, Body::kJson},
    Route{"GET", Shape::kEdition, "/definition", handle_definition},
    Route{"GET", Shape::kEdition, "/graph.svg", handle_graph},
    Route{"GET", Shape::kEdition, "/commands", handle_opening_commands},
    Route{"GET", Shape::kEdition, "/cases", handle_cases},
    Route{"GET", Shape::kEdition, "/placements", handle_placements},
    Route{"GET", Shape::kEdition, "/dashboard", handle_dashboard},
    Route{"GET", Shape::kEdition, "/matching", handle_matching},
    Route{"GET", Shape::kEdition, "/certificates", handle_edition_certificates},
    Route{"GET", Shape::kEdition, "/flags", handle_flags},
    Route{"POST", Shape::kEdition, "/import", handle_import, Body::kCsv},
    Route{"POST", Shape::kEdition, "/what-if", handle_what_if, Body::kJson},
    Route{"GET", Shape::kCase, "/v1/cases/", handle_state},
    Route{"POST", Shape::kCase, "/v1/cases/", handle_command, Body::kJson},
    Route{"GET", Shape::kCase, "/v1/history/", handle_history},
    Route{"GET", Shape::kCase, "/v1/commands/", handle_open_commands},
    Route{"GET", Shape::kCase, "/v1/certificates/", handle_certificates},
    Route{"GET", Shape::kCase, "/v1/calendar/", handle_calendar},
    Route{"POST", Shape::kCase, "/v1/flags/", handle_clear_flag, Body::kJson},
    Route{"POST", Shape::kCase, "/v1/hold/", handle_hold, Body::kJson},
    Route{"POST", Shape::kCase, "/v1/release-hold/", handle_release_hold, Body::kJson},
    Route{"GET", Shape::kCase, "/v1/streams/", handle_stream},
    Route{"POST", Shape::kExact, "/v1/uploads", handle_upload, Body::kAny, engine::kMaxDocumentBytes},
    Route{"GET", Shape::kCase, "/v1/documents/", handle_document},
    Route{"POST", Shape::kExact, "/v1/subjects/erase", handle_erase_subject, Body::kJson},
};

// The name a route gives `path`, if it takes it.
std::optional<std::string> matches(const Route& route, const std::string& path) {
  switch (route.shape) {
    case Shape::kExact:
      if (path == route.path) return std::string();
      return std::nullopt;
    case Shape::kCase:
      if (path.size() > route.path.size() && path.starts_with(route.path)) return path.substr(route.path.size());
      return std::nullopt;
    case Shape::kEdition: {
      constexpr std::string_view kPrefix = "/v1/editions/";
      if (!path.starts_with(kPrefix) || !path.ends_with(route.path)) return std::nullopt;
      if (path.size() <= kPrefix.size() + route.path.size()) return std::nullopt;
      std::string edition = path.substr(kPrefix.size(), path.size() - kPrefix.size() - route.path.size());
      if (edition.find('/') != std::string::npos) return std::nullopt;
      return edition;
    }
  }
  return std::nullopt;
}

bool has_type(const std::string& content_type, std::string_view wanted) {
  const std::string_view type = std::string_view(content_type).substr(0, content_type.find(';'));
  std::string lower;
  for (char c : type)
    if (c != ' ') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == wanted;
}

ApiResponse method_not_allowed(const ApiRequest& request, std::string_view allowed) {
  return error_response(status::kMethodNotAllowed, "method_not_allowed",
                        fmt::format("{} is not allowed on {}", request.method, request.path), {{"allowed", allowed}});
}

bool writes(const std::string& method) { return method != "GET" && method != "HEAD"; }

// Whether a response is text a person reads, revealed on its way out (docs/PRIVACY.md): JSON, the
// calendar, plain text. Not documents and PDFs (their bytes are the person's own file or signed),
// and not GET /v1/streams/S, the log as it is: an export carries pseudonyms by design.
bool revealed(const Route& route, const ApiResponse& response) {
  if (route.handler == handle_stream) return false;
  return has_type(response.content_type, "application/json") || response.content_type.starts_with("text/");
}

}  // namespace

std::size_t Router::body_limit(const std::string& method, const std::string& path, std::size_t server_limit) {
  for (const Route& r : kRoutes)
    if (r.method == method && r.max_body > 0 && matches(r, path)) return r.max_body;
  return server_limit;
}

// On a store with personal data each part of the path that is someone's user id becomes their
// pseudonym, so that the log names nobody once they are erased.
std::string Router::logged_path(const std::string& path) const {
  if (!pseudonyms_ || !pseudonyms_->active()) return log_text(path);
  std::string out;
  for (std::size_t from = 0; from <= path.size();) {
    const std::size_t slash = std::min(path.find('/', from), path.size());
    const std::string part = path.substr(from, slash - from);
    auto pseudonym = part.empty() ? Result<std::string>(Status::not_found("")) : pseudonyms_->user(part, false);
    out += pseudonym.is_ok() ? *pseudonym : part;
    if (slash < path.size()) out += '/';
    from = slash + 1;
  }
  return log_text(out);
}

ApiResponse Router::handle(const ApiRequest& request, engine::Engine& engine) const {
  try {
    return route(request, engine);
  } catch (const std::exception& e) {
    fmt::print(stderr, "mentorflow serve: {} {}: {}\n", log_text(request.method), logged_path(request.path),
               log_text(e.what()));
  } catch (...) {
    fmt::print(stderr, "mentorflow serve: {} {}: unknown exception\n", log_text(request.method), logged_path(request.path));
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
  if (path == "/v1/checkpoint") {  // the log's signed head, for anyone who keeps a witness
    if (method != "GET") return method_not_allowed(request, "GET");
    return handle_checkpoint(checkpoints_);
  }
  if (path == "/metrics") {
    if (method != "GET") return method_not_allowed(request, "GET");
    return {status::kOk, "text/plain; version=0.0.4", metrics_.prometheus_text(), 0, {}};
  }
  if (!path.starts_with("/v1/")) return static_file(request);

  // Which route, and the methods its path takes.
  const Route* found = nullptr;
  std::string name, allowed;
  for (const Route& r : kRoutes) {
    auto n = matches(r, path);
    if (!n) continue;
    if (r.method == method) {
      found = &r;
      name = std::move(*n);
      break;
    }
    if (allowed.find(r.method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + std::string(r.method);
  }
  if (path == "/v1/session") allowed = "POST, DELETE";
  if (!found && allowed.empty()) return error_response(status::kNotFound, "not_found", fmt::format("no such resource: {}", path));

  if (path == "/v1/session") {
    if (method == "DELETE") return sign_in_.close_session(request);
    if (method != "POST") return method_not_allowed(request, allowed);
    if (!has_type(request.content_type, "application/json"))
      return error_response(status::kUnsupportedMediaType, "unsupported_media_type",
                            "send the body as JSON: Content-Type: application/json");
    return sign_in_.open_session(request, [&](const Caller& caller) {
      auto seen = seen_as(*caller.principal, false);  // signing in writes nothing
      if (!seen.is_ok()) return status_response(seen.status());
      Call call{request, engine, *seen, tokens_, metrics_, caller, checkpoints_, pseudonyms_};
      ApiResponse me = handle_me(call, "");
      if (pseudonyms_) me.body = pseudonyms_->reveal(me.body);
      return me;
    });
  }
  if (!found) return method_not_allowed(request, allowed);

  ApiResponse error;
  auto caller = sign_in_.identify(request, writes(method), error);
  if (!caller) return error;
  if (found->body == Body::kJson && !has_type(request.content_type, "application/json"))
    return error_response(status::kUnsupportedMediaType, "unsupported_media_type",
                          "send the body as JSON: Content-Type: application/json");
  if (found->body == Body::kCsv && !has_type(request.content_type, "text/csv"))
    return error_response(status::kUnsupportedMediaType, "unsupported_media_type",
                          "send the file as CSV: Content-Type: text/csv");
  auto seen = seen_as(*caller->principal, writes(method));
  if (!seen.is_ok()) return status_response(seen.status());
  if (pseudonyms_ && found->shape == Shape::kCase) {
    // A case is named by its id in the path; the log knows its pseudonym. One asked about that
    // nobody has is left as given, so that the handler says it does not exist in the asker's words.
    auto mapped = pseudonyms_->case_name(name, writes(method));
    if (mapped.is_ok()) name = std::move(*mapped);
    else if (!mapped.status().is_not_found()) return status_response(mapped.status());
  }
  Call call{request, engine, *seen, tokens_, metrics_, *caller, checkpoints_, pseudonyms_};
  ApiResponse response = found->handler(call, name);
  if (pseudonyms_ && revealed(*found, response)) response.body = pseudonyms_->reveal(response.body);
  // A file is saved under the ids people know (a certificate's PDF, a calendar), unless one of
  // them is erased: "[erased]" would make two names the same.
  if (pseudonyms_ && pseudonyms_->active())
    for (auto& [header, value] : response.headers)
      if (header == "Content-Disposition")
        if (std::string named = pseudonyms_->reveal(value); named.find(engine::kErased) == std::string::npos) value = named;
  return response;
}

Result<Principal> Router::seen_as(const Principal& principal, bool create) const {
  if (!pseudonyms_) return principal;
  // Made on a caller's first write: whoever holds a token of the deployment may act, and the
  // engine must know them by the name their commands will be recorded under. A reader the store
  // does not know keeps their id, which no pseudonym equals: they are party to nothing, and no
  // record is made for someone who only looked.
  auto user = pseudonyms_->user(principal.user, create);
  if (!user.is_ok() && user.status().is_not_found() && !create) return principal;
  if (!user.is_ok()) return user.status();
  Principal seen = principal;
  seen.user = std::move(*user);
  return seen;
}

}  // namespace mentorflow::api
