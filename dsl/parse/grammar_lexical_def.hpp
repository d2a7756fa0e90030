#pragma once
// Lexical rules: names, keywords' reserved words, and literals. docs/LANGUAGE.md, "Lexical
// structure". Included by dsl/parse/grammar_expr_def.hpp only.
//
// Ambiguities settled here: `2021-10-07` is a date (never a subtraction); `6..8` is 6, '..', 8
// (a number needs a digit after its dot); `1week` is a duration and `1weekly` an error (a number
// runs into no letter); `A1`..`C2` are CEFR levels, never names.
#include <boost/spirit/home/x3.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include "dsl/parse/ast.hpp"
#include "dsl/parse/ast_adapted.hpp"
#include "dsl/parse/error_handler.hpp"
#include "dsl/parse/parser_directives.hpp"
#include "dsl/parse/parser_tokens.hpp"

namespace mentorflow::dsl::grammar {

namespace x3 = boost::spirit::x3;
namespace ascii = x3::ascii;

// A parser that never matches: after it, `>` always reports its label.
auto const never = !x3::eps;

auto const ident_char = ascii::alnum | x3::lit('_');

inline x3::symbols<> make_reserved() {
  x3::symbols<> words;
  for (std::string_view w : reserved_words()) words.add(std::string(w));
  return words;
}
inline x3::symbols<> const reserved = make_reserved();
auto const reserved_word = x3::lexeme[reserved >> !ident_char];

// ---- names ---------------------------------------------------------------------------------------
// IDENT := (letter | '_') (letter | digit | '_')*        (not a reserved word)
x3::rule<class name_text_class, std::string> const name_text = "a name";
auto const name_text_def = x3::lexeme[!reserved_word >> (ascii::alpha | x3::char_('_')) >> *(ascii::alnum | x3::char_('_'))];

// identifier := IDENT        (with its span)
struct identifier_class : annotate {};
x3::rule<identifier_class, ast::Identifier> const identifier = "a name";
auto const identifier_def = name_text;

// ---- text ----------------------------------------------------------------------------------------
x3::symbols<char> const escapes({{"\"", '"'}, {"\\", '\\'}, {"n", '\n'}});

// TEXT := '"' (char | '\"' | '\\' | '\n')* '"'        (on one line; the characters, escapes undone)
x3::rule<class text_chars_class, std::string> const text_chars = "a text in double quotes";
auto const text_chars_def =
    x3::lexeme['"' > *(('\\' > label(escapes, "an escape (\\\" \\\\ or \\n) after '\\'")) |
                       (x3::standard::char_ - '"' - '\\' - x3::eol)) > label('"', "'\"' to close the text")];

// text_lit := TEXT        (with its span)
struct text_lit_class : annotate {};
x3::rule<text_lit_class, ast::TextLit> const text_lit = "a text in double quotes";
auto const text_lit_def = text_chars;

// A human text with its variants in other languages (docs/LANGUAGE.md, "Labels, help and
// languages"). A variant's marker is two letters followed by a text, which nothing else in the
// grammar is where a human text may end; the checker knows which codes exist.
// human_text := TEXT (LANG TEXT)*          LANG := letter letter
x3::rule<class language_marker_text_class, std::string> const language_marker_text = "a language code";
auto const language_marker_text_def = x3::lexeme[ascii::alpha >> ascii::alpha >> !ident_char];
struct language_marker_class : annotate {};
x3::rule<language_marker_class, ast::Identifier> const language_marker = "a language code";
auto const language_marker_def = language_marker_text;

struct text_variant_class : annotate {};
x3::rule<text_variant_class, ast::TextVariant> const text_variant = "a text in another language";
auto const text_variant_def = (language_marker >> &x3::lit('"')) >> text_lit;

struct human_text_class : annotate {};
x3::rule<human_text_class, ast::Text> const human_text = "a text in double quotes";
auto const human_text_def = text_lit >> *text_variant;

// LANGUAGE := letter (letter | digit | _ | -)*      in `languages`: any word, so that `italian`
// or `en-GB` is told the code it should be rather than rejected as a syntax error; a reserved word
// only of two letters (`to` is Tonga's code, `or` Odia's)
x3::rule<class language_code_text_class, std::string> const language_code_text = "a language code";
auto const language_code_text_def =
    x3::lexeme[(&(ascii::alpha >> ascii::alpha >> !ident_char) | (!reserved_word)) >> ascii::alpha >>
               *(ascii::alnum | x3::char_('_') | x3::char_('-'))];
struct language_code_class : annotate {};
x3::rule<language_code_class, ast::Identifier> const language_code = "a language code";
auto const language_code_def = language_code_text;

// ---- numbers, durations, dates -------------------------------------------------------------------
x3::uint_parser<std::int64_t> const int64_digits;
x3::uint_parser<int, 10, 4, 4> const four_digits;
x3::uint_parser<int, 10, 2, 2> const two_digits;
x3::uint_parser<int, 10, 1, 2> const one_or_two_digits;

// INT := digit+        (running into no letter or '_')
struct int_lit_class : annotate {};
x3::rule<int_lit_class, ast::IntLit> const int_lit = "an integer";
auto const int_lit_def = x3::lexeme[int64_digits >> !ident_char];

// A decimal is digits '.' digits: no exponent, no leading or trailing dot, no nan or inf.
struct decimal_policies : x3::ureal_policies<double> {
  static bool const allow_leading_dot = false;
  static bool const allow_trailing_dot = false;
  static bool const expect_dot = true;
  template <typename Iterator>
  static bool parse_exp(Iterator&, Iterator const&) {
    return false;
  }
  template <typename Iterator, typename Attribute>
  static bool parse_nan(Iterator&, Iterator const&, Attribute&) {
    return false;
  }
  template <typename Iterator, typename Attribute>
  static bool parse_inf(Iterator&, Iterator const&, Attribute&) {
    return false;
  }
};
x3::real_parser<double, decimal_policies> const decimal_digits;

// NUMBER := digit+ '.' digit+        (no exponent, no nan or inf)
struct number_lit_class : annotate {};
x3::rule<number_lit_class, ast::NumberLit> const number_lit = "a number";
auto const number_lit_def = x3::lexeme[&(+ascii::digit >> '.' >> ascii::digit) >> decimal_digits >> !ident_char];

x3::symbols<std::string> const duration_units({{"min", "min"},
                                               {"h", "h"},
                                               {"d", "d"},
                                               {"day", "day"},
                                               {"days", "days"},
                                               {"w", "w"},
                                               {"week", "week"},
                                               {"weeks", "weeks"}});

// DURATION := digit+ ('min' | 'h' | 'd' | 'day' | 'days' | 'w' | 'week' | 'weeks')
struct duration_lit_class : annotate {};
x3::rule<duration_lit_class, ast::DurationLit> const duration_lit = "a duration";
auto const duration_lit_def = x3::lexeme[int64_digits >> duration_units >> !ident_char];

// DATE := digit digit digit digit '-' digit digit '-' digit digit
struct date_lit_class : annotate {};
x3::rule<date_lit_class, ast::DateLit> const date_lit = "a date";
auto const date_lit_def = x3::lexeme[four_digits >> '-' >> two_digits >> '-' >> two_digits >> !ident_char];

// ZONE := an IANA name such as Europe/Rome, or UTC
x3::rule<class zone_class, std::string> const zone = "a time zone";
auto const zone_def =
    x3::lexeme[!reserved_word >> ascii::alpha >> *(ascii::alnum | x3::char_('_') | x3::char_('/') | x3::char_('+') |
                                                   x3::char_('-'))];

// DATETIME := DATE HH:MM ZONE — the zone is required: a deadline is read in one place and run in another
struct datetime_lit_class : annotate {};
x3::rule<datetime_lit_class, ast::DateTimeLit> const datetime_lit = "a date-time";
auto const datetime_lit_def = (date_lit >> x3::lexeme[one_or_two_digits >> ':' >> two_digits >> !ident_char]) >
                              label(zone, "a time zone such as Europe/Rome or UTC after the time");

// Digits running into letters: a duration with an unknown unit (`3hours`), or a number too large.
auto const bad_number = (x3::omit[x3::lexeme[+ascii::digit >> &(ascii::alpha | '_')]] >
                         label(never, "a duration unit: min, h, d, day(s) or w, week(s)")) |
                        (&ascii::digit > label(never, "!this number is too large (the largest is 9223372036854775807)"));

// ---- CEFR levels and booleans --------------------------------------------------------------------
x3::symbols<std::string> const cefr_levels(
    {{"A1", "A1"}, {"A2", "A2"}, {"B1", "B1"}, {"B2", "B2"}, {"C1", "C1"}, {"C2", "C2"}});

// CEFR := 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2'
struct cefr_lit_class : annotate {};
x3::rule<cefr_lit_class, ast::CefrLit> const cefr_lit = "a CEFR level";
auto const cefr_lit_def = x3::lexeme[cefr_levels >> !ident_char];

// BOOL := 'true' | 'false'
struct bool_lit_class : annotate {};
x3::rule<bool_lit_class, ast::BoolLit> const bool_lit = "true or false";
auto const bool_lit_def = (kw("true") >> x3::attr(true)) | (kw("false") >> x3::attr(false));

BOOST_SPIRIT_DEFINE(name_text, identifier, text_chars, text_lit, language_marker_text, language_marker, text_variant,
                    human_text, language_code_text, language_code, int_lit, number_lit, duration_lit, date_lit, zone,
                    datetime_lit, cefr_lit, bool_lit)

}  // namespace mentorflow::dsl::grammar
