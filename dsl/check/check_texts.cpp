// Labels, help texts and the workflow's languages: docs/LANGUAGE.md, "Labels, help and languages".
#include <algorithm>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/language_codes.hpp"
#include "dsl/suggest.hpp"

namespace mentorflow::dsl::detail {

namespace {

// The language of a text written without a marker.
std::string first_language(const World& w) { return w.languages.empty() ? "en" : w.languages.front(); }

std::string quoted_list(const std::vector<std::string>& codes, std::string_view last_joint) {
  std::string out;
  for (std::size_t i = 0; i < codes.size(); ++i)
    out += (i == 0 ? "" : i + 1 == codes.size() ? std::string(last_joint) : std::string(", ")) + "'" + codes[i] + "'";
  return out;
}

// "unknown language code 'x'", with the code meant when there is a plausible one.
void report_unknown_language(World& w, const ast::Identifier& code, const std::vector<std::string>& nearby) {
  Diagnostic& d = w.report.error(code.span, msg::kUnknownLanguage, code.name);
  std::optional<std::string> meant = language_code_for(code.name);
  if (!meant) meant = closest_name(code.name, nearby);
  d.notes.push_back(meant ? fmt::format(fmt::runtime(msg::kDidYouMean), *meant) : std::string(msg::kLanguageCodes));
}

}  // namespace

void declare_languages(World& w, const ast::Workflow& wf) {
  const ast::LanguagesDecl* declared = nullptr;
  for (const ast::WorkflowItem& item : wf.items) {
    const auto* decl = boost::get<ast::LanguagesDecl>(&item);
    if (!decl) continue;
    if (declared) {
      constexpr std::string_view keyword = "languages";
      w.report.error(ast::Span{decl->span.begin, static_cast<std::uint32_t>(decl->span.begin + keyword.size())},
                     msg::kLanguagesTwice)
          .notes.push_back(fmt::format(fmt::runtime(msg::kFirstDeclared), w.languages_line));
      continue;
    }
    declared = decl;
    w.languages_line = w.report.line(decl->span);
    std::vector<ast::Span> spans;
    for (const ast::Identifier& code : decl->languages) {
      if (!is_language_code(code.name)) {
        report_unknown_language(w, code, {});
        w.languages_broken = true;
      }
      auto seen = std::find(w.languages.begin(), w.languages.end(), code.name);
      if (seen != w.languages.end()) {
        w.report.duplicate(code.span, "language", code.name, spans[seen - w.languages.begin()]);
        continue;
      }
      w.languages.push_back(code.name);
      spans.push_back(code.span);
    }
  }
}

Text check_text(World& w, const ast::Text& text, const std::string& what) {
  Text out;
  const std::string first = first_language(w);
  if (is_blank(text.first.value)) w.report.error(text.first.span, msg::kEmptyText, what);
  out.variants.emplace_back(first, text.first.value);
  for (const ast::TextVariant& v : text.variants) {
    const std::string& code = v.language.name;
    if (!is_language_code(code)) {
      report_unknown_language(w, v.language, w.languages);
      continue;
    }
    if (w.languages.empty()) {
      if (!w.told_no_languages)
        w.report.error(v.language.span, msg::kNoLanguages, code)
            .notes.push_back(fmt::format(fmt::runtime(msg::kDeclareLanguages), code == "en" ? "it" : code));
      w.told_no_languages = true;
      continue;
    }
    if (code == first) {
      w.report.error(v.language.span, msg::kFirstLanguageVariant, code);
      continue;
    }
    if (!w.languages_broken && std::find(w.languages.begin(), w.languages.end(), code) == w.languages.end()) {
      Diagnostic& d = w.report.error(v.language.span, msg::kUndeclaredLanguage, code);
      d.notes.push_back(fmt::format(fmt::runtime(msg::kLanguagesAre), quoted_list(w.languages, " and "), w.languages_line));
      Reporter::suggest(d, code, w.languages);
      continue;
    }
    if (std::any_of(out.variants.begin(), out.variants.end(), [&](const auto& o) { return o.first == code; })) {
      w.report.error(v.language.span, msg::kLanguageTwice, what, code);
      continue;
    }
    if (is_blank(v.text.value)) w.report.error(v.text.span, msg::kEmptyText, what + " in '" + code + "'");
    out.variants.emplace_back(code, v.text.value);
  }
  // A text with no variants is simply in the first language; one that has some should have all
  // (unless a variant was reported: what it lacks then follows from that).
  const bool faulty = out.variants.size() != text.variants.size() + 1;
  if (!text.variants.empty() && !faulty && !w.languages.empty() && !w.languages_broken) {
    std::vector<std::string> missing;
    for (const std::string& language : w.languages)
      if (std::none_of(out.variants.begin(), out.variants.end(), [&](const auto& o) { return o.first == language; }))
        missing.push_back(language);
    if (!missing.empty()) w.report.warning(text.span, msg::kMissingVariant, what, quoted_list(missing, " or "));
  }
  return out;
}

Labels check_labels(World& w, const std::vector<ast::TextClause>& clauses, const std::string& owner,
                    std::string_view no_help) {
  Labels out;
  std::optional<ast::Span> label_at, help_at;
  for (const ast::TextClause& clause : clauses) {
    const bool is_label = clause.kind == "label";
    const ast::Span keyword{clause.span.begin, static_cast<std::uint32_t>(clause.span.begin + clause.kind.size())};
    if (!is_label && !no_help.empty()) {
      w.report.error(keyword, msg::kNoHelp, no_help);
      continue;
    }
    std::optional<ast::Span>& first = is_label ? label_at : help_at;
    const std::string kind = is_label ? "label" : "help text";
    if (first) {
      w.report.error(keyword, msg::kTextTwice, owner, kind)
          .notes.push_back(fmt::format(fmt::runtime(msg::kFirstDeclared), w.report.line(*first)));
      continue;
    }
    first = keyword;
    (is_label ? out.label : out.help) = check_text(w, clause.text, kind + " of " + owner);
  }
  return out;
}

}  // namespace mentorflow::dsl::detail
