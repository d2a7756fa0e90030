#pragma once
// Hexadecimal digits, as the hash chain (store/hash.cpp) and percent-decoding of request paths
// (api/http_message.cpp) read them.

namespace mentorflow {

// The value of the hex digit `c` (either case), or -1 when `c` is not one.
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace mentorflow
