#include "engine/certificates/certificate_encoding.hpp"

#include <array>
#include <map>

namespace mentorflow::engine::certificates {
namespace {

// The Unicode code points WinAnsiEncoding places at 0x80-0x9F.
const std::map<char32_t, char>& winansi_extras() {
  static const std::map<char32_t, char> table = {
      {0x20AC, '\x80'}, {0x201A, '\x82'}, {0x0192, '\x83'}, {0x201E, '\x84'}, {0x2026, '\x85'}, {0x2020, '\x86'},
      {0x2021, '\x87'}, {0x02C6, '\x88'}, {0x2030, '\x89'}, {0x0160, '\x8A'}, {0x2039, '\x8B'}, {0x0152, '\x8C'},
      {0x017D, '\x8E'}, {0x2018, '\x91'}, {0x2019, '\x92'}, {0x201C, '\x93'}, {0x201D, '\x94'}, {0x2022, '\x95'},
      {0x2013, '\x96'}, {0x2014, '\x97'}, {0x02DC, '\x98'}, {0x2122, '\x99'}, {0x0161, '\x9A'}, {0x203A, '\x9B'},
      {0x0153, '\x9C'}, {0x017E, '\x9E'}, {0x0178, '\x9F'}};
  return table;
}

// Calls `visit` with each code point of `utf8`, or nullopt for a broken sequence (a bad or cut
// lead byte: one byte skipped; a bad continuation: the whole sequence skipped). The stepping is
// part of layouts 1 and 2, which print each nullopt as '?'.
template <class Visit>
void each_code_point(std::string_view utf8, Visit visit) {
  for (std::size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
    if (extra < 0 || i + extra >= utf8.size() + (extra == 0 ? 1 : 0)) {
      visit(std::optional<char32_t>());
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? b : b & (0x3F >> extra);
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      const auto c = static_cast<unsigned char>(utf8[i + k]);
      valid = valid && (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    i += extra + 1;
    visit(valid ? std::optional(cp) : std::nullopt);
  }
}

// The Unicode code points ISO 8859-2 places at 0xA0-0xFF (below 0xA0 it is ASCII).
constexpr std::array<char16_t, 96> kLatin2Upper = {
      0x00A0, 0x0104, 0x02D8, 0x0141, 0x00A4, 0x013D, 0x015A, 0x00A7,
      0x00A8, 0x0160, 0x015E, 0x0164, 0x0179, 0x00AD, 0x017D, 0x017B,
      0x00B0, 0x0105, 0x02DB, 0x0142, 0x00B4, 0x013E, 0x015B, 0x02C7,
      0x00B8, 0x0161, 0x015F, 0x0165, 0x017A, 0x02DD, 0x017E, 0x017C,
      0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,
      0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
      0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,
      0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
      0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7,
      0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
      0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,
      0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
};

std::optional<char> winansi_byte(char32_t cp) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) return static_cast<char>(cp);
  if (auto it = winansi_extras().find(cp); it != winansi_extras().end()) return it->second;
  return std::nullopt;
}

std::optional<char> latin2_byte(char32_t cp) {
  if (cp < 0x80) return static_cast<char>(cp);
  for (std::size_t i = 0; i < kLatin2Upper.size(); ++i)
    if (kLatin2Upper[i] == cp) return static_cast<char>(0xA0 + i);
  return std::nullopt;
}

}  // namespace

const char* pdf_encoding_name(PdfEncoding encoding) {
  return encoding == PdfEncoding::kWinAnsi ? "WinAnsiEncoding" : "ISO8859-2";
}

std::optional<std::string> encode_for_pdf(std::string_view utf8, PdfEncoding encoding) {
  std::string out;
  bool whole = true;
  each_code_point(utf8, [&](std::optional<char32_t> cp) {
    const auto byte = !cp ? std::nullopt : encoding == PdfEncoding::kWinAnsi ? winansi_byte(*cp) : latin2_byte(*cp);
    if (byte) out += *byte;
    whole = whole && byte.has_value();
  });
  if (!whole) return std::nullopt;
  return out;
}

std::string to_winansi(std::string_view utf8) {
  std::string out;
  each_code_point(utf8, [&](std::optional<char32_t> cp) { out += (cp ? winansi_byte(*cp) : std::nullopt).value_or('?'); });
  return out;
}

std::string to_pdf_utf8(std::string_view utf8) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  each_code_point(utf8, [&](std::optional<char32_t> cp) {
    if (!cp || *cp > 0xFFFF || *cp < 0x20 || (*cp >= 0x7F && *cp < 0xA0) || (*cp >= 0xD800 && *cp <= 0xDFFF)) {
      out += kReplacement;
    } else if (*cp < 0x80) {
      out += static_cast<char>(*cp);
    } else if (*cp < 0x800) {
      out += static_cast<char>(0xC0 | (*cp >> 6));
      out += static_cast<char>(0x80 | (*cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (*cp >> 12));
      out += static_cast<char>(0x80 | ((*cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (*cp & 0x3F));
    }
  });
  return out;
}

}  // namespace mentorflow::engine::certificates
