#pragma once
// Direct RocksDB access to a closed store, for tests that damage it on purpose. Follows the layout
// in docs/STORE.md, so these tests also check that the document tells the truth.
#include <filesystem>
#include <optional>
#include <string>

namespace mentorflow::store::testing {

// Reads the value of `key` in column family `family`; nullopt if absent.
std::optional<std::string> raw_get(const std::filesystem::path& dir, const std::string& family, const std::string& key);
// Writes `value` under `key` in column family `family`, synced.
void raw_put(const std::filesystem::path& dir, const std::string& family, const std::string& key, const std::string& value);

// Deletes `key` from column family `family`, synced.
void raw_delete(const std::filesystem::path& dir, const std::string& family, const std::string& key);

// Drops column family `family` with everything in it (to make a store of an older layout).
void raw_drop_family(const std::filesystem::path& dir, const std::string& family);

}  // namespace mentorflow::store::testing
