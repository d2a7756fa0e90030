#pragma once
// Diagnostics: what is wrong in a designer's file, where, and what might fix it. The parser and
// the checker both report here, so a type error looks exactly like a syntax error. Rendering:
//
//   workflows/mie.flow:14:17: error: unknown state 'aproved'
//      14 |   command select by staff from submitted to aproved
//         |                                             ^~~~~~~
//   note: did you mean 'approved'?
#include <string>
#include <vector>

#include "dsl/parse/ast.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  const SourceFile* file = nullptr;  // not owned; outlives the diagnostic
  ast::Span span;
  std::string message;             // lower case, in the designer's words, no final period
  std::vector<std::string> notes;  // each rendered as "note: ..."
};

// Collects diagnostics in the order reported. Not thread-safe.
class Diagnostics {
 public:
  // Reports a problem; the returned reference lets the caller add notes.
  Diagnostic& error(const SourceFile& file, ast::Span span, std::string message);
  Diagnostic& warning(const SourceFile& file, ast::Span span, std::string message);

  const std::vector<Diagnostic>& all() const { return items_; }
  bool has_errors() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;

 private:
  std::vector<Diagnostic> items_;
};

// One diagnostic as the text above (ending in a newline).
std::string render(const Diagnostic& d);

// Every diagnostic in order, each as above.
std::string render(const Diagnostics& ds);

// "2 errors, 1 warning" (empty when there are none): the last line `mentorflow check` prints.
std::string summary_line(const Diagnostics& ds);

}  // namespace mentorflow::dsl
