#include "api/sign_in.hpp"

#include <fmt/core.h>

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

// Whether an Origin header names this server (the Host it was asked as), over either scheme.
bool same_origin(const ApiRequest& request) {
  if (request.origin.empty()) return true;  // not a cross-site browser request
  return request.origin == "http://" + request.host || request.origin == "https://" + request.host;
}

ApiResponse csrf_refused(std::string message) { return error_response(status::kForbidden, "csrf", std::move(message)); }

}  // namespace

SignIn::SignIn(const TokenTable& tokens, ProxySignIn proxy, std::chrono::seconds session_lifetime, bool secure_cookies)
    : tokens_(tokens), proxy_(std::move(proxy)), secure_cookies_(secure_cookies), sessions_(session_lifetime) {}

std::optional<Caller> SignIn::identify(const ApiRequest& request, bool writes, ApiResponse& error) {
  const auto check_csrf = [&](const Caller& caller) -> std::optional<Caller> {
    if (!writes) return caller;
    if (!same_origin(request)) {
      error = csrf_refused(fmt::format("a request from {} may not write here: only pages of this server may", request.origin));
      return std::nullopt;
    }
    if (request.csrf_token != caller.csrf) {
      error = csrf_refused("this request writes and lacks the session's X-CSRF-Token: sign in again and retry");
      return std::nullopt;
    }
    return caller;
  };

  if (request.proxy_user) {
    if (!single_sign_on() || request.remote_address != proxy_.trusted_proxy) {
      error = error_response(status::kForbidden, "forbidden",
                             fmt::format("the {} header is accepted only from the reverse proxy",
                                         single_sign_on() ? proxy_.user_header : std::string("single sign-on")));
      return std::nullopt;
    }
    const Principal* principal = proxy_.users->find(*request.proxy_user);
    if (!principal) {
      error = error_response(status::kForbidden, "forbidden",
                             fmt::format("{} is signed in but takes part in no programme here", *request.proxy_user));
      return std::nullopt;
    }
    return check_csrf(Caller{principal, AuthKind::kProxy, proxy_csrf(principal->user)});
  }
  if (!request.authorization.empty()) {
    const std::string_view token = bearer_token(request.authorization);
    const Principal* principal = token.empty() ? nullptr : tokens_.find(token);
    if (!principal) {
      error = error_response(status::kUnauthorized, "unauthorized",
                             token.empty() ? "send a token: Authorization: Bearer TOKEN" : "the token is not valid");
      return std::nullopt;
    }
    return Caller{principal, AuthKind::kToken, ""};  // a token is never sent by a browser on its own
  }
  if (auto id = cookie_value(request.cookie, kSessionCookie)) {
    auto session = sessions_.find(*id);
    if (!session) {
      error = error_response(status::kUnauthorized, "unauthorized", "the session has expired: sign in again");
      return std::nullopt;
    }
    return check_csrf(Caller{session->principal, AuthKind::kSession, session->csrf});
  }
  error = error_response(status::kUnauthorized, "unauthorized", "send a token: Authorization: Bearer TOKEN");
  return std::nullopt;
}

ApiResponse SignIn::open_session(const ApiRequest& request, const std::function<ApiResponse(const Caller&)>& me) {
  ApiResponse error;
  auto body = body_object(request, error);
  if (!body) return error;
  auto token = body->find("token");
  if (token == body->end() || !token->is_string() || token->get_ref<const std::string&>().empty())
    return error_response(status::kBadRequest, "malformed", "the body needs \"token\": your access token");
  // A page of another site must not sign a browser in under its own token either.
  if (!same_origin(request))
    return csrf_refused(fmt::format("a page of {} may not sign in here", request.origin));
  const Principal* principal = tokens_.find(token->get<std::string>());
  if (!principal) return error_response(status::kUnauthorized, "unauthorized", "the token is not valid");
  auto [id, session] = sessions_.open(*principal);
  ApiResponse response = me(Caller{principal, AuthKind::kSession, session.csrf});
  response.headers.emplace_back("Set-Cookie", set_cookie(id, sessions_.lifetime(), request.over_tls));
  return response;
}

ApiResponse SignIn::close_session(const ApiRequest& request) {
  if (auto id = cookie_value(request.cookie, kSessionCookie)) {
    // Only the session's own pages may sign it out: another site could otherwise end it at will.
    auto session = sessions_.find(*id);
    if (session && (!same_origin(request) || request.csrf_token != session->csrf))
      return csrf_refused("signing out needs the session's X-CSRF-Token");
    sessions_.close(*id);
  }
  ApiResponse response{status::kNoContent, "application/json", "", 0, {}};
  response.headers.emplace_back("Set-Cookie", set_cookie("", std::chrono::seconds(0), request.over_tls));
  return response;
}

std::string SignIn::set_cookie(const std::string& value, std::chrono::seconds max_age, bool over_tls) const {
  return fmt::format("{}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Strict{}", kSessionCookie, value, max_age.count(),
                     secure_cookies_ || over_tls ? "; Secure" : "");
}

std::string SignIn::proxy_csrf(const std::string& user) {
  std::lock_guard lock(proxy_mu_);
  auto& csrf = proxy_csrf_[user];
  if (csrf.empty()) csrf = random_hex(32);
  return csrf;
}

}  // namespace mentorflow::api
