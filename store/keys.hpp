#pragma once
// Key layout of the column families (docs/STORE.md, "Keys"). Internal to store/.
// Numbers are 20 zero-padded decimal digits, so keys sort in numeric order and read plainly in
// `ldb scan`; a stream index key is the stream name, '@', then the version.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorflow::store {

inline constexpr std::size_t kNumberDigits = 20;  // enough for any uint64
inline constexpr char kVersionSeparator = '@';     // never part of a stream name
inline constexpr std::size_t kMaxStreamName = 256;

// "00000000000000000042" for 42.
std::string number_key(std::uint64_t n);
// The number spelled by exactly 20 decimal digits; nullopt for anything else.
std::optional<std::uint64_t> parse_number_key(std::string_view key);

// The stream index key of (stream, version): "case/17@00000000000000000003".
std::string stream_key(std::string_view stream, std::uint64_t version);
// What every index key of `stream` starts with: "case/17@".
std::string stream_key_prefix(std::string_view stream);
// Splits an index key into its stream and version; nullopt if it is not one.
std::optional<std::pair<std::string_view, std::uint64_t>> parse_stream_key(std::string_view key);

// Stream names are 1..256 printable ASCII characters other than '@' and space, so that index keys
// stay unambiguous and readable. Returns an empty string when valid, else why not.
std::string stream_name_problem(std::string_view stream);

}  // namespace mentorflow::store
