#pragma once
// "Did you mean ...?": the candidate closest to a misspelt name, by edit distance (optimal string
// alignment: insertions, deletions, substitutions and swaps of two neighbours each cost one).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorflow::dsl {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `name`, when it is near enough to be a plausible slip: at most one
// edit for names up to four characters, two up to eight, three beyond; ties go to the first
// candidate. Never `name` itself.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace mentorflow::dsl
