#include "store/event_codec.hpp"

#include <fmt/core.h>

#include <cstring>

namespace mentorflow::store {

namespace {

void put_fixed32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void put_fixed64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

void put_text(std::string& out, std::string_view text) {
  put_fixed32(out, static_cast<std::uint32_t>(text.size()));
  out.append(text);
}

// Reads fields front to back; any read past the end marks the whole value bad.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  std::uint64_t fixed64() {
    if (!take(8)) return 0;
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(in_[at_ - 8 + i]);
    return v;
  }

  void text(std::string& out) {
    if (!take(4)) return;
    std::uint32_t n = 0;
    for (int i = 3; i >= 0; --i) n = n << 8 | static_cast<unsigned char>(in_[at_ - 4 + i]);
    if (!take(n)) return;
    out.assign(in_.data() + at_ - n, n);
  }

  void hash(Hash& out) {
    if (take(out.size())) std::memcpy(out.data(), in_.data() + at_ - out.size(), out.size());
  }

  std::uint8_t byte() { return take(1) ? static_cast<std::uint8_t>(in_[at_ - 1]) : 0; }

  bool ok() const { return ok_; }
  bool at_end() const { return at_ == in_.size(); }

 private:
  bool take(std::size_t n) {
    if (!ok_ || in_.size() - at_ < n) return ok_ = false;
    at_ += n;
    return true;
  }

  std::string_view in_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

void encode_event_value(const Event& e, std::string& out) {
  out.push_back(static_cast<char>(kEventFormat));
  put_text(out, e.stream);
  put_fixed64(out, e.version);
  put_fixed64(out, static_cast<std::uint64_t>(e.recorded_at));
  put_text(out, e.type);
  put_text(out, e.actor.user);
  put_text(out, e.actor.role);
  put_text(out, e.definition_id);
  put_text(out, e.metadata.correlation_id);
  put_text(out, e.metadata.causation_id);
  put_text(out, e.payload);
  put_text(out, e.explanation);
  out.append(reinterpret_cast<const char*>(e.previous_hash.data()), e.previous_hash.size());
  out.append(reinterpret_cast<const char*>(e.hash.data()), e.hash.size());
}

Status decode_event_value(std::uint64_t position, std::string_view value, Event& e) {
  Reader in(value);
  const std::uint8_t format = in.byte();
  if (in.ok() && format != kEventFormat)
    return Status::corruption(fmt::format("event at position {} has unknown format {}", position, format));
  e.position = position;
  in.text(e.stream);
  e.version = in.fixed64();
  e.recorded_at = static_cast<UtcMicros>(in.fixed64());
  in.text(e.type);
  in.text(e.actor.user);
  in.text(e.actor.role);
  in.text(e.definition_id);
  in.text(e.metadata.correlation_id);
  in.text(e.metadata.causation_id);
  in.text(e.payload);
  in.text(e.explanation);
  in.hash(e.previous_hash);
  in.hash(e.hash);
  if (!in.ok()) return Status::corruption(fmt::format("event at position {} is cut short", position));
  if (!in.at_end()) return Status::corruption(fmt::format("event at position {} has trailing bytes", position));
  return Status::ok();
}

}  // namespace mentorflow::store
