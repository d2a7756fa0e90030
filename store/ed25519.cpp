// Ed25519 through OpenSSL 3's EVP interface. Ed25519 signs the message itself (no separate digest),
// hence EVP_DigestSign with a null digest.
#include "store/ed25519.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <fmt/core.h>

#include <cassert>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>

#include "base/hex.hpp"
#include "store/file_io.hpp"

namespace mentorflow::store {
namespace {

using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

std::optional<std::string> read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::optional<PublicKey> raw_public_key(EVP_PKEY* key) {
  PublicKey raw{};
  std::size_t size = raw.size();
  if (EVP_PKEY_get_raw_public_key(key, raw.data(), &size) != 1 || size != raw.size()) return std::nullopt;
  return raw;
}

}  // namespace

void SigningKey::Free::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

Result<SigningKey> SigningKey::generate() {
  std::unique_ptr<EVP_PKEY, Free> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return Status::io_error("OpenSSL could not generate an Ed25519 key");
  auto raw = raw_public_key(key.get());
  if (!raw) return Status::io_error("OpenSSL could not give the public half of a new Ed25519 key");
  return SigningKey(std::move(key), *raw);
}

Result<SigningKey> SigningKey::load(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) return Status::not_found(fmt::format("key file {} does not exist", file.string()));
  if ((info.st_mode & 077) != 0)
    return Status::invalid_argument(fmt::format("key file {} may be read by others than its owner (mode {:04o}): chmod 600 {}",
                                                file.string(), info.st_mode & 0777, file.string()));
  auto text = read_text(file);
  if (!text) return Status::invalid_argument(fmt::format("key file {} cannot be read", file.string()));
  Bio bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, Free> key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
    return Status::invalid_argument(
        fmt::format("key file {} does not hold an Ed25519 private key in PEM (make one with mentorflow keygen)", file.string()));
  auto raw = raw_public_key(key.get());
  if (!raw) return Status::invalid_argument(fmt::format("key file {} holds a damaged Ed25519 key", file.string()));
  return SigningKey(std::move(key), *raw);
}

Status SigningKey::save(const std::filesystem::path& file) const {
  Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    return Status::io_error("OpenSSL could not write the private key as PEM");
  return write_new_file(file, bio_text(bio.get()), 0600);
}

Signature SigningKey::sign(std::string_view message) const {
  MdContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  Signature signature{};
  std::size_t size = signature.size();
  [[maybe_unused]] const bool ok =
      ctx && EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
      EVP_DigestSign(ctx.get(), signature.data(), &size, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) == 1;
  assert(ok && size == signature.size() && "Ed25519 signing fails only when memory runs out");
  return signature;
}

bool signature_holds(const PublicKey& key, std::string_view message, const Signature& signature) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size()), &EVP_PKEY_free);
  MdContext ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return pkey && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), signature.data(), signature.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

std::string public_key_pem(const PublicKey& key) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size()), &EVP_PKEY_free);
  Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
  [[maybe_unused]] const bool ok = pkey && bio && PEM_write_bio_PUBKEY(bio.get(), pkey.get()) == 1;
  assert(ok && "writing a public key as PEM fails only when memory runs out");
  return bio_text(bio.get());
}

namespace {

// The Ed25519 key of one PEM block ("-----BEGIN PUBLIC KEY-----" to its END line), or nullopt.
std::optional<PublicKey> key_from_pem(std::string_view pem) {
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr,
                                                          &EVP_PKEY_free);
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) return std::nullopt;
  return raw_public_key(key.get());
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<std::vector<PublicKey>> load_public_keys(const std::filesystem::path& file) {
  auto text = read_text(file);
  if (!text) return Status::not_found(fmt::format("public key file {} does not exist", file.string()));
  const auto not_a_key = [&](std::size_t line) {
    return Status::invalid_argument(fmt::format(
        "public key file {} holds neither an Ed25519 public key in PEM nor one as 64 hex digits at line {}",
        file.string(), line));
  };
  std::vector<PublicKey> keys;
  std::string pem;                 // the PEM block being read, if any
  std::size_t pem_first_line = 0;  // where it began
  std::size_t number = 0;
  std::istringstream lines(*text);
  for (std::string raw; std::getline(lines, raw);) {
    ++number;
    const std::string_view line = trim(raw);
    if (!pem.empty() || line.starts_with("-----BEGIN")) {
      if (pem.empty()) pem_first_line = number;
      pem.append(line).push_back('\n');
      if (!line.starts_with("-----END")) continue;
      auto key = key_from_pem(pem);
      if (!key) return not_a_key(pem_first_line);
      keys.push_back(*key);
      pem.clear();
      continue;
    }
    if (line.empty() || line.front() == '#') continue;
    PublicKey raw_key{};
    if (!bytes_from_hex(line, raw_key)) return not_a_key(number);
    keys.push_back(raw_key);
  }
  if (!pem.empty()) return not_a_key(pem_first_line);
  if (keys.empty())
    return Status::invalid_argument(fmt::format("public key file {} holds no public key", file.string()));
  return keys;
}

}  // namespace mentorflow::store
