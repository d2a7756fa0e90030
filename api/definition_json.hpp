#pragma once
// A published definition as the web app reads it (docs/API.md, "Definition"): roles, parameters
// and every case type with its parties, fields, documents, counters, states, commands (with typed
// inputs), outputs and timers, each with its labels. The UI is generated from this, so a new
// programme needs no UI code.
#include <nlohmann/json.hpp>

#include "dsl/compile/definition.hpp"

namespace mentorflow::api {

nlohmann::json definition_json(const dsl::Definition& definition, const std::string& edition);
// A label, help text or title as the contract has it, language -> text: {"en": "Degree course",
// "it": "Corso di laurea"}; {} when the designer wrote none.
nlohmann::json text_json(const dsl::Text& text);
// The definition's languages, the first that of its texts without a marker: ["en"] when it
// declares none (its texts are then English).
nlohmann::json languages_json(const dsl::Definition& definition);
// One type: {"kind": "list", "of": {"kind": "ref", "case_type": "mentor_application"}}. A named
// enum's "value_labels" come from `definition` (an inline enum's are {}).
nlohmann::json type_json(const dsl::Type& type, const dsl::Definition& definition);
// One command of `type` with its inputs, without the options of ref inputs; `definition` as for
// type_json.
nlohmann::json command_json(const dsl::CaseTypeSpec& type, const dsl::CommandSpec& command,
                            const dsl::Definition& definition);

}  // namespace mentorflow::api
