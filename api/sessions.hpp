#pragma once
// Browser sessions (docs/API.md, "Sessions and sign-in"): signing in with a token opens a session
// whose random id travels in an HttpOnly, SameSite=Strict cookie; its CSRF token must come back in
// the X-CSRF-Token header of every request that writes. Sessions live in the server's memory and
// expire a fixed time after sign-in (time from the steady clock, never the engine's clock, which a
// rehearsal may hold still); a restart signs everyone out.
//
// Thread-safe: every worker opens, finds and closes sessions at once.
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "api/tokens.hpp"

namespace mentorflow::api {

// The cookie that carries a session id.
inline constexpr std::string_view kSessionCookie = "mf_session";

struct BrowserSession {
  const Principal* principal = nullptr;  // in the server's token table, which outlives it
  std::string csrf;                      // 64 hex digits
  std::chrono::steady_clock::time_point expires;
};

class SessionTable {
 public:
  explicit SessionTable(std::chrono::seconds lifetime) : lifetime_(lifetime) {}

  // A new session for `principal` (not owned; must outlive the table): its id and the session.
  std::pair<std::string, BrowserSession> open(const Principal& principal);
  // The live session with this id; expired ones are forgotten.
  std::optional<BrowserSession> find(std::string_view id);
  void close(std::string_view id);
  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  const std::chrono::seconds lifetime_;
  std::mutex mu_;  // guards by_id_
  std::unordered_map<std::string, BrowserSession> by_id_;
};

// 2 * `bytes` hex digits from OpenSSL's random generator.
std::string random_hex(std::size_t bytes);

// The value of cookie `name` in a Cookie header ("a=1; mf_session=abc"), if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

}  // namespace mentorflow::api
