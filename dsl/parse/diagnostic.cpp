#include "dsl/parse/diagnostic.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace mentorflow::dsl {

Diagnostic& Diagnostics::error(const SourceFile& file, ast::Span span, std::string message) {
  return items_.emplace_back(Diagnostic{Severity::Error, &file, span, std::move(message), {}});
}

Diagnostic& Diagnostics::warning(const SourceFile& file, ast::Span span, std::string message) {
  return items_.emplace_back(Diagnostic{Severity::Warning, &file, span, std::move(message), {}});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

namespace {

// Width in characters of `text`, counting a tab as one column (we print the line as written).
std::uint32_t char_count(std::string_view text) {
  std::uint32_t n = 0;
  for (unsigned char c : text)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

std::string render(const Diagnostic& d) {
  const SourceFile& f = *d.file;
  const Location at = f.location(d.span.begin);
  std::string out = fmt::format("{}:{}:{}: {}: {}\n", f.path(), at.line, at.column,
                                d.severity == Severity::Error ? "error" : "warning", d.message);

  const std::string_view line = f.line_text(at.line);
  const std::string number = std::to_string(at.line);
  const std::string gutter(number.size(), ' ');
  // The underline stops at the end of the first line of the span.
  const Location end = f.location(std::max(d.span.end, d.span.begin + 1));
  const std::uint32_t last_column = end.line == at.line ? end.column : char_count(line) + 1;
  const std::uint32_t width = last_column > at.column ? last_column - at.column : 1;

  std::string marker(at.column - 1, ' ');
  // Keep tabs under tabs so the caret lines up whatever the terminal's tab width.
  for (std::uint32_t i = 0, col = 0; i < line.size() && col < at.column - 1; ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    if (line[i] == '\t') marker[col] = '\t';
    ++col;
  }
  marker += '^';
  marker += std::string(width - 1, '~');

  out += fmt::format(" {} | {}\n", number, line);
  out += fmt::format(" {} | {}\n", gutter, marker);
  for (const std::string& note : d.notes) out += fmt::format("note: {}\n", note);
  return out;
}

std::string render(const Diagnostics& ds) {
  std::string out;
  for (const Diagnostic& d : ds.all()) out += render(d);
  return out;
}

std::string summary_line(const Diagnostics& ds) {
  const std::size_t e = ds.error_count(), w = ds.warning_count();
  if (e + w == 0) return {};
  auto plural = [](std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); };
  if (w == 0) return plural(e, "error");
  if (e == 0) return plural(w, "warning");
  return plural(e, "error") + ", " + plural(w, "warning");
}

}  // namespace mentorflow::dsl
