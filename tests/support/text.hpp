#pragma once
// What tests ask of text: whether it holds a piece, how often, a file's bytes, and which files of
// a folder hold a piece (the search after an erasure, docs/PRIVACY.md).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace mentorflow::testing {

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// How many times `needle` occurs in `haystack`, overlapping occurrences included.
inline std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// The file's bytes; empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// Every file under `dir` whose bytes hold `text`.
inline std::vector<std::string> files_holding(const std::filesystem::path& dir, const std::string& text) {
  std::vector<std::string> found;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && contains(read_file(entry.path()), text)) found.push_back(entry.path().string());
  return found;
}

}  // namespace mentorflow::testing
