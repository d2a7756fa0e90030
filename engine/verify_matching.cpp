// Re-running a recorded matching run: the algorithms are pure functions of the instance, so the
// same instance must give the same matches on any machine.
#include "engine/verify_matching.hpp"

#include <fmt/core.h>

#include "engine/matching/audit.hpp"
#include "engine/matching_record.hpp"
#include "engine/matching_words.hpp"

namespace mentorflow::engine {

std::optional<std::string> check_matching_run(const store::Event& event) {
  auto payload = event.payload_json();
  if (!payload.is_ok()) return payload.status().message();
  auto recorded = MatchingRecord::from_json(*payload);
  if (!recorded.is_ok()) return recorded.status().message();
  MatchingRecord again = *recorded;
  if (std::string fault = matching::validate(again.instance, recorded->result); !fault.empty())
    return "the recorded matches do not fit the recorded instance: " + fault;
  again.result = run_method(again);
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
  return std::nullopt;
}

}  // namespace mentorflow::engine
