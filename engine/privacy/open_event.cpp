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
  Status open(json& value, const std::string& path) const {
    if (is_sealed_value(value)) return open_one(value, path);
    if (value.is_object()) {
      for (auto& [member, inner] : value.items())
        if (Status st = open(inner, path.empty() ? member : path + "/" + member); !st.is_ok()) return st;
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i)
        if (Status st = open(value[i], fmt::format("{}/{}", path, i)); !st.is_ok()) return st;
    }
    return Status::ok();
  }

  // `sealed` replaced by the value it holds, or by "[erased]" when its subject is erased.
  Status open_one(json& sealed, std::string_view path) const {
    const auto key = key_of_(sealed.at("$sealed").get<std::string>());
    if (!key) {
      sealed = kErasedValue;
      return Status::ok();
    }
    auto text = open_text(sealed, *key, seal_place(event_.stream, event_.type, path));
    if (!text.is_ok())
      return Status::corruption(fmt::format("event {} at position {}: {}", event_.type, event_.position, text.status().message()));
    sealed = json::parse(*text, nullptr, false);
    if (sealed.is_discarded())
      return Status::corruption(
          fmt::format("event {} at position {}: the sealed value {} does not hold JSON", event_.type, event_.position, path));
    return Status::ok();
  }

 private:
  const store::Event& event_;
  const KeyOf& key_of_;
};

}  // namespace

Status SealedOpener::open(const store::Event& event, bool explanation, json& parsed) const {
  const std::string& text = explanation ? event.explanation : event.payload;
  if (text.find(kMark) == std::string::npos) return Status::ok();
  const Opener opener(event, key_of_);
  if (!explanation) return opener.open(parsed, "");
  return is_sealed_value(parsed) ? opener.open_one(parsed, "$explanation") : Status::ok();
}

}  // namespace mentorflow::engine
