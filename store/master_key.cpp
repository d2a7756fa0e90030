#include "store/master_key.hpp"

#include <sys/stat.h>

#include <fmt/core.h>

#include <cerrno>
#include <span>

#include "base/hex.hpp"
#include "store/file_io.hpp"
#include "store/hash.hpp"

namespace mentorflow::store {

Result<MasterKey> MasterKey::load(const std::filesystem::path& file, bool create) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    if (errno != ENOENT) return Status::io_error(fmt::format("master key file {} cannot be read", file.string()));
    if (!create) return Status::not_found(fmt::format("master key file {} does not exist", file.string()));
    auto key = random_key();
    if (!key.is_ok()) return key.status();
    if (auto written = write_new_file(file, hex_of(*key) + "\n", 0600); !written.is_ok()) return written;
    return MasterKey(*key, file);
  }
  if ((info.st_mode & 077) != 0)
    return Status::invalid_argument(fmt::format("master key file {} may be read by others than its owner (mode {:04o}): chmod 600 {}",
                                                file.string(), info.st_mode & 0777, file.string()));
  auto text = read_small_file(file, 1024);
  if (!text.is_ok()) return text.status();
  std::string_view digits = *text;
  if (!digits.empty() && digits.back() == '\n') digits.remove_suffix(1);
  DataKey key{};
  if (!bytes_from_hex(digits, key))
    return Status::invalid_argument(fmt::format("master key file {} does not hold a master key (64 hex digits)", file.string()));
  return MasterKey(key, file);
}

std::string MasterKey::id() const {
  std::string text = "mentorflow master key id\n";
  text.append(reinterpret_cast<const char*>(key_.data()), key_.size());
  return to_hex(sha256(text));
}

}  // namespace mentorflow::store
