#pragma once
// A rough tokenizer for what the grammar cannot do itself after a syntax error: find the token a
// diagnostic should underline, and skip to where parsing can resume. The grammar proper
// (dsl/grammar_*_def.hpp) never uses it to parse.
#include <cstdint>
#include <span>
#include <string_view>

namespace mentorflow::dsl {

struct Token {
  enum Kind { Word, Number, Text, Punct, End };
  Kind kind = End;
  std::uint32_t begin = 0, end = 0;  // byte offsets; begin == end == text size at End
};

// The token at or after `pos`, skipping whitespace and `#` comments. Words are letters, digits and
// '_'; numbers run on through letters (`90min`); texts stop at their closing quote or the end of
// the line; operators of two characters (`==` `=>` `..` ...) are one token; a UTF-8 character is one.
Token next_token(std::string_view text, std::uint32_t pos);

// Where the token before `pos` ends: back over whitespace and `#` comments.
std::uint32_t end_of_previous_token(std::string_view text, std::uint32_t pos);

// True when a newline lies in [from, to).
bool crosses_line(std::string_view text, std::uint32_t from, std::uint32_t to);

// True when only blanks precede `pos` on its line.
bool starts_line(std::string_view text, std::uint32_t pos);

// Words that can never be names (docs/LANGUAGE.md, "Lexical structure"), sorted.
std::span<const std::string_view> reserved_words();
bool is_reserved_word(std::string_view word);

}  // namespace mentorflow::dsl
