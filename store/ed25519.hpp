#pragma once
// Ed25519 keys and signatures (OpenSSL's EVP interface), for the signed checkpoints of the log
// (store/checkpoint.hpp). Key files are PEM: the private key as PKCS#8 ("BEGIN PRIVATE KEY"), the
// public key as SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"), so that `openssl pkey` reads both
// (docs/STORE.md, "Signed checkpoints"). A SigningKey may sign from several threads at once.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.hpp"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace mentorflow::store {

using PublicKey = std::array<std::uint8_t, 32>;
using Signature = std::array<std::uint8_t, 64>;

class SigningKey {
 public:
  // A new key from OpenSSL's random generator; IOError if it cannot make one.
  static Result<SigningKey> generate();
  // The private key in `file`: NotFound if there is no such file; InvalidArgument, naming the file,
  // when it is not a PEM Ed25519 private key or when others than its owner may read it.
  static Result<SigningKey> load(const std::filesystem::path& file);

  // Writes the private key to `file`, which must not exist yet (InvalidArgument naming it if it
  // does): mode 0600, synced. IOError if it cannot be written.
  Status save(const std::filesystem::path& file) const;

  const PublicKey& public_key() const { return public_key_; }
  Signature sign(std::string_view message) const;

 private:
  struct Free {
    void operator()(evp_pkey_st* key) const;
  };
  SigningKey(std::unique_ptr<evp_pkey_st, Free> key, const PublicKey& public_key)
      : key_(std::move(key)), public_key_(public_key) {}

  std::unique_ptr<evp_pkey_st, Free> key_;
  PublicKey public_key_;
};

// Whether `signature` is the signature of `message` by the holder of `key`.
bool signature_holds(const PublicKey& key, std::string_view message, const Signature& signature);

// The PEM text ("-----BEGIN PUBLIC KEY-----...") of `key`.
std::string public_key_pem(const PublicKey& key);
// The public keys in `file`, in order: PEM blocks as public_key_pem writes them (KEYFILE.pub
// holds one), or 64 hex digits a line; blank lines and lines starting with '#' are skipped, so
// one file can list every key an auditor trusts. NotFound if there is no such file;
// InvalidArgument naming the file (and the line) when a line is neither, or there is no key.
Result<std::vector<PublicKey>> load_public_keys(const std::filesystem::path& file);

}  // namespace mentorflow::store
