#pragma once
// The what-if report as the API answers it (POST /v1/editions/EDITION/what-if, docs/API.md):
// the decision groups, the value groups, the matching runs, the counts, and the text the CLI prints.
#include <nlohmann/json.hpp>

#include "engine/audit/what_if.hpp"

namespace mentorflow::api {

nlohmann::json what_if_json(const engine::audit::WhatIfReport& report);

}  // namespace mentorflow::api
