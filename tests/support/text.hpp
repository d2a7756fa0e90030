#pragma once
// What tests ask of text: whether it holds a piece, and a file's bytes.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mentorflow::testing {

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The file's bytes; empty when it cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace mentorflow::testing
