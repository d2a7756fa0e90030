#include "engine/flags/case_flags.hpp"

#include <fmt/core.h>

#include "dsl/time/time_text.hpp"
#include "engine/audit/cadence_flag.hpp"
#include "engine/engine.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {

std::vector<CaseFlag> flags_of_case(const CaseState& state, const dsl::Definition* definition) {
  std::vector<CaseFlag> out;
  std::uint64_t number = 0;
  for (const nlohmann::json& f : state.flags) {
    CaseFlag flag;
    flag.case_name = state.name;
    flag.number = ++number;
    // A CadenceRecorded payload has no kind: cadence flags were the only flags before there were others.
    flag.kind = f.value("kind", std::string("cadence"));
    if (flag.kind == "cadence") {
      flag.text = cadence_flag_text(f, definition, state.case_type)
                      .value_or(fmt::format("{} came outside its expected range", f.value("input", std::string("a date"))));
    } else {
      flag.text = f.value("reason", std::string());
      if (f.contains("raised_at")) flag.raised_at = f.at("raised_at").get<UtcMicros>();
    }
    if (const auto c = f.find("cleared"); c != f.end()) {
      flag.cleared = true;
      flag.cleared_reason = c->value("reason", std::string());
      flag.cleared_by = c->value("by", std::string());
      if (c->contains("at")) flag.cleared_at = c->at("at").get<UtcMicros>();
    }
    out.push_back(std::move(flag));
  }
  return out;
}

Result<std::vector<CaseFlag>> open_flags_of_edition(Engine& engine, const std::string& edition) {
  auto definition = engine.definition_of_edition(edition);
  if (!definition.is_ok()) return definition.status();
  // The read models count each case's open flags, so only flagged cases are folded.
  if (auto caught_up = read_models::catch_up_read_models(engine.store()); !caught_up.is_ok()) return caught_up.status();
  auto cases = read_models::case_summaries(engine.store(), edition + "/");
  if (!cases.is_ok()) return cases.status();
  std::vector<CaseFlag> open;
  for (const read_models::CaseSummary& summary : *cases) {
    if (summary.flags == 0) continue;
    auto state = engine.load(summary.name);
    if (!state.is_ok()) return Status::corruption(fmt::format("case '{}': {}", summary.name, state.status().message()));
    auto own = engine.definition_of_case(*state);
    for (CaseFlag& f : flags_of_case(*state, own.is_ok() ? *own : *definition))
      if (!f.cleared) open.push_back(std::move(f));
  }
  return open;
}

nlohmann::json flags_json(const std::vector<CaseFlag>& flags, const std::string& zone) {
  nlohmann::json out = nlohmann::json::array();
  for (const CaseFlag& f : flags)
    out.push_back({{"case", f.case_name},
                   {"flag", f.number},
                   {"kind", f.kind},
                   {"text", f.text},
                   {"raised_at", f.raised_at ? nlohmann::json(dsl::format_datetime_json(*f.raised_at, zone)) : nlohmann::json()}});
  return out;
}

}  // namespace mentorflow::engine
