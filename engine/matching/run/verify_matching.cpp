// Re-running a recorded matching run: the algorithms are pure functions of the instance, so the
// same instance must give the same matches on any machine.
#include "engine/matching/run/verify_matching.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "engine/case_name.hpp"
#include "engine/matching/audit.hpp"
#include "engine/matching/run/matching_left_out.hpp"
#include "engine/matching/run/matching_record.hpp"
#include "engine/matching/run/matching_words.hpp"

namespace mentorflow::engine::matching {
namespace {

// The cases the run should have left out, from the log's states, against those it recorded.
std::optional<std::string> check_left_out(const MatchingRecord& run, const std::string& cohort,
                                          const dsl::Definition& definition,
                                          const std::map<std::string, std::string>& states) {
  auto name = parse_case_name(cohort);
  auto cohort_type = name.is_ok() ? definition.find_case_type(name->type) : std::nullopt;
  auto left_type = definition.find_case_type(run.left_type);
  if (!cohort_type || !left_type) return "the run names case types its definition does not have";
  const dsl::CaseTypeSpec& cohort_spec = definition.case_type(*cohort_type);
  auto command = cohort_spec.find_command(run.command);
  if (!command || run.clause >= cohort_spec.commands[*command].clauses.size() ||
      !std::holds_alternative<dsl::MatchClause>(cohort_spec.commands[*command].clauses[run.clause].clause))
    return fmt::format("the run names clause {} of command '{}', which is not a match clause", run.clause + 1,
                       run.command);
  const dsl::CaseTypeSpec& left = definition.case_type(*left_type);
  std::vector<std::pair<std::string, dsl::Index>> cases;
  const std::string prefix = name->edition + "/" + left.name + "/";
  for (auto it = states.lower_bound(prefix); it != states.end() && it->first.starts_with(prefix); ++it)
    if (auto state = left.find_state(it->second)) cases.emplace_back(it->first, *state);
  // The run lists them in the order it met them (the order the cases were opened); the log's states
  // are by name: compare both by name.
  auto expected = left_out_of(cohort_spec.commands[*command], run.clause, left, cases);
  auto recorded = run.left_out;
  const auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(expected.begin(), expected.end(), by_id);
  std::sort(recorded.begin(), recorded.end(), by_id);
  for (std::size_t i = 0; i < expected.size() || i < recorded.size(); ++i) {
    if (i >= recorded.size())
      return fmt::format("{} was '{}', a state the run does not match, but the run does not say so", expected[i].id,
                         expected[i].state);
    if (i >= expected.size() || expected[i].id != recorded[i].id)
      return fmt::format("the run says it left out {} ('{}'), but the log does not have it there",
                         recorded[i].id, recorded[i].state);
    if (expected[i].state != recorded[i].state || expected[i].why != recorded[i].why)
      return fmt::format("the run says {} was '{}' ({}), but the log and the workflow say '{}' ({})",
                         recorded[i].id, recorded[i].state, recorded[i].why, expected[i].state,
                         expected[i].why);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_matching_run(const store::Event& event, const dsl::Definition* definition,
                                              const std::map<std::string, std::string>& states) {
  auto payload = event.payload_json();
  if (!payload.is_ok()) return payload.status().message();
  auto recorded = MatchingRecord::from_json(*payload);
  if (!recorded.is_ok()) return recorded.status().message();
  MatchingRecord again = *recorded;
  if (std::string fault = matching::validate(again.instance, recorded->result); !fault.empty())
    return "the recorded matches do not fit the recorded instance: " + fault;
  again.result = run_method(again);
  if (again.closed != recorded->closed) {
    const auto names = [&](const std::vector<matching::Closed>& closed) {
      std::string out;
      for (const matching::Closed& c : closed) out += (out.empty() ? "" : ", ") + again.rights[c.right];
      return out.empty() ? std::string("none") : out;
    };
    return fmt::format("recorded as not formed for their minimum: {}; run again the {} method closes: {}",
                       names(recorded->closed), again.method, names(again.closed));
  }
  for (std::size_t l = 0; l < again.lefts.size(); ++l)
    if (again.result.right_of[l] != recorded->result.right_of[l]) {
      const auto name = [&](std::int32_t r) { return r < 0 ? std::string("no one") : again.rights[r]; };
      return fmt::format("recorded {} for {}, but run again the {} method gives {}", name(recorded->result.right_of[l]),
                         again.lefts[l], again.method, name(again.result.right_of[l]));
    }
  again.blocking_pairs = matching::blocking_pairs(again.instance, again.result).size();
  if (again.blocking_pairs != recorded->blocking_pairs)
    return fmt::format("recorded {} blocking pairs, but the audit finds {}", recorded->blocking_pairs,
                       again.blocking_pairs);
  explain(again);
  if (again.explanations != recorded->explanations) return "the recorded explanations are not the run's";
  if (again.right_notes != recorded->right_notes) return "the recorded notes on the right cases are not the run's";
  for (const matching::Closed& c : again.closed)
    if (std::find(recorded->flags.begin(), recorded->flags.end(), closed_flag(again, c)) == recorded->flags.end())
      return fmt::format("the run does not flag that {} was not formed", again.rights[c.right]);
  for (std::size_t i = 0; i < again.left_out.size(); ++i)
    if (again.left_out[i].explanation != recorded->left_out[i].explanation)
      return fmt::format("the recorded explanation for {}, left out, is not the run's", again.left_out[i].id);
  if (definition) return check_left_out(*recorded, event.stream, *definition, states);
  return std::nullopt;
}

}  // namespace mentorflow::engine::matching
