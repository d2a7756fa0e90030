#include "store/checkpoint.hpp"

#include <fmt/core.h>

#include <nlohmann/json.hpp>
#include <set>

#include "base/hex.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::store {

std::string checkpoint_message(std::uint64_t position, const Hash& hash, UtcMicros time) {
  return fmt::format("mentorflow-checkpoint-v1 {} {} {}", position, to_hex(hash), format_utc(time));
}

SignedCheckpoint sign_checkpoint(const SigningKey& key, const ChainHead& head, UtcMicros time) {
  SignedCheckpoint c{head.position, head.hash, time, key.public_key(), {}};
  c.signature = key.sign(checkpoint_message(c.position, c.hash, c.time));
  return c;
}

bool signature_holds(const SignedCheckpoint& c) {
  return signature_holds(c.key, checkpoint_message(c.position, c.hash, c.time), c.signature);
}

std::string witness_line(const SignedCheckpoint& c) {
  return fmt::format(R"({{"position":{},"hash":"{}","time":"{}","key":"{}","signature":"{}"}})", c.position, to_hex(c.hash),
                     format_utc(c.time), hex_of(c.key), hex_of(c.signature));
}

namespace {

constexpr std::size_t kMaxLine = 1024;

Status bad_line(std::string_view why) { return Status::invalid_argument(std::string(why)); }

// The hex digits of `field` in `line` into `out`; false when missing or of another length.
template <std::size_t N>
bool hex_field(const nlohmann::json& line, const char* field, std::array<std::uint8_t, N>& out) {
  auto it = line.find(field);
  return it != line.end() && it->is_string() && bytes_from_hex(it->get_ref<const std::string&>(), out);
}

}  // namespace

Result<SignedCheckpoint> parse_witness_line(std::string_view text) {
  // A line is about 330 bytes; the bound also keeps a hostile file from nesting JSON deep enough
  // to exhaust the parser's stack.
  if (text.size() > kMaxLine) return bad_line(fmt::format("it is longer than {} bytes", kMaxLine));
  const nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object()) return bad_line("it is not a JSON object");
  static const std::set<std::string> kFields{"position", "hash", "time", "key", "signature"};
  for (const auto& [name, value] : line.items())
    if (!kFields.contains(name)) return bad_line(fmt::format("it has an unknown field '{}'", name));
  SignedCheckpoint c;
  auto position = line.find("position");
  if (position == line.end() || !position->is_number_unsigned()) return bad_line("its position is not a whole number");
  c.position = position->get<std::uint64_t>();
  if (!hex_field(line, "hash", c.hash)) return bad_line("its hash is not 64 hex digits");
  auto time = line.find("time");
  std::optional<UtcMicros> parsed;
  if (time != line.end() && time->is_string()) parsed = parse_utc(time->get_ref<const std::string&>());
  if (!parsed) return bad_line("its time is not of the form 2025-10-01T09:00:00.000000Z");
  c.time = *parsed;
  if (!hex_field(line, "key", c.key)) return bad_line("its key is not 64 hex digits");
  if (!hex_field(line, "signature", c.signature)) return bad_line("its signature is not 128 hex digits");
  return c;
}

}  // namespace mentorflow::store
