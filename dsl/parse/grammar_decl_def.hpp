#pragma once
// What both kinds of file declare: rules and decision tables (docs/LANGUAGE.md, "Decision
// tables"), and the comma-separated name lists every declaration uses.
//
// Recovery: every declaration rule derives from recover<LEVEL> (dsl/parse/error_handler.hpp). An error
// inside it is reported and parsing resumes at the next declaration of that level, so one run
// reports each broken declaration once. Rules and tables appear at two levels (a workflow's, a
// rules file's), hence two rules each over one definition.
#include <boost/spirit/home/x3.hpp>

#include <string>
#include <vector>

#include "dsl/parse/grammar_expr_def.hpp"

namespace mentorflow::dsl::grammar {

// names := IDENT (',' IDENT)*        (role_names, state_names, field_names, document_names, ...)
template <typename Tag>
auto name_list(char const* next) {
  return x3::rule<Tag, std::vector<ast::Identifier>>{"names"} = identifier >> *(',' > label(identifier, next));
}
struct role_names_tag;
struct state_names_tag;
struct field_names_tag;
struct document_names_tag;
struct party_names_tag;
struct variant_names_tag;

auto const role_names = name_list<role_names_tag>("a role name after ','");
auto const state_names = name_list<state_names_tag>("a state name after ','");
auto const field_names = name_list<field_names_tag>("a field name after ','");
auto const document_names = name_list<document_names_tag>("a document name after ','");
auto const party_names = name_list<party_names_tag>("a party name after ','");
auto const variant_names = name_list<variant_names_tag>("a variant name after ','");

// ---- shared: labels and help -------------------------------------------------------------------
// text_clause := ('label' | 'help') human_text          (keywords only here: both stay names)
struct text_clause_class : annotate {};
x3::rule<text_clause_class, ast::TextClause> const text_clause = "a label or help";
auto const text_clause_def =
    ((kw("label") >> x3::attr(std::string("label"))) > label(human_text, "the label in double quotes after 'label'")) |
    ((kw("help") >> x3::attr(std::string("help"))) > label(human_text, "the help text in double quotes after 'help'"));
x3::rule<class text_clauses_class, std::vector<ast::TextClause>> const text_clauses = "labels";
auto const text_clauses_def = *text_clause;

// labelled_name := IDENT text_clause*        (a role or an enum value where it is declared)
struct labelled_name_class : annotate {};
x3::rule<labelled_name_class, ast::LabelledName> const labelled_name = "a name";
auto const labelled_name_def = identifier >> text_clauses;

// ---- shared: rules and tables ------------------------------------------------------------------
struct rule_decl_class : annotate, recover<SyncLevel::Workflow> {};
struct rules_rule_decl_class : annotate, recover<SyncLevel::Rules> {};
struct table_decl_class : annotate, recover<SyncLevel::Workflow> {};
struct rules_table_decl_class : annotate, recover<SyncLevel::Rules> {};
struct table_row_class : annotate {};
struct any_cell_class : annotate {};
struct compare_cell_class : annotate {};

// rule := 'rule' IDENT '(' (param (',' param)*)? ')' (':' type)? ('=' expr)?
auto const rule_decl_body = (kw("rule") > label(identifier, "a rule name after 'rule'") >
                            label('(', "'(' and the parameters after the rule name") >
                            (x3::rule<class rule_params_class, std::vector<ast::Param>>{
                                 "a parameter such as 'a: application', or ')'"} =
                                 &x3::lit(')') | (param >> *(',' > label(param, "a parameter after ','")))) >
                            label(')', "',' or ')' after the parameter")) >> -(':' > type_ref) >>
                            -('=' > label(expr, "the rule's body after '='"));

// rule_decl := rule        (in a workflow: recovers at the workflow's next declaration)
x3::rule<rule_decl_class, ast::RuleDecl> const rule_decl = "a rule";
auto const rule_decl_def = rule_decl_body;
// rules_rule_decl := rule        (in a rules file: recovers at the file's next declaration)
x3::rule<rules_rule_decl_class, ast::RuleDecl> const rules_rule_decl = "a rule";
auto const rules_rule_decl_def = rule_decl_body;

// any_cell := '-'        (followed by ',' or '=>')
x3::rule<any_cell_class, ast::AnyCell> const any_cell = "'-'";
auto const any_cell_def = x3::lit('-') >> &(x3::lit(',') | "=>");
// compare_cell := compare_op range_expr
x3::rule<compare_cell_class, ast::CompareCell> const compare_cell = "a comparison";
auto const compare_cell_def = compare_op > label(range_expr, "a value after the comparison");
// cell := any_cell | compare_cell | expr
x3::rule<class cell_class, ast::Cell> const cell = "a cell such as -, >= 6 or a value";
auto const cell_def = any_cell | compare_cell | expr;

// row := cell (',' cell)* '=>' range_expr
// The output takes no comparison: `=> 20` then a row `< 5, ...` must not read as `20 < 5`.
x3::rule<table_row_class, ast::TableRow> const table_row = "a row";
auto const table_row_def = (x3::rule<class row_cells_class, std::vector<ast::Cell>>{"cells"} =
                                cell >> *(',' > label(cell, "a cell such as -, >= 6 or a value after ','"))) >
                           label("=>", "'=>' after the row's cells") > label(range_expr, "the row's output after '=>'");

// hit_policy := 'unique' | 'first' | 'collect' ('sum' | 'min' | 'max' | 'count')?
x3::rule<class hit_policy_class, std::string> const hit_policy = "a hit policy (unique, first or collect) after the result type";
auto const hit_policy_def =
    (kw("unique") >> x3::attr(std::string("unique"))) | (kw("first") >> x3::attr(std::string("first"))) |
    (kw("collect") >> ((kw("sum") >> x3::attr(std::string("collect sum"))) |
                       (kw("min") >> x3::attr(std::string("collect min"))) |
                       (kw("max") >> x3::attr(std::string("collect max"))) |
                       (kw("count") >> x3::attr(std::string("collect count"))) | x3::attr(std::string("collect"))));

// table := 'table' IDENT '(' param (',' param)* ')' ':' type hit_policy '{' row* '}'
auto const table_decl_body =
    kw("table") > label(identifier, "a table name after 'table'") >
    label('(', "'(' and the parameters after the table name") >
    (x3::rule<class table_params_class, std::vector<ast::Param>>{"a parameter such as 'degree: degree'"} =
         param >> *(',' > label(param, "a parameter after ','"))) >
    label(')', "',' or ')' after the parameter") > label(':', "':' and the result type after the parameters") >
    type_ref > hit_policy > label('{', "'{' and the rows after the hit policy") >
    (x3::rule<class table_rows_class, std::vector<ast::TableRow>>{"rows"} = *table_row) >
    label('}', "'}' to close {decl}");

// table_decl := table        (in a workflow)
x3::rule<table_decl_class, ast::TableDecl> const table_decl = "a table";
auto const table_decl_def = table_decl_body;
// rules_table_decl := table        (in a rules file)
x3::rule<rules_table_decl_class, ast::TableDecl> const rules_table_decl = "a table";
auto const rules_table_decl_def = table_decl_body;

BOOST_SPIRIT_DEFINE(text_clause, text_clauses, labelled_name, rule_decl, rules_rule_decl, any_cell, compare_cell, cell,
                    table_row, hit_policy, table_decl, rules_table_decl)

}  // namespace mentorflow::dsl::grammar
