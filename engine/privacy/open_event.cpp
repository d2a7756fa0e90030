#include "engine/privacy/open_event.hpp"

#include <fmt/core.h>

#include "engine/privacy/sealed_value.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

constexpr std::string_view kMark = "\"$sealed\"";

class Opener {
 public:
  Opener(const store::Event& event, const KeyOf& key_of) : event_(event), key_of_(key_of) {}

  // Opens every sealed value within `value`, whose path in the payload is `path`.
  Status open(json& value, const std::string& path) {
    if (is_sealed_value(value)) {
      auto text = open_one(value, path);
      if (!text.is_ok()) return text.status();
      if (!*text) {
        value = kErasedValue;
        return Status::ok();
      }
      value = json::parse(**text, nullptr, false);
      if (value.is_discarded()) return bad(path, "does not hold JSON");
      return Status::ok();
    }
    if (value.is_object()) {
      for (auto& [member, inner] : value.items())
        if (Status st = open(inner, path.empty() ? member : path + "/" + member); !st.is_ok()) return st;
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i)
        if (Status st = open(value[i], fmt::format("{}/{}", path, i)); !st.is_ok()) return st;
    }
    return Status::ok();
  }

  // The text `sealed` holds; nullopt when its subject is erased.
  Result<std::optional<std::string>> open_one(const json& sealed, std::string_view path) {
    opened_.sealed = true;
    const auto key = key_of_(sealed.at("$sealed").get<std::string>());
    if (!key) {
      opened_.erased = true;
      return std::optional<std::string>();
    }
    auto text = open_text(sealed, *key, seal_place(event_.stream, event_.type, path));
    if (!text.is_ok())
      return Status::corruption(fmt::format("event {} at position {}: {}", event_.type, event_.position, text.status().message()));
    return std::optional<std::string>(std::move(*text));
  }

  Status bad(std::string_view path, std::string_view why) const {
    return Status::corruption(
        fmt::format("event {} at position {}: the sealed value {} {}", event_.type, event_.position, path, why));
  }

  Opened opened() const { return opened_; }

 private:
  const store::Event& event_;
  const KeyOf& key_of_;
  Opened opened_;
};

}  // namespace

bool holds_sealed(const store::Event& event) {
  return event.payload.find(kMark) != std::string::npos || event.explanation.find(kMark) != std::string::npos;
}

Result<Opened> open_event(store::Event& event, const KeyOf& key_of) {
  if (!holds_sealed(event)) return Opened{};
  Opener opener(event, key_of);
  if (event.payload.find(kMark) != std::string::npos) {
    json payload = json::parse(event.payload, nullptr, false);
    if (payload.is_discarded()) return Status::corruption(fmt::format("event at position {} has a payload that is not JSON", event.position));
    if (Status st = opener.open(payload, ""); !st.is_ok()) return st;
    auto text = store::canonical_json(payload);
    if (!text.is_ok()) return text.status();
    event.payload = std::move(*text);
  }
  if (event.explanation.find(kMark) != std::string::npos) {
    const json trace = json::parse(event.explanation, nullptr, false);
    if (is_sealed_value(trace)) {
      auto text = opener.open_one(trace, "$explanation");
      if (!text.is_ok()) return text.status();
      event.explanation = *text ? std::move(**text) : json(kErasedValue).dump();
    }
  }
  return opener.opened();
}

}  // namespace mentorflow::engine
