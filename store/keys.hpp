#pragma once
// Key layout of the column families (docs/STORE.md, "Keys"). Internal to store/.
// Numbers are 20 zero-padded decimal digits, so keys sort in numeric order and read plainly in
// `ldb scan`. A stream index entry covers a run of events that follow each other both in their
// stream and in the global order (typically one append): its key is the stream name, '@', then
// the run's last version; its value the run's first and last positions, "FIRST-LAST".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorflow::store {

inline constexpr std::size_t kNumberDigits = 20;  // enough for any uint64
inline constexpr char kVersionSeparator = '@';     // never part of a stream name
inline constexpr std::size_t kMaxStreamName = 256;

// In `meta`: the highest position anything in the store may name (the last event appended),
// 20 digits, written in the same batch as every append (docs/STORE.md, "A log cut at its end").
inline constexpr std::string_view kHighWaterKey = "high-water";

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

// One stream index entry: versions last_version - (last_position - first_position) .. last_version
// at positions first_position .. last_position.
struct IndexRun {
  std::uint64_t last_version = 0;
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;

  std::uint64_t first_version() const { return last_version - (last_position - first_position); }
  bool holds(std::uint64_t version) const { return version >= first_version() && version <= last_version; }
  std::uint64_t position_of(std::uint64_t version) const { return first_position + (version - first_version()); }
};

// "00000000000000000040-00000000000000000042".
std::string run_value(std::uint64_t first_position, std::uint64_t last_position);
// The run an index entry describes; nullopt if the key or value is not in the index format.
std::optional<IndexRun> parse_index_entry(std::string_view key, std::string_view value);

// Stream names are 1..256 printable ASCII characters other than '@' and space, so that index keys
// stay unambiguous and readable. Returns an empty string when valid, else why not.
std::string stream_name_problem(std::string_view stream);

}  // namespace mentorflow::store
