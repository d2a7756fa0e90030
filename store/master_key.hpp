#pragma once
// The master key of a store's personal data (docs/PRIVACY.md, "Keys"): 32 random bytes in a key
// file kept outside the store, which wrap every subject's data key. The store records only the
// key's id, so that an open with another key is refused instead of failing value by value.
#include <filesystem>
#include <string>

#include "base/status.hpp"
#include "store/seal.hpp"

namespace mentorflow::store {

class MasterKey {
 public:
  // The key in `file`: 64 hex digits and a newline. When the file does not exist and `create`,
  // a new key is made and written there (mode 0600, synced); NotFound when it does not exist and
  // not `create`. InvalidArgument, naming the file, when others than its owner may read it or it
  // does not hold a key.
  static Result<MasterKey> load(const std::filesystem::path& file, bool create);
  // A key that is not in any file (tests, benchmarks).
  static MasterKey of(const DataKey& key) { return MasterKey(key); }

  const DataKey& key() const { return key_; }
  // The file it was loaded from; empty for a key in no file.
  const std::filesystem::path& file() const { return file_; }
  // 64 hex digits naming the key without revealing it: SHA-256 of a fixed label and the key.
  std::string id() const;

 private:
  explicit MasterKey(const DataKey& key, std::filesystem::path file = {}) : key_(key), file_(std::move(file)) {}
  DataKey key_;
  std::filesystem::path file_;
};

}  // namespace mentorflow::store
