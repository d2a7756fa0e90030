#include "store/keys.hpp"

#include <fmt/core.h>

namespace mentorflow::store {

std::string number_key(std::uint64_t n) {
  std::string key(kNumberDigits, '0');
  for (std::size_t i = kNumberDigits; n != 0; n /= 10) key[--i] = static_cast<char>('0' + n % 10);
  return key;
}

std::optional<std::uint64_t> parse_number_key(std::string_view key) {
  if (key.size() != kNumberDigits) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (n > (UINT64_MAX - digit) / 10) return std::nullopt;
    n = n * 10 + digit;
  }
  return n;
}

std::string stream_key(std::string_view stream, std::uint64_t version) {
  return stream_key_prefix(stream) + number_key(version);
}

std::string stream_key_prefix(std::string_view stream) {
  std::string prefix(stream);
  prefix += kVersionSeparator;
  return prefix;
}

std::optional<std::pair<std::string_view, std::uint64_t>> parse_stream_key(std::string_view key) {
  if (key.size() < kNumberDigits + 2 || key[key.size() - kNumberDigits - 1] != kVersionSeparator) return std::nullopt;
  auto version = parse_number_key(key.substr(key.size() - kNumberDigits));
  if (!version) return std::nullopt;
  return std::pair{key.substr(0, key.size() - kNumberDigits - 1), *version};
}

std::string run_value(std::uint64_t first_position, std::uint64_t last_position) {
  return number_key(first_position) + '-' + number_key(last_position);
}

std::optional<IndexRun> parse_index_entry(std::string_view key, std::string_view value) {
  auto parsed_key = parse_stream_key(key);
  if (!parsed_key || value.size() != 2 * kNumberDigits + 1 || value[kNumberDigits] != '-') return std::nullopt;
  auto first = parse_number_key(value.substr(0, kNumberDigits));
  auto last = parse_number_key(value.substr(kNumberDigits + 1));
  // A run cannot start before version 1 or position 1.
  if (!first || !last || *first == 0 || *first > *last || *last - *first >= parsed_key->second) return std::nullopt;
  return IndexRun{parsed_key->second, *first, *last};
}

std::string stream_name_problem(std::string_view stream) {
  if (stream.empty()) return "a stream name cannot be empty";
  if (stream.size() > kMaxStreamName) return fmt::format("stream name is longer than {} characters", kMaxStreamName);
  for (char c : stream) {
    if (c <= ' ' || c > '~' || c == kVersionSeparator)
      return "a stream name may only hold printable ASCII characters other than '@' and space";
  }
  return {};
}

}  // namespace mentorflow::store
