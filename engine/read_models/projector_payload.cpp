#include "engine/read_models/projector_payload.hpp"

#include <charconv>

namespace mentorflow::engine::read_models {
namespace {

// A cursor over the payload text; every read either succeeds or leaves `ok` false.
struct Cursor {
  std::string_view in;
  std::size_t at = 0;
  bool ok = true;

  bool eat(char c) {
    if (ok && at < in.size() && in[at] == c) return ++at, true;
    return false;
  }
  bool peek(char c) const { return ok && at < in.size() && in[at] == c; }

  // A string without escapes: anything with a backslash is left to the full parser.
  std::string_view text() {
    if (!eat('"')) return ok = false, std::string_view();
    const std::size_t end = in.find_first_of("\"\\", at);
    if (end == std::string_view::npos || in[end] != '"') return ok = false, std::string_view();
    const std::string_view t = in.substr(at, end - at);
    at = end + 1;
    return t;
  }

  std::int64_t integer() {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(in.data() + at, in.data() + in.size(), v);
    // A fraction or exponent after the digits is not an integer.
    if (ec != std::errc() || (end < in.data() + in.size() && (*end == '.' || *end == 'e' || *end == 'E'))) ok = false;
    else at = static_cast<std::size_t>(end - in.data());
    return v;
  }
};

}  // namespace

bool PlainPayload::read(std::string_view json) {
  Cursor c{json};
  count_ = 0;
  if (!c.eat('{')) return false;
  for (bool first = true; c.ok && !c.eat('}'); first = false) {
    if (!first && !c.eat(',')) return false;
    if (count_ == fields_.size()) fields_.emplace_back();
    Field& f = fields_[count_++];
    f.key = c.text();
    if (!c.eat(':')) return false;
    if (c.peek('"')) {
      f.kind = Kind::kText;
      f.text = c.text();
    } else if (c.eat('{')) {
      f.kind = Kind::kTexts;
      f.texts.clear();
      for (bool first_inner = true; c.ok && !c.eat('}'); first_inner = false) {
        if (!first_inner && !c.eat(',')) return false;
        const std::string_view key = c.text();
        if (!c.eat(':')) return false;
        f.texts.emplace_back(key, c.text());
      }
    } else {
      f.kind = Kind::kInteger;
      f.integer = c.integer();
    }
  }
  return c.ok && c.at == json.size();
}

const PlainPayload::Field* PlainPayload::find(std::string_view key, Kind kind) const {
  for (std::size_t i = 0; i < count_; ++i)
    if (fields_[i].key == key) return fields_[i].kind == kind ? &fields_[i] : nullptr;
  return nullptr;
}

const std::string_view* PlainPayload::text(std::string_view key) const {
  const Field* f = find(key, Kind::kText);
  return f ? &f->text : nullptr;
}

const std::int64_t* PlainPayload::integer(std::string_view key) const {
  const Field* f = find(key, Kind::kInteger);
  return f ? &f->integer : nullptr;
}

const std::vector<std::pair<std::string_view, std::string_view>>* PlainPayload::texts(std::string_view key) const {
  const Field* f = find(key, Kind::kTexts);
  return f ? &f->texts : nullptr;
}

}  // namespace mentorflow::engine::read_models
