#pragma once
// A designer's file held in memory: its path as the user named it, its text, and where each line
// starts, so any byte offset can be turned into a 1-based line and column.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorflow::dsl {

struct Location {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in characters (UTF-8 code points), as editors count
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  // Reads `path` from disk. On failure returns nullopt and sets `error` to one sentence.
  static std::optional<SourceFile> load(const std::string& path, std::string& error);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  Location location(std::uint32_t offset) const;
  std::string_view line_text(std::uint32_t line) const;  // without its newline; empty past the end

 private:
  std::string path_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;  // byte offset of each line's first character
};

}  // namespace mentorflow::dsl
