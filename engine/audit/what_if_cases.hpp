#pragma once
// What-if's view of an edition's cases while it walks the log: each case as the log had it at that
// point, and the field values the new rules would have set differently so far. Re-running a
// command or a matching run under the new rules reads the cases with those values (so a capacity
// the new rules raise is the capacity the matching run sees); under the edition's own rules, as
// recorded. Read-only. Report: engine/audit/what_if.hpp.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "dsl/compile/definition.hpp"
#include "dsl/eval/case_data.hpp"
#include "engine/case_state.hpp"

namespace mentorflow::engine::audit {

class WhatIfCases {
 public:
  // Folds one event of the edition into its case. Corruption when it does not fit.
  Status fold(const store::Event& event);

  // The case as folded so far; null when the log has not opened it yet.
  const CaseState* state(const std::string& stream) const;

  // Case `stream` as evaluation reads it under `definition` (a fresh case when the log has none
  // yet); with `what_if`, its fields as the new rules would have set them.
  Result<dsl::CaseData> case_data(const std::string& stream, const dsl::Definition& definition, bool what_if) const;

  // The value the new rules give field `field` of `stream`, when it differs from the log's; null
  // forgets it (the log's value stands).
  void set_what_if(const std::string& stream, const std::string& field, const nlohmann::json& value);

  // A decision's recorded inputs (DecisionRecorded's payload) with the new rules' field values in
  // its case and in the other cases it read.
  nlohmann::json with_what_if(const std::string& stream, nlohmann::json decision) const;

  // "mentee anna, mentor marco" (party_words.hpp), "" for a case of nobody's.
  std::string parties(const std::string& stream, const dsl::Definition& definition) const;

 private:
  std::unordered_map<std::string, CaseState> states_;
  std::unordered_map<std::string, nlohmann::json> what_if_;  // stream -> {field: value}
};

// Gives evaluation the cases a `ref` names, from a WhatIfCases, each converted once.
class WhatIfResolver final : public dsl::CaseResolver {
 public:
  WhatIfResolver(const WhatIfCases& cases, const dsl::Definition& definition, bool what_if)
      : cases_(cases), definition_(definition), what_if_(what_if) {}
  const dsl::CaseData* find(dsl::Index case_type, const std::string& id) const override;

 private:
  const WhatIfCases& cases_;
  const dsl::Definition& definition_;
  bool what_if_;
  mutable std::map<std::string, std::unique_ptr<dsl::CaseData>> cache_;
};

}  // namespace mentorflow::engine::audit
