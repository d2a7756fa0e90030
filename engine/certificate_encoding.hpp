#pragma once
// Internal to engine/certificate_pdf.cpp: certificate texts (UTF-8) as the one-byte encodings
// PDF's built-in fonts are shown in: WinAnsi (Western European) and, from layout 3, ISO 8859-2
// (Central European: Croatian, Slovenian, Polish, Czech... names).
#include <optional>
#include <string>
#include <string_view>

namespace mentorflow::engine {

enum class PdfEncoding { kWinAnsi, kLatin2 };

// libharu's name of the encoding.
const char* pdf_encoding_name(PdfEncoding encoding);

// The bytes of `utf8` in `encoding`; nullopt when a character has no place there or the text is
// not UTF-8.
std::optional<std::string> encode_for_pdf(std::string_view utf8, PdfEncoding encoding);

// WinAnsi, any character without a place there (or broken UTF-8) as '?': layouts 1 and 2.
std::string to_winansi(std::string_view utf8);

}  // namespace mentorflow::engine
