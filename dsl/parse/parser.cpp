// Parsing entry points (dsl/parse/parser.hpp): runs the grammar's header and body rules over a file,
// then flattens the expression levels nobody wrote (dsl/parse/parser_flatten.hpp).
#include "dsl/parse/parser.hpp"

#include <boost/spirit/home/x3.hpp>
#include <fmt/core.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/parse/grammar.hpp"
#include "dsl/parse/parser_flatten.hpp"
#include "dsl/parse/parser_state.hpp"
#include "dsl/parse/parser_tokens.hpp"

namespace mentorflow::dsl {

namespace {

namespace x3 = boost::spirit::x3;

// Where the text starts: after a UTF-8 byte order mark, which some editors write.
std::uint32_t text_start(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

// The span of the file's declaration: its first token to its last.
ast::Span file_span(std::string_view text) {
  const Token first = next_token(text, text_start(text));
  std::uint32_t end = first.end;
  for (Token t = first; t.kind != Token::End; t = next_token(text, t.end)) end = t.end;
  return {first.begin, end};
}

void report_wrong_start(const SourceFile& file, Diagnostics& diagnostics, std::string_view expected) {
  const Token first = next_token(file.text(), text_start(file.text()));
  diagnostics.error(file, {first.begin, first.end}, fmt::format("expected {} at the start of the file", expected));
}

// What differs between the two kinds of file.
struct WorkflowKind {
  using File = ast::Workflow;
  using Header = grammar::WorkflowHeader;
  using Item = ast::WorkflowItem;
  static constexpr std::string_view keyword = "'workflow'", unnamed = "the workflow", named = "workflow '{}'";
  static const auto& header_rule() { return grammar::workflow_header_rule(); }
  static const auto& body_rule() { return grammar::workflow_body_rule(); }
  static const std::string& name(const Header& h) { return h.name.name; }
  static File assemble(Header&& h) {
    File f;
    f.name = std::move(h.name);
    f.title = std::move(h.title);
    return f;
  }
};

struct RulesKind {
  using File = ast::RulesFile;
  using Header = grammar::RulesHeader;
  using Item = ast::RulesItem;
  static constexpr std::string_view keyword = "'rules'", unnamed = "the rules", named = "the rules for '{}'";
  static const auto& header_rule() { return grammar::rules_header_rule(); }
  static const auto& body_rule() { return grammar::rules_body_rule(); }
  static const std::string& name(const Header& h) { return h.workflow.name; }
  static File assemble(Header&& h) {
    File f;
    f.workflow = std::move(h.workflow);
    f.edition = std::move(h.edition);
    return f;
  }
};

// Parses the header, then the body after it: an error in the header still lets the body's be found.
template <typename Kind>
std::optional<typename Kind::File> parse_kind(const SourceFile& file, Diagnostics& diagnostics) {
  ParseState state(file, diagnostics);
  auto first = file.text().begin() + text_start(file.text());
  const auto last = file.text().end();
  typename Kind::Header header;
  if (!x3::phrase_parse(first, last, x3::with<grammar::parse_state_tag>(state)[Kind::header_rule()],
                        grammar::skipper, header)) {
    report_wrong_start(file, diagnostics, Kind::keyword);
    return std::nullopt;
  }
  const std::string& name = Kind::name(header);
  state.set_enclosing(name.empty() ? std::string(Kind::unnamed) : fmt::format(fmt::runtime(Kind::named), name));
  std::vector<typename Kind::Item> items;
  // A header so broken that recovery found no declaration after it: its error says it all.
  if (state.errors_reported() == 0 || first != last)
    x3::phrase_parse(first, last, x3::with<grammar::parse_state_tag>(state)[Kind::body_rule()], grammar::skipper,
                     items);
  if (state.errors_reported() > 0) return std::nullopt;
  typename Kind::File parsed = Kind::assemble(std::move(header));
  parsed.span = file_span(file.text());
  parsed.items = std::move(items);
  flatten_expressions(parsed);
  return parsed;
}

}  // namespace

std::optional<ast::Workflow> parse_workflow(const SourceFile& file, Diagnostics& diagnostics) {
  return parse_kind<WorkflowKind>(file, diagnostics);
}

std::optional<ast::RulesFile> parse_rules(const SourceFile& file, Diagnostics& diagnostics) {
  return parse_kind<RulesKind>(file, diagnostics);
}

std::optional<ParsedFile> parse_file(const SourceFile& file, Diagnostics& diagnostics) {
  const Token first = next_token(file.text(), text_start(file.text()));
  const std::string_view word = std::string_view(file.text()).substr(first.begin, first.end - first.begin);
  if (first.kind == Token::Word && word == "workflow") {
    if (auto w = parse_workflow(file, diagnostics)) return ParsedFile(std::move(*w));
    return std::nullopt;
  }
  if (first.kind == Token::Word && word == "rules") {
    if (auto r = parse_rules(file, diagnostics)) return ParsedFile(std::move(*r));
    return std::nullopt;
  }
  report_wrong_start(file, diagnostics, "'workflow' or 'rules'");
  return std::nullopt;
}

}  // namespace mentorflow::dsl
