#pragma once
// Hexadecimal digits, as the hash chain (store/hash.cpp), the signed checkpoints
// (store/checkpoint.cpp) and percent-decoding of request paths (api/http_message.cpp) read them.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mentorflow {

// The value of the hex digit `c` (either case), or -1 when `c` is not one.
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Two lower-case hex digits per byte.
inline std::string hex_of(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xf];
  }
  return out;
}

// Fills `out` from exactly 2 * out.size() hex digits (either case); false, `out` unspecified, otherwise.
inline bool bytes_from_hex(std::string_view hex, std::span<std::uint8_t> out) {
  if (hex.size() != out.size() * 2) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return true;
}

}  // namespace mentorflow
