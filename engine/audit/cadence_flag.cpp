#include "engine/audit/cadence_flag.hpp"

#include <fmt/core.h>

#include "dsl/eval/cadence.hpp"
#include "dsl/time/time_text.hpp"

namespace mentorflow::engine {

std::optional<std::string> cadence_flag_text(const nlohmann::json& payload, const dsl::Definition* definition,
                                             const std::string& case_type) {
  if (!payload.is_object() || payload.value("within", true)) return std::nullopt;
  const auto gap_seconds = payload.find("gap_seconds");
  const auto input = payload.find("input");
  if (gap_seconds == payload.end() || !gap_seconds->is_number_integer() || input == payload.end() || !input->is_string())
    return std::nullopt;
  const auto value = dsl::cadence_value_from_json(payload.value("value", nlohmann::json()));
  const std::int64_t seconds = gap_seconds->get<std::int64_t>();
  const auto previous = value ? dsl::cadence_previous(*value, seconds) : std::nullopt;
  const std::string zone = definition ? definition->zone() : "";  // as the command counted it (dsl/eval/execute.cpp)
  const auto gap = previous ? dsl::cadence_gap(*previous, *value, zone) : std::nullopt;
  if (!gap) return std::nullopt;
  const dsl::CadenceClause* clause = nullptr;
  if (definition)
    if (auto type = definition->find_case_type(case_type))
      clause = dsl::find_cadence(definition->case_type(*type), input->get<std::string>());
  std::string text =
      dsl::cadence_flag_text(input->get<std::string>(), *gap, clause, definition ? &definition->program() : nullptr);
  // Logs written before gaps were counted in the calendar keep their flags (the log is the truth);
  // say why one that the calendar would not raise was raised.
  if (clause && value->kind() == dsl::ValueKind::DateTime &&
      dsl::cadence_within(*previous, *value, clause->min.as_duration(), clause->max.as_duration(), zone))
    text += fmt::format(" ({} on the clock: flagged when gaps were counted in elapsed hours)",
                        dsl::format_duration({0, seconds}));
  return text;
}

}  // namespace mentorflow::engine
