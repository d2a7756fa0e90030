#pragma once
// Internal to engine/certificates/certificate_pdf.cpp: certificate texts (UTF-8) as the one-byte encodings
// PDF's built-in fonts are shown in: WinAnsi (Western European) and, from layout 3, ISO 8859-2
// (Central European: Croatian, Slovenian, Polish, Czech... names); from layout 4, as the UTF-8
// libharu's embedded fonts take.
#include <optional>
#include <string>
#include <string_view>

namespace mentorflow::engine::certificates {

enum class PdfEncoding { kWinAnsi, kLatin2 };

// libharu's name of the encoding.
const char* pdf_encoding_name(PdfEncoding encoding);

// The bytes of `utf8` in `encoding`; nullopt when a character has no place there or the text is
// not UTF-8.
std::optional<std::string> encode_for_pdf(std::string_view utf8, PdfEncoding encoding);

// WinAnsi, any character without a place there (or broken UTF-8) as '?': layouts 1 and 2.
std::string to_winansi(std::string_view utf8);

// The UTF-8 libharu's UTF-8 encoder can show (layout 4): its codes are 16 bits, so a character
// beyond U+FFFF, a control character or broken UTF-8 becomes U+FFFD, the replacement character.
std::string to_pdf_utf8(std::string_view utf8);

}  // namespace mentorflow::engine::certificates
