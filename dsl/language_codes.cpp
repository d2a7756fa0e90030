#include "dsl/language_codes.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace mentorflow::dsl {

namespace {

// Generated from /usr/share/iso-codes/json/iso_639-2.json (Debian's iso-codes): the entries with
// an alpha_2 code. tests/dsl/text_test.cpp compares it with that file where it is installed.
constexpr std::array<LanguageCode, 184> kCodes = {{
    {"aa", "aar", "", "Afar"},
    {"ab", "abk", "", "Abkhazian"},
    {"ae", "ave", "", "Avestan"},
    {"af", "afr", "", "Afrikaans"},
    {"ak", "aka", "", "Akan"},
    {"am", "amh", "", "Amharic"},
    {"an", "arg", "", "Aragonese"},
    {"ar", "ara", "", "Arabic"},
    {"as", "asm", "", "Assamese"},
    {"av", "ava", "", "Avaric"},
    {"ay", "aym", "", "Aymara"},
    {"az", "aze", "", "Azerbaijani"},
    {"ba", "bak", "", "Bashkir"},
    {"be", "bel", "", "Belarusian"},
    {"bg", "bul", "", "Bulgarian"},
    {"bh", "bih", "", "Bihari languages"},
    {"bi", "bis", "", "Bislama"},
    {"bm", "bam", "", "Bambara"},
    {"bn", "ben", "", "Bengali"},
    {"bo", "bod", "tib", "Tibetan"},
    {"br", "bre", "", "Breton"},
    {"bs", "bos", "", "Bosnian"},
    {"ca", "cat", "", "Catalan|Valencian"},
    {"ce", "che", "", "Chechen"},
    {"ch", "cha", "", "Chamorro"},
    {"co", "cos", "", "Corsican"},
    {"cr", "cre", "", "Cree"},
    {"cs", "ces", "cze", "Czech"},
    {"cu", "chu", "", "Church Slavic|Old Slavonic|Church Slavonic|Old Bulgarian|Old Church Slavonic"},
    {"cv", "chv", "", "Chuvash"},
    {"cy", "cym", "wel", "Welsh"},
    {"da", "dan", "", "Danish"},
    {"de", "deu", "ger", "German"},
    {"dv", "div", "", "Divehi|Dhivehi|Maldivian"},
    {"dz", "dzo", "", "Dzongkha"},
    {"ee", "ewe", "", "Ewe"},
    {"el", "ell", "gre", "Greek|Modern Greek"},
    {"en", "eng", "", "English"},
    {"eo", "epo", "", "Esperanto"},
    {"es", "spa", "", "Spanish|Castilian"},
    {"et", "est", "", "Estonian"},
    {"eu", "eus", "baq", "Basque"},
    {"fa", "fas", "per", "Persian"},
    {"ff", "ful", "", "Fulah"},
    {"fi", "fin", "", "Finnish"},
    {"fj", "fij", "", "Fijian"},
    {"fo", "fao", "", "Faroese"},
    {"fr", "fra", "fre", "French"},
    {"fy", "fry", "", "Western Frisian"},
    {"ga", "gle", "", "Irish"},
    {"gd", "gla", "", "Gaelic|Scottish Gaelic"},
    {"gl", "glg", "", "Galician"},
    {"gn", "grn", "", "Guarani"},
    {"gu", "guj", "", "Gujarati"},
    {"gv", "glv", "", "Manx"},
    {"ha", "hau", "", "Hausa"},
    {"he", "heb", "", "Hebrew"},
    {"hi", "hin", "", "Hindi"},
    {"ho", "hmo", "", "Hiri Motu"},
    {"hr", "hrv", "", "Croatian"},
    {"ht", "hat", "", "Haitian|Haitian Creole"},
    {"hu", "hun", "", "Hungarian"},
    {"hy", "hye", "arm", "Armenian"},
    {"hz", "her", "", "Herero"},
    {"ia", "ina", "", "Interlingua"},
    {"id", "ind", "", "Indonesian"},
    {"ie", "ile", "", "Interlingue|Occidental"},
    {"ig", "ibo", "", "Igbo"},
    {"ii", "iii", "", "Sichuan Yi|Nuosu"},
    {"ik", "ipk", "", "Inupiaq"},
    {"io", "ido", "", "Ido"},
    {"is", "isl", "ice", "Icelandic"},
    {"it", "ita", "", "Italian"},
    {"iu", "iku", "", "Inuktitut"},
    {"ja", "jpn", "", "Japanese"},
    {"jv", "jav", "", "Javanese"},
    {"ka", "kat", "geo", "Georgian"},
    {"kg", "kon", "", "Kongo"},
    {"ki", "kik", "", "Kikuyu|Gikuyu"},
    {"kj", "kua", "", "Kuanyama|Kwanyama"},
    {"kk", "kaz", "", "Kazakh"},
    {"kl", "kal", "", "Kalaallisut|Greenlandic"},
    {"km", "khm", "", "Central Khmer"},
    {"kn", "kan", "", "Kannada"},
    {"ko", "kor", "", "Korean"},
    {"kr", "kau", "", "Kanuri"},
    {"ks", "kas", "", "Kashmiri"},
    {"ku", "kur", "", "Kurdish"},
    {"kv", "kom", "", "Komi"},
    {"kw", "cor", "", "Cornish"},
    {"ky", "kir", "", "Kirghiz|Kyrgyz"},
    {"la", "lat", "", "Latin"},
    {"lb", "ltz", "", "Luxembourgish|Letzeburgesch"},
    {"lg", "lug", "", "Ganda"},
    {"li", "lim", "", "Limburgan|Limburger|Limburgish"},
    {"ln", "lin", "", "Lingala"},
    {"lo", "lao", "", "Lao"},
    {"lt", "lit", "", "Lithuanian"},
    {"lu", "lub", "", "Luba-Katanga"},
    {"lv", "lav", "", "Latvian"},
    {"mg", "mlg", "", "Malagasy"},
    {"mh", "mah", "", "Marshallese"},
    {"mi", "mri", "mao", "Maori"},
    {"mk", "mkd", "mac", "Macedonian"},
    {"ml", "mal", "", "Malayalam"},
    {"mn", "mon", "", "Mongolian"},
    {"mr", "mar", "", "Marathi"},
    {"ms", "msa", "may", "Malay"},
    {"mt", "mlt", "", "Maltese"},
    {"my", "mya", "bur", "Burmese"},
    {"na", "nau", "", "Nauru"},
    {"nb", "nob", "", "Bokmål|Norwegian Bokmål"},
    {"nd", "nde", "", "Ndebele|North Ndebele"},
    {"ne", "nep", "", "Nepali"},
    {"ng", "ndo", "", "Ndonga"},
    {"nl", "nld", "dut", "Dutch|Flemish"},
    {"nn", "nno", "", "Norwegian Nynorsk|Nynorsk"},
    {"no", "nor", "", "Norwegian"},
    {"nr", "nbl", "", "Ndebele|South Ndebele"},
    {"nv", "nav", "", "Navajo|Navaho"},
    {"ny", "nya", "", "Chichewa|Chewa|Nyanja"},
    {"oc", "oci", "", "Occitan|Provençal"},
    {"oj", "oji", "", "Ojibwa"},
    {"om", "orm", "", "Oromo"},
    {"or", "ori", "", "Oriya"},
    {"os", "oss", "", "Ossetian|Ossetic"},
    {"pa", "pan", "", "Panjabi|Punjabi"},
    {"pi", "pli", "", "Pali"},
    {"pl", "pol", "", "Polish"},
    {"ps", "pus", "", "Pushto|Pashto"},
    {"pt", "por", "", "Portuguese"},
    {"qu", "que", "", "Quechua"},
    {"rm", "roh", "", "Romansh"},
    {"rn", "run", "", "Rundi"},
    {"ro", "ron", "rum", "Romanian|Moldavian|Moldovan"},
    {"ru", "rus", "", "Russian"},
    {"rw", "kin", "", "Kinyarwanda"},
    {"sa", "san", "", "Sanskrit"},
    {"sc", "srd", "", "Sardinian"},
    {"sd", "snd", "", "Sindhi"},
    {"se", "sme", "", "Northern Sami"},
    {"sg", "sag", "", "Sango"},
    {"si", "sin", "", "Sinhala|Sinhalese"},
    {"sk", "slk", "slo", "Slovak"},
    {"sl", "slv", "", "Slovenian"},
    {"sm", "smo", "", "Samoan"},
    {"sn", "sna", "", "Shona"},
    {"so", "som", "", "Somali"},
    {"sq", "sqi", "alb", "Albanian"},
    {"sr", "srp", "", "Serbian"},
    {"ss", "ssw", "", "Swati"},
    {"st", "sot", "", "Sotho|Southern Sotho"},
    {"su", "sun", "", "Sundanese"},
    {"sv", "swe", "", "Swedish"},
    {"sw", "swa", "", "Swahili"},
    {"ta", "tam", "", "Tamil"},
    {"te", "tel", "", "Telugu"},
    {"tg", "tgk", "", "Tajik"},
    {"th", "tha", "", "Thai"},
    {"ti", "tir", "", "Tigrinya"},
    {"tk", "tuk", "", "Turkmen"},
    {"tl", "tgl", "", "Tagalog"},
    {"tn", "tsn", "", "Tswana"},
    {"to", "ton", "", "Tonga"},
    {"tr", "tur", "", "Turkish"},
    {"ts", "tso", "", "Tsonga"},
    {"tt", "tat", "", "Tatar"},
    {"tw", "twi", "", "Twi"},
    {"ty", "tah", "", "Tahitian"},
    {"ug", "uig", "", "Uighur|Uyghur"},
    {"uk", "ukr", "", "Ukrainian"},
    {"ur", "urd", "", "Urdu"},
    {"uz", "uzb", "", "Uzbek"},
    {"ve", "ven", "", "Venda"},
    {"vi", "vie", "", "Vietnamese"},
    {"vo", "vol", "", "Volapük"},
    {"wa", "wln", "", "Walloon"},
    {"wo", "wol", "", "Wolof"},
    {"xh", "xho", "", "Xhosa"},
    {"yi", "yid", "", "Yiddish"},
    {"yo", "yor", "", "Yoruba"},
    {"za", "zha", "", "Zhuang|Chuang"},
    {"zh", "zho", "chi", "Chinese"},
    {"zu", "zul", "", "Zulu"},
}};

// Codes designers write for a language that are not its ISO 639-1 code: countries' codes
// (Japan, China, Greece, the Czech Republic, Denmark, Ukraine, the United Kingdom, the United
// States, Vietnam) and codes ISO 639-1 withdrew (Hebrew, Indonesian, Yiddish).
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kMistaken = {{
    {"jp", "ja"}, {"cn", "zh"}, {"gr", "el"}, {"cz", "cs"}, {"dk", "da"}, {"ua", "uk"},
    {"gb", "en"}, {"us", "en"}, {"vn", "vi"}, {"iw", "he"}, {"in", "id"}, {"ji", "yi"}}};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::span<const LanguageCode> language_codes() { return kCodes; }

bool is_language_code(std::string_view code) {
  const auto it = std::lower_bound(kCodes.begin(), kCodes.end(), code,
                                   [](const LanguageCode& l, std::string_view c) { return l.code < c; });
  return it != kCodes.end() && it->code == code;
}

std::optional<std::string> language_code_for(std::string_view word) {
  const std::string w = lower(word);
  if (is_language_code(w)) return w;
  if (const auto cut = w.find_first_of("-_"); cut != std::string::npos && is_language_code(w.substr(0, cut)))
    return w.substr(0, cut);
  for (const auto& [mistaken, meant] : kMistaken)
    if (w == mistaken) return std::string(meant);
  for (const LanguageCode& l : kCodes)
    if (w == l.alpha3 || w == l.bibliographic) return std::string(l.code);
  for (const LanguageCode& l : kCodes) {
    std::string_view names = l.names;
    while (!names.empty()) {
      const auto bar = names.find('|');
      if (lower(names.substr(0, bar)) == w) return std::string(l.code);
      names = bar == std::string_view::npos ? std::string_view() : names.substr(bar + 1);
    }
  }
  return std::nullopt;
}

}  // namespace mentorflow::dsl
