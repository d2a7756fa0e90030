#pragma once
// Sealing small values with AES-256-GCM (OpenSSL's EVP interface): personal values under their
// subject's data key, and data keys under the master key (docs/PRIVACY.md, "Keys"). A sealed value
// is nonce (12 random bytes) | ciphertext | tag (16 bytes); it opens only with the same key and the
// same associated data, so a value moved to another event, field or subject does not open.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.hpp"

namespace mentorflow::store {

using DataKey = std::array<std::uint8_t, 32>;

inline constexpr std::size_t kNonceBytes = 12;
inline constexpr std::size_t kTagBytes = 16;

// 32 bytes from OpenSSL's random generator; IOError if it has none to give.
Result<DataKey> random_key();
// `bytes` random bytes; IOError if OpenSSL has none to give.
Result<std::string> random_bytes(std::size_t bytes);

// `plaintext` sealed under `key`, bound to `associated`. IOError if OpenSSL fails.
Result<std::string> seal(const DataKey& key, std::string_view plaintext, std::string_view associated);
// The plaintext of `sealed`; InvalidArgument when it does not open (another key, other associated
// data, or altered bytes: GCM cannot tell them apart, and neither may we).
Result<std::string> unseal(const DataKey& key, std::string_view sealed, std::string_view associated);

// Standard base64 with padding (RFC 4648), as sealed values are written in JSON, and back
// (nullopt for anything that is not exactly that).
std::string base64_of(std::string_view bytes);
std::optional<std::string> bytes_of_base64(std::string_view text);

}  // namespace mentorflow::store
