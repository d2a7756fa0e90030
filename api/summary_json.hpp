#pragma once
// A case's read-model summary as the API shows it in lists (docs/API.md, "CaseSummary").
#include <nlohmann/json.hpp>

#include "engine/read_models/read_model.hpp"

namespace mentorflow::api {

nlohmann::json summary_json(const engine::read_models::CaseSummary& summary);

}  // namespace mentorflow::api
