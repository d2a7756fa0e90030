#include "dsl/parse/parser_tokens.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace mentorflow::dsl {

namespace {

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::uint32_t skip_blanks(std::string_view text, std::uint32_t pos) {
  while (pos < text.size()) {
    if (is_space(text[pos])) {
      ++pos;
    } else if (text[pos] == '#') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
    } else {
      break;
    }
  }
  return pos;
}

constexpr std::array<std::string_view, 66> kReserved = {
    "A1", "A2", "B1", "B2", "C1", "C2", "acceptable", "after", "and", "at", "attach", "auditors", "by",
    "cadence", "case", "cohort", "command", "counter", "create", "decide", "do", "document", "each",
    "else", "enum", "every", "false", "field", "fills", "final", "flag", "for", "from", "if", "in",
    "initial", "input", "issue", "let", "list", "not", "of", "optional", "or", "output", "param",
    "participants", "party", "privacy", "propose", "ranking", "ref", "refuse", "remind", "requires", "rule", "rules",
    "set", "state", "table", "then", "timer", "to", "true", "with", "workflow"};

}  // namespace

std::span<const std::string_view> reserved_words() { return kReserved; }

bool is_reserved_word(std::string_view word) {
  return std::binary_search(kReserved.begin(), kReserved.end(), word);
}

Token next_token(std::string_view text, std::uint32_t pos) {
  const auto size = static_cast<std::uint32_t>(text.size());
  pos = skip_blanks(text, pos);
  if (pos >= size) return {Token::End, size, size};
  const char c = text[pos];
  std::uint32_t end = pos + 1;
  Token::Kind kind = Token::Punct;
  if (c >= '0' && c <= '9') {
    kind = Token::Number;
    while (end < size && is_word_char(text[end])) ++end;
  } else if (is_word_char(c)) {
    kind = Token::Word;
    while (end < size && is_word_char(text[end])) ++end;
  } else if (c == '"') {
    kind = Token::Text;
    while (end < size && text[end] != '"' && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
    end = std::min(end + (end < size && text[end] == '"' ? 1 : 0), size);
  } else if (static_cast<unsigned char>(c) >= 0x80) {
    while (end < size && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  } else if (end < size) {
    static constexpr std::array<std::string_view, 9> kPairs = {"==", "!=", "<=", ">=", "=>", "..", "??", "->", "::"};
    const std::string_view two = text.substr(pos, 2);
    if (std::find(kPairs.begin(), kPairs.end(), two) != kPairs.end()) end = pos + 2;
  }
  return {kind, pos, end};
}

namespace {

// Where the `#` comment on the line of `at` starts, if one covers `at`: the first '#' outside a text.
std::optional<std::uint32_t> comment_covering(std::string_view text, std::uint32_t at) {
  std::uint32_t line = at;
  while (line > 0 && text[line - 1] != '\n') --line;
  bool in_text = false;
  for (std::uint32_t i = line; i <= at; ++i) {
    if (in_text && text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      in_text = !in_text;
    } else if (!in_text && text[i] == '#') {
      return i;
    }
  }
  return std::nullopt;
}

}  // namespace

std::uint32_t end_of_previous_token(std::string_view text, std::uint32_t pos) {
  pos = std::min<std::uint32_t>(pos, static_cast<std::uint32_t>(text.size()));
  for (;;) {
    while (pos > 0 && is_space(text[pos - 1])) --pos;
    if (pos == 0) return 0;
    const auto comment = comment_covering(text, pos - 1);
    if (!comment) return pos;
    pos = *comment;
  }
}

bool crosses_line(std::string_view text, std::uint32_t from, std::uint32_t to) {
  to = std::min<std::uint32_t>(to, static_cast<std::uint32_t>(text.size()));
  return from < to && text.substr(from, to - from).find('\n') != std::string_view::npos;
}

bool starts_line(std::string_view text, std::uint32_t pos) {
  while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t')) --pos;
  return pos == 0 || text[pos - 1] == '\n';
}

}  // namespace mentorflow::dsl
