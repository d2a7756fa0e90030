#pragma once
// The two kinds of file: a workflow's declarations and cases, a rules file's edition values.
// docs/LANGUAGE.md, "A workflow file" and "A rules file". Defines the entry rules declared in
// dsl/parse/grammar.hpp; included by dsl/parse/parser_grammar.cpp only.
//
// A word where a declaration should start is reported by a `junk_in_*` rule, which recovers like a
// declaration: reported once, then skipped to the next declaration.
#include <boost/spirit/home/x3.hpp>

#include <string>
#include <vector>

#include "dsl/parse/grammar.hpp"
#include "dsl/parse/grammar_case_def.hpp"

namespace mentorflow::dsl::grammar {

struct roles_decl_class : annotate, recover<SyncLevel::Workflow> {};
struct languages_decl_class : annotate, recover<SyncLevel::Workflow> {};
struct misplaced_case_text_class : recover<SyncLevel::Case> {};
struct misplaced_personal_item_class : recover<SyncLevel::Case> {};
struct param_decl_class : annotate, recover<SyncLevel::Workflow> {};
struct enum_decl_class : annotate, recover<SyncLevel::Workflow> {};
struct case_decl_class : annotate, recover<SyncLevel::Workflow> {};
struct junk_in_case_class : recover<SyncLevel::Case> {};
struct junk_in_workflow_class : recover<SyncLevel::Workflow> {};
struct set_decl_class : annotate, recover<SyncLevel::Rules> {};
struct let_decl_class : annotate, recover<SyncLevel::Rules> {};
struct zone_decl_class : annotate, recover<SyncLevel::Rules> {};
struct zone_name_class : annotate {};
struct retention_decl_class : annotate, recover<SyncLevel::Rules> {};
struct retention_period_class : annotate {};
struct junk_in_rules_class : recover<SyncLevel::Rules> {};
struct workflow_header_class : recover<SyncLevel::Workflow> {};
struct workflow_body_class : give_up {};
struct rules_header_class : recover<SyncLevel::Rules> {};
struct rules_body_class : give_up {};

// ---- workflow declarations -----------------------------------------------------------------------
// roles := ('participants' | 'staff' | 'auditors' | 'privacy') IDENT text_clause* (',' IDENT text_clause*)*
x3::rule<class labelled_roles_class, std::vector<ast::LabelledName>> const labelled_roles = "names";
auto const labelled_roles_def = labelled_name >> *(',' > label(labelled_name, "a role name after ','"));
x3::rule<roles_decl_class, ast::RolesDecl> const roles_decl = "roles";
auto const roles_decl_def =
    (kw("participants") >> x3::attr(std::string("participants")) >
     label(labelled_roles, "a role name after 'participants'")) |
    (kw("staff") >> x3::attr(std::string("staff")) > label(labelled_roles, "a role name after 'staff'")) |
    (kw("auditors") >> x3::attr(std::string("auditors")) > label(labelled_roles, "a role name after 'auditors'")) |
    (kw("privacy") >> x3::attr(std::string("privacy")) > label(labelled_roles, "a role name after 'privacy'"));

// languages := 'languages' LANGUAGE (',' LANGUAGE)*        (`languages` is a keyword only here)
x3::rule<languages_decl_class, ast::LanguagesDecl> const languages_decl = "the languages";
auto const languages_decl_def =
    kw("languages") >
    (x3::rule<class language_codes_class, std::vector<ast::Identifier>>{
         "a language code such as en after 'languages'"} =
         label(language_code, "a language code such as en after 'languages'") >>
         *(',' > label(language_code, "a language code after ','"))) >
    label(!name_on_same_line, "@',' between the languages");

// param := 'param' IDENT ':' type ('=' expr)?
x3::rule<param_decl_class, ast::ParamDecl> const param_decl = "a parameter";
auto const param_decl_def = (kw("param") > label(identifier, "a parameter name after 'param'") >
                             label(':', "':' and a type after the parameter name") > type_ref) >>
                            -('=' > label(expr, "a default value after '='"));

// enum := 'enum' IDENT '{' IDENT text_clause* (',' IDENT text_clause*)* '}'
x3::rule<class labelled_enum_values_class, std::vector<ast::LabelledName>> const labelled_enum_values = "an enum value";
auto const labelled_enum_values_def = labelled_name >> *(',' > label(labelled_name, "an enum value after ','"));
x3::rule<enum_decl_class, ast::EnumDecl> const enum_decl = "an enum";
auto const enum_decl_def = kw("enum") > label(identifier, "an enum name after 'enum'") >
                           label('{', "'{' and the values after the enum name") >
                           label(labelled_enum_values, "an enum value after '{'") >
                           label('}', "',' or '}' after the enum value");

// junk_in_case := anything but '}', the end or a workflow declaration        (reported, then skipped)
x3::rule<junk_in_case_class> const junk_in_case = "a declaration";
auto const junk_in_case_def =
    (!(x3::lit('}') | x3::eoi | workflow_item_start)) >
    label(never, "@a declaration such as field, state, command or timer, or '}'");

// A case's label and help come first in its block: anywhere else a label belongs to what it follows.
x3::rule<misplaced_case_text_class> const misplaced_case_text = "a declaration";
auto const misplaced_case_text_def =
    &(kw("label") | kw("help")) >
    label(never, "!a case's label and help come first in its block; a party, counter, timer or output has none");

// `personal` before anything but a field or a document (an input is marked in its command).
x3::rule<misplaced_personal_item_class> const misplaced_personal_item = "a declaration";
auto const misplaced_personal_item_def =
    kw("personal") > label(never, "@'field' or 'document' after 'personal' (an input is marked in its command)");

// case_items := (party | field | document | counter | states | command | timer | output
//                | misplaced_personal_item | misplaced_case_text | junk_in_case)*
x3::rule<class case_items_class, std::vector<ast::CaseItem>> const case_items = "declarations";
auto const case_items_def = *((party_decl | field_decl | document_decl | counter_decl | state_decl | command_decl |
                               timer_decl | output_decl) |
                              misplaced_personal_item | misplaced_case_text | junk_in_case);

// case := ('case' | 'cohort') IDENT '{' text_clause* case_items '}'
x3::rule<case_decl_class, ast::CaseDecl> const case_decl = "a case";
auto const case_decl_def =
    (kw("case") >> x3::attr(std::string("case")) > label(identifier, "a case name after 'case'") >
     label('{', "'{' after the case name") > text_clauses > case_items > label('}', "'}' to close {decl}")) |
    (kw("cohort") >> x3::attr(std::string("cohort")) > label(identifier, "a cohort name after 'cohort'") >
     label('{', "'{' after the cohort name") > text_clauses > case_items > label('}', "'}' to close {decl}"));

// workflow_file := workflow_header workflow_body        (the two entry rules, dsl/parse/grammar.hpp)
// junk_in_workflow := anything but '}' or the end        (reported, then skipped)
x3::rule<junk_in_workflow_class> const junk_in_workflow = "a declaration";
auto const junk_in_workflow_def =
    (!(x3::lit('}') | x3::eoi)) > label(never, "@a declaration such as param, rule, table or case, or '}'");

// workflow_header := 'workflow' IDENT human_text '{'
workflow_header_type const workflow_header = "a workflow";
auto const workflow_header_def = kw("workflow") > label(identifier, "a workflow name after 'workflow'") >
                                 label(human_text, "the workflow's title in double quotes after its name") >
                                 label('{', "'{' after the workflow's title");

// workflow_body := (roles | languages | param | enum | rule_decl | table_decl | case | junk_in_workflow)* '}' EOF
workflow_body_type const workflow_body = "declarations";
auto const workflow_body_def =
    *((roles_decl | languages_decl | param_decl | enum_decl | rule_decl | table_decl | case_decl) | junk_in_workflow) >
    label('}', "'}' to close {decl}") > label(x3::eoi, "~@the end of the file after the closing '}'");

// ---- rules files ---------------------------------------------------------------------------------
// rules_file := rules_header rules_body        (the two entry rules, dsl/parse/grammar.hpp)
// set := 'set' IDENT '=' expr
x3::rule<set_decl_class, ast::SetDecl> const set_decl = "a parameter value";
auto const set_decl_def = kw("set") > label(identifier, "a parameter name after 'set'") >
                          label('=', "'=' and a value after the parameter name") > label(expr, "a value after '='");

// let := 'let' IDENT (':' type)? '=' expr
x3::rule<let_decl_class, ast::LetDecl> const let_decl = "a constant";
auto const let_decl_def = ((kw("let") > label(identifier, "a name after 'let'")) >> -(':' > type_ref)) >
                          label('=', "'=' and a value after the name") > label(expr, "a value after '='");

// `zone` is a keyword only here: a parameter or field may still be called zone.
// zone_name := ZONE        (with its span)
x3::rule<zone_name_class, ast::Identifier> const zone_name = "a time zone";
auto const zone_name_def = zone;
// zone := 'zone' zone_name
x3::rule<zone_decl_class, ast::ZoneDecl> const zone_decl = "the edition's time zone";
auto const zone_decl_def = kw("zone") > label(zone_name, "a time zone such as Europe/Rome or UTC after 'zone'");

// `retention` is a keyword only here. Its period has units of its own: years and months are
// calendar units a duration of the language does not have (docs/LANGUAGE.md, "Retention").
x3::symbols<std::string> const retention_units({{"year", "year"}, {"years", "years"}, {"month", "month"},
                                                {"months", "months"}, {"w", "w"}, {"week", "week"},
                                                {"weeks", "weeks"}, {"d", "d"}, {"day", "day"}, {"days", "days"}});
// retention_period := digit+ ('year' | 'years' | 'month' | 'months' | 'w' | 'week' | 'weeks' | 'd' | 'day' | 'days')
x3::rule<retention_period_class, ast::RetentionPeriod> const retention_period = "a retention period";
auto const retention_period_def = x3::lexeme[int64_digits >> retention_units >> !ident_char];
// retention := 'retention' retention_period
x3::rule<retention_decl_class, ast::RetentionDecl> const retention_decl = "how long personal data is kept";
auto const retention_decl_def =
    kw("retention") > label(retention_period, "a period such as 5years, 18months or 90days after 'retention'");

// junk_in_rules := anything but '}' or the end        (reported, then skipped)
x3::rule<junk_in_rules_class> const junk_in_rules = "a declaration";
auto const junk_in_rules_def =
    (!(x3::lit('}') | x3::eoi)) > label(never, "@a declaration such as set, let, rule or table, or '}'");

// rules_header := 'rules' 'for' IDENT 'edition' TEXT '{'
rules_header_type const rules_header = "a rules file";
auto const rules_header_def = kw("rules") > label(kw("for"), "'for' and the workflow's name after 'rules'") >
                              label(identifier, "a workflow name after 'for'") >
                              label(kw("edition"), "'edition' and its name after the workflow's name") >
                              label(text_lit, "the edition's name in double quotes after 'edition'") >
                              label('{', "'{' after the edition's name");

// rules_body := (set | let | zone | retention | rules_rule_decl | rules_table_decl | junk_in_rules)* '}' EOF
rules_body_type const rules_body = "declarations";
auto const rules_body_def = *((set_decl | let_decl | zone_decl | retention_decl | rules_rule_decl | rules_table_decl) | junk_in_rules) >
                            label('}', "'}' to close {decl}") >
                            label(x3::eoi, "~@the end of the file after the closing '}'");

BOOST_SPIRIT_DEFINE(labelled_roles, roles_decl, languages_decl, param_decl, labelled_enum_values, enum_decl,
                    junk_in_case, misplaced_personal_item, misplaced_case_text, case_items, case_decl, junk_in_workflow, workflow_header,
                    workflow_body, set_decl, let_decl, zone_name, zone_decl, retention_period, retention_decl, junk_in_rules, rules_header, rules_body)

}  // namespace mentorflow::dsl::grammar
