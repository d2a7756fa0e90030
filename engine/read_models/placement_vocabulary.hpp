#pragma once
// What the placement search's filters may ask for, per edition: the states an offer can be in and
// the values of its `area`, `location` and `language` where the workflow declares them as an enum
// (MILEAGE's `work_area`). Taken from the edition's published definition by the placement
// projection (`vocabulary/EDITION` in the views), so that a search for a value no offer can have
// is an error naming the known ones instead of an empty answer. Design: docs/ENGINE.md,
// "Placement search".
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.hpp"
#include "dsl/compile/definition.hpp"

namespace mentorflow::engine::read_models {

struct PlacementVocabulary {
  std::vector<std::string> states;  // in declaration order
  // "area", "location", "language" -> the enum's values, only for the attributes that are enums
  std::map<std::string, std::vector<std::string>> enumerated;

  bool operator==(const PlacementVocabulary&) const = default;
};

// The vocabulary of the offer case types of `definition` (those with an int field `places`, as
// the projection recognises offers); nullopt when it has none.
std::optional<PlacementVocabulary> placement_vocabulary(const dsl::Definition& definition);

// As the views hold it, and back (InvalidArgument for anything else).
nlohmann::json to_json(const PlacementVocabulary& vocabulary);
Result<PlacementVocabulary> placement_vocabulary_from_json(const nlohmann::json& json);

}  // namespace mentorflow::engine::read_models
