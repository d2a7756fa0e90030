#include "store/hash.hpp"

#include <openssl/evp.h>

#include <cassert>
#include <memory>

#include "base/hex.hpp"

namespace mentorflow::store {

std::string to_hex(const Hash& hash) { return hex_of(hash); }

std::optional<Hash> hash_from_hex(std::string_view hex) {
  Hash hash{};
  if (!bytes_from_hex(hex, hash)) return std::nullopt;
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
