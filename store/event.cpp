#include "store/event.hpp"

#include <cstring>

#include <fmt/core.h>

namespace mentorflow::store {

namespace {
Result<nlohmann::json> parse_field(const std::string& text, std::uint64_t position, const char* field) {
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::corruption(fmt::format("event at position {} has a {} that is not JSON", position, field));
  return parsed;
}
}  // namespace

Result<nlohmann::json> Event::payload_json() const {
  auto parsed = parse_field(payload, position, "payload");
  if (parsed.is_ok() && opener)
    if (Status st = opener->open(*this, false, *parsed); !st.is_ok()) return st;
  return parsed;
}

Result<nlohmann::json> Event::explanation_json() const {
  auto parsed = parse_field(explanation, position, "explanation");
  if (parsed.is_ok() && opener)
    if (Status st = opener->open(*this, true, *parsed); !st.is_ok()) return st;
  return parsed;
}

bool Event::operator==(const Event& o) const {
  return position == o.position && stream == o.stream && version == o.version && type == o.type &&
         recorded_at == o.recorded_at && actor == o.actor && definition_id == o.definition_id && payload == o.payload &&
         explanation == o.explanation && metadata == o.metadata && previous_hash == o.previous_hash && hash == o.hash;
}

Result<std::string> canonical_json(const nlohmann::json& value) {
  // nlohmann's objects are std::maps, so dump() already sorts keys; strict mode throws on bad UTF-8.
  try {
    return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception&) {
    return Status::invalid_argument("JSON text contains a string that is not valid UTF-8");
  }
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Most text is ASCII: step over eight such bytes at a time.
    if (std::uint64_t word; i + sizeof word <= text.size()) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += sizeof word;
        continue;
      }
    }
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xe0) == 0xc0) {
      extra = 1, code = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2, code = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3, code = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;  // the sequence is cut short
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      code = code << 6 | (cc & 0x3f);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF, as RFC 3629 requires.
    static constexpr std::uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (code < kMinForLength[extra] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace mentorflow::store
