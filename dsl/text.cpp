#include "dsl/text.hpp"

namespace mentorflow::dsl {

const std::string* Text::in(std::string_view language) const {
  for (const auto& [code, text] : variants)
    if (code == language) return &text;
  return variants.empty() ? nullptr : &variants.front().second;
}

const std::string& Text::first() const {
  static const std::string none;
  return variants.empty() ? none : variants.front().second;
}

bool is_white_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_blank(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? lead : lead & (0x7F >> n);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (!is_white_space(c)) return false;
    i += n;
  }
  return true;
}

}  // namespace mentorflow::dsl
