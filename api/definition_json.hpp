#pragma once
// A published definition as the web app reads it (docs/API.md, "Definition"): roles, parameters
// and every case type with its parties, fields, documents, counters, states, commands (with typed
// inputs), outputs and timers, each with its labels. The UI is generated from this, so a new
// programme needs no UI code.
#include <nlohmann/json.hpp>

#include "dsl/compile/definition.hpp"

namespace mentorflow::api {

nlohmann::json definition_json(const dsl::Definition& definition, const std::string& edition);
// One type: {"kind": "list", "of": {"kind": "ref", "case_type": "mentor_application"}}.
nlohmann::json type_json(const dsl::Type& type);
// One command of `type` with its inputs, without the options of ref inputs.
nlohmann::json command_json(const dsl::CaseTypeSpec& type, const dsl::CommandSpec& command);

}  // namespace mentorflow::api
