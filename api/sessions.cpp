#include "api/sessions.hpp"

#include <fmt/core.h>
#include <openssl/rand.h>

#include <vector>

namespace mentorflow::api {

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) return {};
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char b : raw) out += fmt::format("{:02x}", b);
  return out;
}

std::pair<std::string, BrowserSession> SessionTable::open(const Principal& principal) {
  BrowserSession session{&principal, random_hex(32), std::chrono::steady_clock::now() + lifetime_};
  std::string id = random_hex(32);
  std::lock_guard lock(mu_);
  // Expired sessions are dropped as new ones open, so the table holds only live ones.
  std::erase_if(by_id_, [now = std::chrono::steady_clock::now()](const auto& e) { return e.second.expires <= now; });
  by_id_[id] = session;
  return {std::move(id), std::move(session)};
}

std::optional<BrowserSession> SessionTable::find(std::string_view id) {
  std::lock_guard lock(mu_);
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  if (it->second.expires <= std::chrono::steady_clock::now()) {
    by_id_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void SessionTable::close(std::string_view id) {
  std::lock_guard lock(mu_);
  by_id_.erase(std::string(id));
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

}  // namespace mentorflow::api
