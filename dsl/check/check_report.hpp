#pragma once
// Internal to the checker: collects the diagnostics of one file while checking (in whatever order
// the passes find them) and hands them over sorted by position, so a designer reads them top to
// bottom. Also the shared shapes of "unknown name, did you mean" and "duplicate, first declared".
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "dsl/parse/ast.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl::detail {

class Reporter {
 public:
  explicit Reporter(const SourceFile& file) : file_(file) {}

  template <class... Args>
  Diagnostic& error(ast::Span span, std::string_view format, Args&&... args) {
    return items_.error(file_, span, fmt::vformat(format, fmt::make_format_args(args...)));
  }
  template <class... Args>
  Diagnostic& warning(ast::Span span, std::string_view format, Args&&... args) {
    return items_.warning(file_, span, fmt::vformat(format, fmt::make_format_args(args...)));
  }
  // Adds "did you mean 'x'?" when a candidate is close to `name`.
  static void suggest(Diagnostic& d, std::string_view name, const std::vector<std::string>& candidates);
  // "duplicate WHAT 'NAME'" at `span`, noting the line of the first declaration.
  void duplicate(ast::Span span, std::string_view what, std::string_view name, ast::Span first);

  bool has_errors() const { return items_.has_errors(); }
  std::uint32_t line(ast::Span span) const { return file_.location(span.begin).line; }
  std::string_view text(ast::Span span) const;
  const SourceFile& file() const { return file_; }

  // Moves everything reported into `out`, sorted by position (ties keep their order).
  void flush(Diagnostics& out);

 private:
  const SourceFile& file_;
  Diagnostics items_;
};

}  // namespace mentorflow::dsl::detail
