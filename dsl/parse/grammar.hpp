#pragma once
// The grammar's entry rules, declared for dsl/parse/parser.cpp and defined in dsl/parse/grammar_def.hpp
// (instantiated once, in dsl/parse/parser_grammar.cpp). A file is parsed in two steps, header then body,
// so an error in the header still lets the body be checked for errors.
//
//   workflow_header  'workflow' IDENT human_text '{'     rules_header  'rules' 'for' IDENT 'edition' TEXT '{'
//   workflow_body    workflow_item* '}' end-of-file      rules_body    rules_item* '}' end-of-file
#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/spirit/home/x3.hpp>

#include <vector>

#include "dsl/parse/ast.hpp"
#include "dsl/parse/parser_config.hpp"

namespace mentorflow::dsl::grammar {

struct WorkflowHeader {
  ast::Identifier name;
  ast::Text title;
};

struct RulesHeader {
  ast::Identifier workflow;
  ast::TextLit edition;
};

struct workflow_header_class;
struct workflow_body_class;
struct rules_header_class;
struct rules_body_class;

using workflow_header_type = x3::rule<workflow_header_class, WorkflowHeader>;
using workflow_body_type = x3::rule<workflow_body_class, std::vector<ast::WorkflowItem>>;
using rules_header_type = x3::rule<rules_header_class, RulesHeader>;
using rules_body_type = x3::rule<rules_body_class, std::vector<ast::RulesItem>>;

BOOST_SPIRIT_DECLARE(workflow_header_type, workflow_body_type, rules_header_type, rules_body_type)

workflow_header_type const& workflow_header_rule();
workflow_body_type const& workflow_body_rule();
rules_header_type const& rules_header_rule();
rules_body_type const& rules_body_rule();

}  // namespace mentorflow::dsl::grammar

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::grammar::WorkflowHeader, name, title)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::grammar::RulesHeader, workflow, edition)
