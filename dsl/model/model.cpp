#include "dsl/model/model.hpp"
#include "dsl/named.hpp"

#include <algorithm>

#include "dsl/model/program.hpp"

namespace mentorflow::dsl {

bool CommandSpec::allows_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool CommandSpec::allows_state(Index state) const { return std::find(from.begin(), from.end(), state) != from.end(); }

std::optional<Index> CommandSpec::find_input(std::string_view name) const { return index_by_name(inputs, name); }

std::optional<Index> CaseTypeSpec::find_party(std::string_view name) const { return index_by_name(parties, name); }
std::optional<Index> CaseTypeSpec::find_field(std::string_view name) const { return index_by_name(fields, name); }
std::optional<Index> CaseTypeSpec::find_document(std::string_view name) const { return index_by_name(documents, name); }
std::optional<Index> CaseTypeSpec::find_counter(std::string_view name) const { return index_by_name(counters, name); }
std::optional<Index> CaseTypeSpec::find_state(std::string_view name) const { return index_by_name(states, name); }
std::optional<Index> CaseTypeSpec::find_command(std::string_view name) const { return index_by_name(commands, name); }
std::optional<Index> CaseTypeSpec::find_output(std::string_view name) const { return index_by_name(outputs, name); }

std::string edition_zone(const Program& program) {
  if (!program.zone.empty()) return program.zone;
  for (const Value& v : program.param_values)
    if (v.kind() == ValueKind::DateTime && !v.as_text().empty()) return v.as_text();
  return "UTC";
}

}  // namespace mentorflow::dsl
