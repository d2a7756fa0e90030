// The placement search's vocabulary: read off a definition's offer case types, and its JSON form.
#include "engine/read_models/placement_vocabulary.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace mentorflow::engine::read_models {
namespace {

using nlohmann::json;

// The offer attributes a filter compares, as the case's fields are named.
constexpr const char* kFiltered[] = {"area", "location", "language"};

void add_new(std::vector<std::string>& to, const std::vector<std::string>& values) {
  for (const std::string& v : values)
    if (std::find(to.begin(), to.end(), v) == to.end()) to.push_back(v);
}

const dsl::Type* enum_type(const dsl::Type& t) {
  if (t.is(dsl::TypeKind::Enum)) return &t;
  if (t.is(dsl::TypeKind::Optional) && t.element().is(dsl::TypeKind::Enum)) return &t.element();
  return nullptr;
}

}  // namespace

std::optional<PlacementVocabulary> placement_vocabulary(const dsl::Definition& definition) {
  std::optional<PlacementVocabulary> out;
  // An attribute some offer type holds as text is not enumerated, whatever the others say.
  std::vector<std::string> as_text;
  for (const dsl::CaseTypeSpec& type : definition.case_types()) {
    const auto places = type.find_field("places");
    if (type.cohort || !places || !type.fields[*places].type.is(dsl::TypeKind::Int)) continue;
    if (!out) out.emplace();
    for (const dsl::StateSpec& s : type.states) add_new(out->states, {s.name});
    for (const char* attribute : kFiltered) {
      const auto field = type.find_field(attribute);
      if (!field) continue;
      if (const dsl::Type* e = enum_type(type.fields[*field].type)) add_new(out->enumerated[attribute], e->values);
      else as_text.push_back(attribute);
    }
  }
  if (out)
    for (const std::string& attribute : as_text) out->enumerated.erase(attribute);
  return out;
}

json to_json(const PlacementVocabulary& v) {
  json enumerated = json::object();
  for (const auto& [attribute, values] : v.enumerated) enumerated[attribute] = values;
  return {{"states", v.states}, {"enumerated", std::move(enumerated)}};
}

Result<PlacementVocabulary> placement_vocabulary_from_json(const json& j) {
  try {
    PlacementVocabulary v;
    v.states = j.at("states").get<std::vector<std::string>>();
    v.enumerated = j.at("enumerated").get<std::map<std::string, std::vector<std::string>>>();
    return v;
  } catch (const json::exception& e) {
    return Status::invalid_argument(fmt::format("not a placement vocabulary: {}", e.what()));
  }
}

}  // namespace mentorflow::engine::read_models
