#include "engine/open_commands.hpp"

#include <algorithm>

#include "engine/authorise.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {
namespace {

// The state a `match` clause pairing `left` with `right` takes its right cases from, if one does.
std::optional<dsl::Index> matched_state(const dsl::Definition& definition, dsl::Index left, dsl::Index right) {
  for (const dsl::CaseTypeSpec& type : definition.case_types())
    for (const dsl::CommandSpec& command : type.commands)
      for (const dsl::ClauseSpec& clause : command.clauses)
        if (const auto* m = std::get_if<dsl::MatchClause>(&clause.clause))
          if (m->left_type == left && m->right_type == right) return m->right_state;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> referred_case_type(const dsl::Type& type) {
  if (type.is(dsl::TypeKind::Ref)) return type.name;
  if (type.is(dsl::TypeKind::List) || type.is(dsl::TypeKind::Set) || type.is(dsl::TypeKind::Optional))
    return referred_case_type(type.element());
  return std::nullopt;
}

std::vector<OpenCommand> open_commands(const dsl::Definition& definition, dsl::Index type, const CaseState& state,
                                       const std::string& case_name, const std::string& user,
                                       const std::vector<std::string>& roles) {
  const dsl::CaseTypeSpec& spec = definition.case_type(type);
  std::vector<OpenCommand> open;
  for (dsl::Index c = 0; c < spec.commands.size(); ++c)
    for (const std::string& role : roles)
      if (authorise(definition, spec, spec.commands[c], state, {user, role}, case_name).is_ok()) {
        open.push_back({c, role});
        break;
      }
  return open;
}

Result<std::vector<std::string>> ref_candidates(Engine& engine, const dsl::Definition& definition,
                                                const std::string& edition, dsl::Index type,
                                                const dsl::Type& input_type, std::size_t limit) {
  const auto target_name = referred_case_type(input_type);
  if (!target_name) return std::vector<std::string>{};
  const auto target = definition.find_case_type(*target_name);
  if (!target) return std::vector<std::string>{};
  const dsl::CaseTypeSpec& spec = definition.case_type(*target);
  const auto only = matched_state(definition, type, *target);
  auto summaries = read_models::case_summaries(engine.store(), edition + "/" + spec.name + "/");
  if (!summaries.is_ok()) return summaries.status();
  std::vector<std::string> names;
  for (const read_models::CaseSummary& s : *summaries) {
    const auto state = spec.find_state(s.state);
    if (!state || spec.states[*state].final || (only && *state != *only)) continue;
    names.push_back(s.name);
    if (names.size() >= limit) break;
  }
  return names;
}

}  // namespace mentorflow::engine
