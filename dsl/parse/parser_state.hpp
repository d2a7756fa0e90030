#pragma once
// What one parse of one file carries through the grammar (in the X3 context, see
// dsl/parse/parser_config.hpp): the file, where syntax errors go, how deep expressions nest. The X3
// handlers of dsl/parse/error_handler.hpp call it; it holds the non-template logic of error reporting
// and recovery. Not thread-safe; one per parse.
#include <cstdint>
#include <string>
#include <string_view>

#include "dsl/parse/ast.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

// Where parsing resumes after an error: the declarations that may follow at each level.
enum class SyncLevel { Workflow, Case, Rules };

class ParseState {
 public:
  static constexpr int kMaxNesting = 50;
  // After this many errors the parse stops: the designer has enough to fix, and hostile input
  // cannot make recovery run forever.
  static constexpr std::size_t kMaxErrors = 100;
  // A label (see report) that is the whole message.
  static constexpr char const* kTooDeep = "!this expression nests more than 50 levels deep";

  ParseState(const SourceFile& file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  const std::string& text() const { return file_.text(); }
  std::uint32_t offset(std::string::const_iterator it) const {
    return static_cast<std::uint32_t>(it - file_.text().begin());
  }

  // Reports an expectation failure at `where` inside the declaration starting at `decl_begin`.
  // `label` is what was expected ("a state name after 'from'") and becomes "expected <label>";
  // with a leading '!' it is the whole message; with a leading '@' the caret goes on the next
  // token even when it is on a later line; a leading '~' reports it only as the file's first error. "{decl}" becomes the declaration's kind and name
  // ("case 'application'"), or `enclosing()` when `decl_begin` is not a declaration.
  void report(std::uint32_t decl_begin, std::uint32_t where, std::string_view label, bool decl_is_file_body);

  // Where to resume after an error at `where` in the declaration starting at `decl_begin`: the
  // next declaration keyword of `level` (or '}' closing the enclosing block, or the end), skipping
  // blocks opened after `decl_begin`.
  std::uint32_t resume(std::uint32_t decl_begin, std::uint32_t where, SyncLevel level) const;

  // The span of a table's hit policy, the words that follow its result type ending at `after`.
  ast::Span hit_policy_span(std::uint32_t after, const std::string& policy) const;

  // The file's own declaration, as messages name it ("workflow 'mie'", "the rules for 'mie'").
  void set_enclosing(std::string description) { enclosing_ = std::move(description); }
  const std::string& enclosing() const { return enclosing_; }

  int nesting() const { return nesting_; }
  class NestingScope {
   public:
    explicit NestingScope(ParseState& s) : s_(s) { ++s_.nesting_; }
    ~NestingScope() { --s_.nesting_; }
    NestingScope(const NestingScope&) = delete;
    NestingScope& operator=(const NestingScope&) = delete;

   private:
    ParseState& s_;
  };

  std::size_t errors_reported() const { return errors_; }
  bool gave_up() const { return errors_ >= kMaxErrors; }

 private:
  std::string describe_declaration(std::uint32_t decl_begin) const;

  const SourceFile& file_;
  Diagnostics& diagnostics_;
  std::string enclosing_ = "the file";
  int nesting_ = 0;
  std::size_t errors_ = 0;
  std::uint32_t last_error_at_ = UINT32_MAX;
};

}  // namespace mentorflow::dsl
