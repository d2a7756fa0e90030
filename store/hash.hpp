#pragma once
// The SHA-256 digest that links events into a chain, and its hex spelling in JSON and messages.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorflow::store {

using Hash = std::array<std::uint8_t, 32>;

// The previous hash of the very first event: 32 zero bytes.
inline constexpr Hash kGenesisHash{};

// 64 lower-case hex digits.
std::string to_hex(const Hash& hash);
// Parses exactly 64 hex digits (either case); nullopt otherwise.
std::optional<Hash> hash_from_hex(std::string_view hex);

// SHA-256 of `bytes` (OpenSSL's implementation, which uses the CPU's SHA extensions when present).
Hash sha256(std::string_view bytes);

}  // namespace mentorflow::store
