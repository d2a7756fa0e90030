// AES-256-GCM through EVP: one cipher context per thread, reset for every value, so sealing the
// personal values of a command costs no allocation after the first.
#include "store/seal.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <optional>

namespace mentorflow::store {
namespace {

struct ContextFree {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};

EVP_CIPHER_CTX* thread_context() {
  thread_local std::unique_ptr<EVP_CIPHER_CTX, ContextFree> context(EVP_CIPHER_CTX_new());
  if (context) EVP_CIPHER_CTX_reset(context.get());
  return context.get();
}

const unsigned char* bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }
unsigned char* bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

// Feeds the associated data; false if OpenSSL refuses.
bool add_associated(EVP_CIPHER_CTX* context, std::string_view associated) {
  int ignored = 0;
  return associated.empty() ||
         EVP_CipherUpdate(context, nullptr, &ignored, bytes(associated), static_cast<int>(associated.size())) == 1;
}

}  // namespace

Result<std::string> random_bytes(std::size_t count) {
  std::string out(count, '\0');
  if (count > 0 && RAND_bytes(bytes(out), static_cast<int>(count)) != 1)
    return Status::io_error("OpenSSL's random generator gave no random bytes");
  return out;
}

Result<DataKey> random_key() {
  DataKey key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    return Status::io_error("OpenSSL's random generator gave no random bytes for a key");
  return key;
}

Result<std::string> seal(const DataKey& key, std::string_view plaintext, std::string_view associated) {
  auto nonce = random_bytes(kNonceBytes);
  if (!nonce.is_ok()) return nonce.status();
  std::string out = std::move(*nonce);
  out.resize(kNonceBytes + plaintext.size() + kTagBytes);
  EVP_CIPHER_CTX* context = thread_context();
  int written = 0;
  int final_written = 0;
  const bool ok =
      context && EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nullptr, key.data(), bytes(out)) == 1 &&
      add_associated(context, associated) &&
      EVP_EncryptUpdate(context, bytes(out) + kNonceBytes, &written, bytes(plaintext), static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(context, bytes(out) + kNonceBytes + written, &final_written) == 1 &&
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                          bytes(out) + kNonceBytes + plaintext.size()) == 1;
  if (!ok) return Status::io_error("OpenSSL could not seal a value with AES-256-GCM");
  return out;
}

Result<std::string> unseal(const DataKey& key, std::string_view sealed, std::string_view associated) {
  if (sealed.size() < kNonceBytes + kTagBytes) return Status::invalid_argument("a sealed value is too short to be one");
  const std::size_t size = sealed.size() - kNonceBytes - kTagBytes;
  std::string out(size, '\0');
  std::string tag(sealed.substr(kNonceBytes + size));
  EVP_CIPHER_CTX* context = thread_context();
  int written = 0;
  int final_written = 0;
  const bool ok =
      context && EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nullptr, key.data(), bytes(sealed)) == 1 &&
      add_associated(context, associated) &&
      EVP_DecryptUpdate(context, bytes(out), &written, bytes(sealed) + kNonceBytes, static_cast<int>(size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), bytes(tag)) == 1 &&
      EVP_DecryptFinal_ex(context, bytes(out) + written, &final_written) == 1;
  if (!ok) return Status::invalid_argument("a sealed value does not open with this key (another key, or it was altered)");
  return out;
}

std::string base64_of(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  const int size = EVP_EncodeBlock(bytes(out), bytes(data), static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(size));
  return out;
}

std::optional<std::string> bytes_of_base64(std::string_view text) {
  // EVP_DecodeBlock takes whitespace and gives the padding as zero bytes: check the form first,
  // then cut the padding off.
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool digit = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (c == '=' && i + 2 >= text.size() && (padding > 0 || i + 1 == text.size() || text[i + 1] == '=')) {
      ++padding;
    } else if (!digit || padding > 0) {
      return std::nullopt;
    }
  }
  std::string out(text.size() / 4 * 3, '\0');
  if (EVP_DecodeBlock(bytes(out), bytes(text), static_cast<int>(text.size())) < 0) return std::nullopt;
  out.resize(out.size() - padding);
  return out;
}

}  // namespace mentorflow::store
