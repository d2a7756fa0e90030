#include "store/hash.hpp"

#include <openssl/sha.h>

namespace mentorflow::store {

std::string to_hex(const Hash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(hash.size() * 2, '0');
  for (std::size_t i = 0; i < hash.size(); ++i) {
    out[2 * i] = kDigits[hash[i] >> 4];
    out[2 * i + 1] = kDigits[hash[i] & 0xf];
  }
  return out;
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<Hash> hash_from_hex(std::string_view hex) {
  Hash hash{};
  if (hex.size() != hash.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < hash.size(); ++i) {
    const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    hash[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return hash;
}

Hash sha256(std::string_view bytes) {
  Hash out;
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out.data());
  return out;
}

}  // namespace mentorflow::store
