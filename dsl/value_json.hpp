#pragma once
// Values as JSON: commands arrive as JSON and case state is stored as JSON. The forms (one per
// type) are in docs/LANGUAGE.md, "Values as JSON"; to_json writes the canonical one, so a value
// written and read back is the same value.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "dsl/types.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

// The canonical JSON of `v`: null, true, 6, 1.5, "text", "2025-09-01",
// "2021-10-07T12:30:00+02:00[Europe/Rome]", "90min", "B2", "bachelor", [..], "case-id".
nlohmann::json to_json(const Value& v);

// Reads `json` as a value of `type`. On a mismatch returns nullopt and sets `error` to one
// lower-case phrase ("expected cefr (A1..C2), found \"B3\""). null reads as absent only for an
// optional type.
std::optional<Value> value_from_json(const nlohmann::json& json, const Type& type, std::string& error);

}  // namespace mentorflow::dsl
