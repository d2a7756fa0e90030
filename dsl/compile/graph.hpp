#pragma once
// The state machines of a checked workflow as Graphviz dot: one cluster per case type or cohort;
// the initial state bold, final states double-bordered; every command an edge labelled with its
// name and roles; a decision two edges (solid when its condition holds, dashed otherwise)
// labelled with the condition; a command that keeps the state a dotted loop; a creating command
// an edge from a start point. `dot -Tsvg` renders it.
#include <optional>
#include <string>

#include "dsl/check/check.hpp"

namespace mentorflow::dsl {

std::string to_dot(const CheckedWorkflow& workflow);

// Parses and checks `file` as a workflow and draws it; nullopt when it does not check (the
// problems in `diagnostics`) or is a rules file (`is_rules` set).
std::optional<std::string> workflow_dot(const SourceFile& file, Diagnostics& diagnostics, bool& is_rules);

}  // namespace mentorflow::dsl
