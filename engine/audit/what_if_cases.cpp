#include "engine/audit/what_if_cases.hpp"

#include <fmt/core.h>

#include "engine/audit/party_words.hpp"
#include "engine/case_name.hpp"
#include "engine/plan.hpp"

namespace mentorflow::engine::audit {

Status WhatIfCases::fold(const store::Event& event) {
  CaseState& state = states_[event.stream];
  if (state.name.empty()) state.name = event.stream;
  return engine::fold(state, event);
}

const CaseState* WhatIfCases::state(const std::string& stream) const {
  auto it = states_.find(stream);
  return it == states_.end() || !it->second.exists() ? nullptr : &it->second;
}

Result<dsl::CaseData> WhatIfCases::case_data(const std::string& stream, const dsl::Definition& definition,
                                             bool what_if) const {
  auto name = parse_case_name(stream);
  if (!name.is_ok()) return name.status();
  const CaseState* found = state(stream);
  const std::string type_name = found ? found->case_type : name->type;
  auto type = definition.find_case_type(type_name);
  if (!type) return Status::invalid_argument(fmt::format("the definition has no case type '{}'", type_name));
  if (!found) return to_case_data(CaseState{}, definition, *type, stream);
  auto changed = what_if ? what_if_.find(stream) : what_if_.end();
  if (changed == what_if_.end()) return to_case_data(*found, definition, *type, stream);
  CaseState with = *found;
  for (const auto& [field, value] : changed->second.items()) with.fields[field] = value;
  return to_case_data(with, definition, *type, stream);
}

void WhatIfCases::set_what_if(const std::string& stream, const std::string& field, const nlohmann::json& value) {
  if (!value.is_null()) {
    what_if_[stream][field] = value;
    return;
  }
  if (auto it = what_if_.find(stream); it != what_if_.end()) {
    it->second.erase(field);
    if (it->second.empty()) what_if_.erase(it);
  }
}

nlohmann::json WhatIfCases::with_what_if(const std::string& stream, nlohmann::json decision) const {
  const auto apply = [&](const std::string& id, nlohmann::json& recorded) {
    auto changed = what_if_.find(id);
    if (changed == what_if_.end() || !recorded.is_object()) return;
    for (const auto& [field, value] : changed->second.items()) recorded["fields"][field] = value;
  };
  if (decision.contains("inputs") && decision["inputs"].is_object()) {
    nlohmann::json& inputs = decision["inputs"];
    if (inputs.contains("case")) apply(stream, inputs["case"]);
    if (inputs.contains("cases") && inputs["cases"].is_object())
      for (auto& [id, c] : inputs["cases"].items()) apply(id, c);
  }
  return decision;
}

std::string WhatIfCases::parties(const std::string& stream, const dsl::Definition& definition) const {
  const CaseState* found = state(stream);
  if (!found) return "";
  const auto type = definition.find_case_type(found->case_type);
  return party_words(type ? &definition.case_type(*type) : nullptr, found->parties);
}

const dsl::CaseData* WhatIfResolver::find(dsl::Index case_type, const std::string& id) const {
  if (auto it = cache_.find(id); it != cache_.end()) return it->second.get();
  std::unique_ptr<dsl::CaseData> data;
  const CaseState* state = cases_.state(id);
  if (state && state->case_type == definition_.case_type(case_type).name)
    if (auto converted = cases_.case_data(id, definition_, what_if_); converted.is_ok())
      data = std::make_unique<dsl::CaseData>(std::move(*converted));
  return (cache_[id] = std::move(data)).get();
}

}  // namespace mentorflow::engine::audit
