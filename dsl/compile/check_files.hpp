#pragma once
// Checking a set of designer files together, as `mentorflow check` does: every .flow and .rules
// file is parsed and checked; a rules file is checked against the workflow it names, found among
// the given files or else at ../workflows/NAME.flow beside the rules file's folder (loaded and
// checked too). Diagnostics come out file by file, in the order the files were given.
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

struct FileResult {
  std::string path;
  bool ok = false;      // parsed and checked without error
  std::string summary;  // on success: "workflow mie (3 case types)", "edition \"2021\" of mie, definition 1a2b.."
};

class CheckRun {
 public:
  // Every path must be a readable file (see expand_paths).
  static CheckRun check(const std::vector<std::string>& paths);

  const Diagnostics& diagnostics() const { return diagnostics_; }
  const std::vector<FileResult>& files() const { return files_; }
  bool ok() const { return !diagnostics_.has_errors(); }

 private:
  std::deque<SourceFile> sources_;  // stable addresses: diagnostics point at them
  Diagnostics diagnostics_;
  std::vector<FileResult> files_;
};

// Turns command-line arguments into files: a directory gives its .flow and .rules files (all
// levels, sorted by path); a file is taken as named. nullopt and `error` (one sentence) when a
// path does not exist or a directory holds no such file.
std::optional<std::vector<std::string>> expand_paths(const std::vector<std::string>& args, std::string& error);

}  // namespace mentorflow::dsl
