#pragma once
// Text from outside shown to a person (history, refusals, logs): control characters are written
// as escapes, so that a user name or a free-text input cannot forge a line or drive a terminal
// (an ANSI escape sequence). JSON output never goes through here: it is exact, and JSON escapes
// its own control characters.
#include <cstdio>
#include <string>
#include <string_view>

namespace mentorflow {

// True when `text` holds a C0 control character (U+0000..U+001F), DEL or a C1 control character
// (U+0080..U+009F, as UTF-8): what ids and user names may not hold.
inline bool has_control_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0 &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80)
      return true;
  }
  return false;
}

// How many characters (code points) the UTF-8 `text` holds: its bytes that do not continue one.
inline std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

// `text` with each control character written as an escape: \n, \r, \t, else \xHH for C0 and
// DEL, \u{HH} for C1 (e.g. ESC becomes \x1b). Everything else, other UTF-8 included, is kept.
inline std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char escape[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      std::snprintf(escape, sizeof escape, "\\x%02x", c);
      out += escape;
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) < 0xa0) {
      std::snprintf(escape, sizeof escape, "\\u{%02x}", static_cast<unsigned char>(text[i + 1]));
      out += escape;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace mentorflow
