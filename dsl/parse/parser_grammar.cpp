// The one translation unit that compiles the grammar (dsl/grammar_*def.hpp) for the iterator and
// context of dsl/parse/parser_config.hpp.
#include "dsl/parse/grammar_def.hpp"

namespace mentorflow::dsl::grammar {

BOOST_SPIRIT_INSTANTIATE(workflow_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(workflow_body_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(rules_header_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(rules_body_type, iterator_type, context_type)

workflow_header_type const& workflow_header_rule() { return workflow_header; }
workflow_body_type const& workflow_body_rule() { return workflow_body; }
rules_header_type const& rules_header_rule() { return rules_header; }
rules_body_type const& rules_body_rule() { return rules_body; }

}  // namespace mentorflow::dsl::grammar
