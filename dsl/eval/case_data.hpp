#pragma once
// A case as evaluation sees it: its values by slot (the positions in its CaseTypeSpec). The engine
// builds one from its folded state (case_data_from_json reads the name-keyed JSON form), hands it
// to execute(), and stores what comes back. Plain data; copy freely.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsl/model/model.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

struct CaseData {
  std::string id;                     // the case's name ("mie-2021/application/anna"); refs hold it
  Index case_type = 0;
  Index state = 0;
  std::vector<Value> fields;          // absent: not set yet
  std::vector<std::int64_t> counters;
  std::vector<std::string> parties;   // the user of each party; "" until known
  std::vector<bool> documents;        // attached?
  std::vector<Value> cadence;         // previous value of each cadence input; absent: none yet
};

// A fresh case of `type` (index `type_index`) in its initial state, nothing set.
CaseData new_case(const CaseTypeSpec& type, Index type_index, std::string id);

// Gives evaluation the other cases a `ref` names (`a.project.language`). Implemented by the engine
// over its loaded cases; must return the same data for the same id during one evaluation.
class CaseResolver {
 public:
  virtual ~CaseResolver() = default;
  // The case `id` of type `case_type`, or nullptr when there is none.
  virtual const CaseData* find(Index case_type, const std::string& id) const = 0;
};

// The case as JSON keyed by names (canonical: keys sorted, absent fields omitted):
// {"id", "type", "state", "fields": {name: value}, "counters": {name: n}, "parties": {name: user},
//  "documents": [names attached], "cadence": {input: value}}
nlohmann::json to_json(const CaseData& c, const std::vector<CaseTypeSpec>& types);

// Reads the form above back against its case type. On a mismatch (unknown case type, state, field
// or party, a value of the wrong type) returns nullopt and sets `error` to one sentence.
std::optional<CaseData> case_data_from_json(const nlohmann::json& json, const std::vector<CaseTypeSpec>& types,
                                            std::string& error);

}  // namespace mentorflow::dsl
