#include "dsl/parse/parser_state.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>

#include "dsl/parse/parser_tokens.hpp"

namespace mentorflow::dsl {

namespace {

constexpr std::array<std::string_view, 9> kWorkflowItems = {"participants", "auditors", "privacy", "param", "enum",
                                                            "rule",         "table",    "case",    "cohort"};
constexpr std::array<std::string_view, 9> kCaseItems = {"party", "personal", "field", "document", "counter",
                                                        "state", "command", "timer", "output"};
constexpr std::array<std::string_view, 6> kRulesItems = {"set", "let", "zone", "retention", "rule", "table"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// Whether `tok` begins a declaration of `level` or of a level around it. `staff` is also the name
// of a role (`by staff`) and `languages` may be a name, so they count only at the start of a line,
// where `staff staff` and `languages en, it` stand.
bool is_sync_word(std::string_view text, const Token& tok, SyncLevel level) {
  if (tok.kind != Token::Word) return false;
  const std::string_view w = text.substr(tok.begin, tok.end - tok.begin);
  switch (level) {
    case SyncLevel::Rules:
      return contains(kRulesItems, w);
    case SyncLevel::Case:
      if (contains(kCaseItems, w)) return true;
      [[fallthrough]];
    case SyncLevel::Workflow:
      return contains(kWorkflowItems, w) || ((w == "staff" || w == "languages") && starts_line(text, tok.begin));
  }
  return false;
}

// The column (in bytes) of the first non-blank character of the line holding `pos`.
std::uint32_t indentation(std::string_view text, std::uint32_t pos) {
  std::uint32_t line = pos;
  while (line > 0 && text[line - 1] != '\n') --line;
  std::uint32_t i = line;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i - line;
}

std::string_view token_text(std::string_view text, const Token& tok) {
  return text.substr(tok.begin, tok.end - tok.begin);
}

}  // namespace

void ParseState::report(std::uint32_t decl_begin, std::uint32_t where, std::string_view label,
                        bool decl_is_file_body) {
  const std::string_view text = file_.text();
  if (gave_up()) return;
  const bool first_only = !label.empty() && label.front() == '~';
  if (first_only) label.remove_prefix(1);
  if (first_only && errors_ > 0) return;
  const bool whole = !label.empty() && label.front() == '!';
  const bool at_token = !label.empty() && label.front() == '@';
  if (whole || at_token) label.remove_prefix(1);

  const Token tok = next_token(text, where);
  ast::Span span{tok.begin, tok.end};
  // Something missing at the end of a line is shown where it is missing, not on the next line.
  const std::uint32_t previous_end = end_of_previous_token(text, tok.begin);
  if (!whole && !at_token && crosses_line(text, previous_end, tok.begin)) span = {previous_end, previous_end};
  if (span.begin == last_error_at_) return;  // one error per place: the first says it best
  last_error_at_ = span.begin;
  ++errors_;

  std::string message = whole ? std::string(label) : fmt::format("expected {}", label);
  if (const auto at = message.find("{decl}"); at != std::string::npos)
    message.replace(at, 6, decl_is_file_body ? enclosing_ : describe_declaration(decl_begin));
  Diagnostic& d = diagnostics_.error(file_, span, std::move(message));
  const std::string_view word = token_text(text, tok);
  if (span.begin == tok.begin && tok.kind == Token::Word && is_reserved_word(word) &&
      label.find("name") != std::string_view::npos)
    d.notes.push_back(fmt::format("'{}' is a reserved word and cannot be used as a name", word));
  if (gave_up()) d.notes.push_back(fmt::format("stopped after {} errors; the rest of the file was not read", kMaxErrors));
}

std::uint32_t ParseState::resume(std::uint32_t decl_begin, std::uint32_t where, SyncLevel level) const {
  const std::string_view text = file_.text();
  // Blocks opened since decl_begin (a table's rows, a case's body) are skipped whole. A declaration
  // keyword of the level stops the skip even inside one: no block may hold it, so the block lacks
  // its '}'. So does a '}' opening a line left of the declaration: it closes the enclosing block.
  const std::uint32_t decl_indent = indentation(text, next_token(text, decl_begin).begin);
  int depth = 0;
  bool first = true;
  for (Token tok = next_token(text, decl_begin); tok.kind != Token::End; tok = next_token(text, tok.end)) {
    const bool past_error = !first && tok.begin >= where;
    const std::string_view t = token_text(text, tok);
    first = false;
    if (t == "{") {
      ++depth;
    } else if (t == "}") {
      if (past_error && (depth == 0 || (starts_line(text, tok.begin) && indentation(text, tok.begin) < decl_indent)))
        return tok.begin;
      depth = std::max(depth - 1, 0);
    } else if (past_error && is_sync_word(text, tok, level)) {
      return tok.begin;
    }
  }
  return static_cast<std::uint32_t>(text.size());
}

ast::Span ParseState::hit_policy_span(std::uint32_t after, const std::string& policy) const {
  const std::string_view text = file_.text();
  const Token first = next_token(text, after);
  const Token last = policy.find(' ') == std::string::npos ? first : next_token(text, first.end);
  return {first.begin, last.end};
}

std::string ParseState::describe_declaration(std::uint32_t decl_begin) const {
  const std::string_view text = file_.text();
  const Token kind = next_token(text, decl_begin);
  const Token name = next_token(text, kind.end);
  std::string out(token_text(text, kind));
  if (name.kind == Token::Word) out += fmt::format(" '{}'", token_text(text, name));
  return out;
}

}  // namespace mentorflow::dsl
