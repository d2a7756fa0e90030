// A run considers the left cases in its state; the others that can still change state (not final)
// are the ones a person would expect to hear about: told, never dropped.
#include "engine/matching/run/matching_left_out.hpp"

#include <set>

namespace mentorflow::engine::matching {

std::vector<MatchingRecord::LeftOut> left_out_of(const dsl::CommandSpec& command, dsl::Index clause_index,
                                                 const dsl::CaseTypeSpec& left,
                                                 const std::vector<std::pair<std::string, dsl::Index>>& cases) {
  const auto& clause = std::get<dsl::MatchClause>(command.clauses[clause_index].clause);
  std::set<dsl::Index> run_states;
  for (dsl::Index k = 0; k < command.clauses.size(); ++k) {
    const auto* other = std::get_if<dsl::MatchClause>(&command.clauses[k].clause);
    if (!other || other->left_type != clause.left_type) continue;
    if (k < clause_index) return {};
    run_states.insert(other->left_state);
  }
  std::vector<MatchingRecord::LeftOut> out;
  for (const auto& [id, state] : cases) {
    if (left.states[state].final || run_states.contains(state)) continue;
    std::string why;
    for (const auto& [explained, words] : clause.left_out)
      if (explained == state) why = words;
    out.push_back({id, left.states[state].name, why, ""});
  }
  return out;
}

}  // namespace mentorflow::engine::matching
