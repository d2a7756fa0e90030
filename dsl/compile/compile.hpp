#pragma once
// Compiling: a checked workflow and a rules file checked against it become one immutable
// Definition. build_definition() does parse + check + compile from the two texts, as the engine
// does when it publishes an edition or rebuilds one from the texts in its log.
#include <optional>

#include "dsl/check/check.hpp"
#include "dsl/compile/definition.hpp"
#include "dsl/parse/diagnostic.hpp"
#include "dsl/source_file.hpp"

namespace mentorflow::dsl {

// `rules` must have been checked against `workflow`. Keeps copies of both texts.
Definition compile(const CheckedWorkflow& workflow, const CheckedRules& rules);

// nullopt when either file has an error (every diagnostic of both reported), or when the rules
// file names another workflow (reported). `diagnostics` points at the given files, so they must
// outlive it.
std::optional<Definition> build_definition(const SourceFile& workflow, const SourceFile& rules,
                                           Diagnostics& diagnostics);

}  // namespace mentorflow::dsl
