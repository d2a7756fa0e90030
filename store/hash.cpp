#include "store/hash.hpp"

#include <openssl/evp.h>

#include <cassert>
#include <memory>

#include "base/hex.hpp"

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
  // OpenSSL 3's one-shot SHA256() looks the algorithm up again on every call, which costs as much
  // as hashing a whole event; an algorithm fetched once and a context kept per thread halve it.
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr), &EVP_MD_free);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  Hash out;
  unsigned int size = 0;
  [[maybe_unused]] const bool ok = md && ctx && EVP_DigestInit_ex(ctx.get(), md.get(), nullptr) == 1 &&
                                   EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) == 1 &&
                                   EVP_DigestFinal_ex(ctx.get(), out.data(), &size) == 1;
  assert(ok && size == out.size() && "SHA-256 fails only when memory runs out");
  return out;
}

}  // namespace mentorflow::store
