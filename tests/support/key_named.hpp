#pragma once
// The master key file of a store with personal data (docs/PRIVACY.md) named in the environment,
// as MENTORFLOW_MASTER_KEY_FILE, for as long as this lives: every CLI run meanwhile uses it.
#include <cstdlib>
#include <filesystem>

namespace mentorflow::testing {

class KeyNamed {
 public:
  explicit KeyNamed(const std::filesystem::path& key) { setenv("MENTORFLOW_MASTER_KEY_FILE", key.c_str(), 1); }
  ~KeyNamed() { unsetenv("MENTORFLOW_MASTER_KEY_FILE"); }
  KeyNamed(const KeyNamed&) = delete;
  KeyNamed& operator=(const KeyNamed&) = delete;
};

}  // namespace mentorflow::testing
