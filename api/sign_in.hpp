#pragma once
// Who is calling (docs/API.md, "Sign-in"): a bearer token, a browser session opened with a token,
// or, in single sign-on mode, the user a trusted reverse proxy names in a header. Requests that
// write and come from a browser (a session or the proxy) must also carry the caller's CSRF token
// in X-CSRF-Token, and an Origin, when sent, must be this server's: a page of another site can make
// a browser send the cookie, never read the token. Thread-safe.
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "api/http_message.hpp"
#include "api/sessions.hpp"
#include "api/tokens.hpp"
#include "api/users.hpp"

namespace mentorflow::api {

enum class AuthKind { kToken, kSession, kProxy };

struct Caller {
  const Principal* principal = nullptr;
  AuthKind kind = AuthKind::kToken;
  std::string csrf;  // for kSession and kProxy: what X-CSRF-Token must hold
};

// Single sign-on through a reverse proxy on the same machine.
struct ProxySignIn {
  std::string user_header;    // "X-Remote-User"; empty: no single sign-on
  std::string trusted_proxy;  // the proxy's address: the only one whose user header is believed
  const UserTable* users = nullptr;
};

class SignIn {
 public:
  // `tokens` and `proxy.users` are not owned and must outlive this.
  SignIn(const TokenTable& tokens, ProxySignIn proxy, std::chrono::seconds session_lifetime, bool secure_cookies);

  // The caller of `request`, or nullopt with `error` filled: 401 without credentials or with a
  // token, session or user that is not known (or expired), 403 `forbidden` for a user header from
  // anyone but the proxy, 403 `csrf` for a browser's write without its CSRF token or from another
  // origin.
  std::optional<Caller> identify(const ApiRequest& request, bool writes, ApiResponse& error);

  // POST /v1/session: a token's session; `me` is what the response's body says of the caller.
  // DELETE /v1/session: the cookie's session closed and the cookie cleared.
  ApiResponse open_session(const ApiRequest& request, const std::function<ApiResponse(const Caller&)>& me);
  ApiResponse close_session(const ApiRequest& request);

  bool single_sign_on() const { return !proxy_.user_header.empty(); }

 private:
  std::string set_cookie(const std::string& value, std::chrono::seconds max_age, bool over_tls) const;
  std::string proxy_csrf(const std::string& user);

  const TokenTable& tokens_;
  const ProxySignIn proxy_;
  const bool secure_cookies_;
  SessionTable sessions_;
  std::mutex proxy_mu_;  // guards proxy_csrf_
  std::unordered_map<std::string, std::string> proxy_csrf_;  // user -> CSRF token, made at first sight
};

}  // namespace mentorflow::api
