#include "api/attachment.hpp"

#include <fmt/core.h>

#include <cctype>

#include "api/api_error.hpp"

namespace mentorflow::api {
namespace {

// Bytes a quoted-string holds as they are, and those an RFC 8187 value does (attr-char).
bool plain_ascii(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }
bool attr_char(unsigned char c) {
  return std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

std::string content_disposition(std::string_view file) {
  std::string ascii, encoded;
  for (char ch : file) {
    const auto c = static_cast<unsigned char>(ch);
    if (plain_ascii(c)) ascii += ch;
    else if (c < 0x80 || c >= 0xc0) ascii += '_';  // a control byte, a quote, or a character's first byte
    encoded += attr_char(c) ? std::string(1, ch) : fmt::format("%{:02X}", c);
  }
  if (ascii == file) return fmt::format("attachment; filename=\"{}\"", ascii);
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

ApiResponse attachment(std::string content_type, std::string body, std::string_view file) {
  ApiResponse r{status::kOk, std::move(content_type), std::move(body), 0, {}};
  r.headers.emplace_back("Content-Disposition", content_disposition(file));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace mentorflow::api
