#pragma once
// The languages a workflow's texts may be written in: the 184 two-letter codes of ISO 639-1
// (as Debian's iso-codes lists them), with their three-letter ISO 639-2 codes and English names,
// so that a designer who writes `ita`, `Italian` or `en-GB` is told the code they meant.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace mentorflow::dsl {

struct LanguageCode {
  std::string_view code;          // ISO 639-1: "it"
  std::string_view alpha3;        // ISO 639-2/T: "ita"
  std::string_view bibliographic; // ISO 639-2/B when it differs ("fre" for French), else ""
  std::string_view names;         // English names, '|' between them: "Spanish|Castilian"
};

// Every ISO 639-1 code, sorted by code.
std::span<const LanguageCode> language_codes();

// True when `code` is an ISO 639-1 code, in lower case as the standard writes it.
bool is_language_code(std::string_view code);

// The ISO 639-1 code a designer plausibly meant by `word`, which is not one: the code in lower
// case (`IT`), the language of a regional tag (`en-GB`, `pt_BR`), a three-letter code (`ita`),
// an English name (`Italian`), a country code often taken for its language (`jp`, `gr`), or a
// withdrawn code (`iw`). nullopt when none fits.
std::optional<std::string> language_code_for(std::string_view word);

}  // namespace mentorflow::dsl
