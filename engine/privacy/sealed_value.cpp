#include "engine/privacy/sealed_value.hpp"

#include <fmt/core.h>

#include "store/event.hpp"

namespace mentorflow::engine {

std::string seal_place(std::string_view stream, std::string_view type, std::string_view path) {
  return fmt::format("{}\n{}\n{}", stream, type, path);
}

bool is_sealed_value(const nlohmann::json& value) {
  if (!value.is_object() || value.size() != 2) return false;
  const auto subject = value.find("$sealed");
  const auto sealed = value.find("v");
  return subject != value.end() && subject->is_string() && sealed != value.end() && sealed->is_string();
}

bool reads_erased(const nlohmann::json& inputs) {
  if (inputs == kErasedValue) return true;
  if (!inputs.is_object()) return false;
  for (const auto& [name, value] : inputs.items())
    if (value == kErasedValue) return true;
  return false;
}

Result<nlohmann::json> seal_text(std::string_view json_text, std::string_view subject, const store::DataKey& key,
                                 std::string_view place) {
  auto sealed = store::seal(key, json_text, place);
  if (!sealed.is_ok()) return sealed.status();
  return nlohmann::json{{"$sealed", subject}, {"v", store::base64_of(*sealed)}};
}

Result<nlohmann::json> seal_value(const nlohmann::json& value, std::string_view subject, const store::DataKey& key,
                                  std::string_view place) {
  auto text = store::canonical_json(value);
  if (!text.is_ok()) return text.status();
  return seal_text(*text, subject, key, place);
}

Result<std::string> open_text(const nlohmann::json& sealed, const store::DataKey& key, std::string_view place) {
  const auto bytes = store::bytes_of_base64(sealed.at("v").get<std::string>());
  const auto where = [&] {
    std::string p(place);
    for (char& c : p)
      if (c == '\n') c = ' ';
    return p;
  };
  if (!bytes) return Status::corruption(fmt::format("the sealed value at {} is not base64", where()));
  auto plain = store::unseal(key, *bytes, place);
  if (!plain.is_ok())
    return Status::corruption(fmt::format("the sealed value at {} does not open with its subject's key: altered, or moved from elsewhere", where()));
  return std::move(*plain);
}

}  // namespace mentorflow::engine
