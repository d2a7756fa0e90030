#include "api/http_message.hpp"

#include <optional>

#include "base/hex.hpp"

namespace mentorflow::api {
namespace {

// Percent-decoding; '+' means a space only in a query.
std::optional<std::string> decode(std::string_view text, bool query) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && query) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

bool split_target(const std::string& target, std::string& path, std::map<std::string, std::string>& query) {
  if (target.empty() || target[0] != '/') return false;
  const auto question = target.find('?');
  auto decoded = decode(std::string_view(target).substr(0, question), false);
  if (!decoded) return false;
  path = std::move(*decoded);
  if (question == std::string::npos) return true;
  std::string_view rest = std::string_view(target).substr(question + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    auto key = decode(pair.substr(0, eq), true);
    auto value = decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) return false;
    query[*key] = *value;
  }
  return true;
}

}  // namespace mentorflow::api
