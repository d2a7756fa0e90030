#pragma once
// What a case or cohort declares: parties, fields, documents, counters, states, commands with their
// clauses, timers, outputs. docs/LANGUAGE.md, "Cases and cohorts" to "Outputs". Every item and
// clause opens with a keyword, so after a keyword the rest is expected and a mistake is reported
// where it is.
#include <boost/spirit/home/x3.hpp>

#include <optional>
#include <string>
#include <vector>

#include "dsl/parse/grammar_decl_def.hpp"

namespace mentorflow::dsl::grammar {

struct party_decl_class : annotate, recover<SyncLevel::Case> {};
struct personal_mark_class : annotate {};
struct field_decl_class : annotate, recover<SyncLevel::Case> {};
struct document_decl_class : annotate, recover<SyncLevel::Case> {};
struct document_spec_class : annotate {};
struct counter_decl_class : annotate, recover<SyncLevel::Case> {};
struct state_decl_class : annotate, recover<SyncLevel::Case> {};
struct state_spec_class : annotate {};
struct command_decl_class : annotate, recover<SyncLevel::Case> {};
struct timer_decl_class : annotate, recover<SyncLevel::Case> {};
struct output_decl_class : annotate, recover<SyncLevel::Case> {};
struct output_value_class : annotate {};
struct output_shown_class : annotate {};
struct input_clause_class : annotate {};
struct fills_clause_class : annotate {};
struct attach_clause_class : annotate {};
struct requires_clause_class : annotate {};
struct decide_clause_class : annotate {};
struct set_clause_class : annotate {};
struct count_clause_class : annotate {};
struct cadence_clause_class : annotate {};
struct flag_clause_class : annotate {};
struct timer_flag_class : annotate {};
struct assignment_class : annotate {};
struct create_clause_class : annotate {};
struct for_each_clause_class : annotate {};
struct match_clause_class : annotate {};
struct issue_clause_class : annotate {};
struct do_clause_class : annotate {};
struct match_left_out_class : annotate {};

auto const workflow_item_start = kw("participants") | kw("auditors") | kw("privacy") | kw("param") | kw("enum") | kw("rule") |
                                 kw("table") | kw("case") | kw("cohort");
auto const case_item_start = kw("party") | kw("personal") | kw("field") | kw("document") | kw("counter") |
                             kw("state") | kw("command") | kw("timer") | kw("output");

// personal := ('personal' ('for' IDENT)?)?      (a keyword only before what it marks; docs/PRIVACY.md)
x3::rule<personal_mark_class, ast::PersonalMark> const personal_mark = "personal";
auto const personal_mark_def =
    (kw("personal") >> x3::attr(true) >> -(kw("for") > label(identifier, "a party name after 'for'"))) |
    (x3::attr(false) >> x3::attr(std::optional<ast::Identifier>()));

// ---- simple items --------------------------------------------------------------------------------
// party := 'party' IDENT ':' IDENT ('names' 'case')?
x3::rule<party_decl_class, ast::PartyDecl> const party_decl = "a party";
auto const party_decl_def = kw("party") > label(identifier, "a party name after 'party'") >
                            label(':', "':' and a role after the party name") >
                            label(identifier, "a role name after ':'") >
                            x3::matches[kw("names") > label(kw("case"), "'case' after 'names'")];

// field := 'personal'? 'field' IDENT ':' type text_clause*
x3::rule<field_decl_class, ast::FieldDecl> const field_decl = "a field";
auto const field_decl_def = (personal_mark >> kw("field") > label(identifier, "a field name after 'field'") >
                             label(':', "':' and a type after the field name") > type_ref) >>
                            text_clauses;

// document_spec := IDENT ('[' IDENT (',' IDENT)* ']')? text_clause*
x3::rule<document_spec_class, ast::DocumentSpec> const document_spec = "a document name";
auto const document_spec_def =
    identifier >> (x3::rule<class document_variants_class, std::vector<ast::Identifier>>{"variants"} =
                       -('[' > label(variant_names, "a variant name such as it after '['") >
                         label(']', "',' or ']' after the variant"))) >>
    text_clauses;
// Only a keyword or '}' may follow these lists, so a name on the same line means a missing comma
// (on a later line, a misspelt declaration: reported as such).
auto const name_on_same_line = x3::no_skip[*ascii::blank >> name_text];
// document := 'personal'? 'document' document_spec (',' document_spec)*   (and no name after it on its line)
x3::rule<document_decl_class, ast::DocumentDecl> const document_decl = "a document";
auto const document_decl_def =
    personal_mark >> kw("document") > (x3::rule<class document_specs_class, std::vector<ast::DocumentSpec>>{"a document name after 'document'"} =
                          label(document_spec, "a document name after 'document'") >>
                          *(',' > label(document_spec, "a document name after ','"))) >
    label(!name_on_same_line, "@',' between the documents");

// `min` and `max` are also functions: here they are the clause words, unless called.
auto const bound_word = (kw("min") | kw("max")) >> !x3::lit('(');
// counter := 'counter' IDENT human_text? ('min' expr)? ('max' expr)?
x3::rule<counter_decl_class, ast::CounterDecl> const counter_decl = "a counter";
auto const counter_decl_def = (kw("counter") > label(!bound_word >> identifier, "a counter name after 'counter'")) >>
                              -human_text >> -(kw("min") > label(!bound_word >> expr, "the minimum after 'min'")) >>
                              -(kw("max") > label(expr, "the maximum after 'max'"));

// state_spec := IDENT ('initial' | 'final')? text_clause*
x3::rule<state_spec_class, ast::StateSpec> const state_spec = "a state name";
auto const state_spec_def = identifier >> ((kw("initial") >> x3::attr(std::string("initial"))) |
                                           (kw("final") >> x3::attr(std::string("final"))) |
                                           x3::attr(std::string())) >>
                            text_clauses;
// states := 'state' state_spec (',' state_spec)*        (and no name after it on its line)
x3::rule<state_decl_class, ast::StateDecl> const state_decl = "states";
auto const state_decl_def =
    kw("state") > (x3::rule<class state_specs_class, std::vector<ast::StateSpec>>{"a state name after 'state'"} =
                       label(state_spec, "a state name after 'state'") >>
                       *(',' > label(state_spec, "a state name after ','"))) >
    label(!name_on_same_line, "@',' between the states");

// ---- command clauses -----------------------------------------------------------------------------
// input := 'personal'? 'input' IDENT ':' type
x3::rule<input_clause_class, ast::InputClause> const input_clause = "an input";
auto const input_clause_def = (personal_mark >> kw("input") > label(identifier, "an input name after 'input'") >
                               label(':', "':' and a type after the input name") > type_ref) >>
                              text_clauses;

// fills := 'fills' IDENT (',' IDENT)*
x3::rule<fills_clause_class, ast::FillsClause> const fills_clause = "fills";
auto const fills_clause_def = kw("fills") > label(field_names, "a field name after 'fills'");

// attach := 'attach' IDENT (',' IDENT)*
x3::rule<attach_clause_class, ast::AttachClause> const attach_clause = "attach";
auto const attach_clause_def = kw("attach") > label(document_names, "a document name after 'attach'");

// requires := 'requires' expr ('else' TEXT)?        (a TEXT without 'else' is reported)
x3::rule<requires_clause_class, ast::RequiresClause> const requires_clause = "requires";
auto const requires_clause_def = ((kw("requires") > label(expr, "a condition after 'requires'")) >>
                                  -(kw("else") > label(text_lit, "a message in double quotes after 'else'"))) >
                                 label(!x3::lit('"'), "@'else' before the message");

// decide := 'decide' expr 'then' IDENT 'else' IDENT
x3::rule<decide_clause_class, ast::DecideClause> const decide_clause = "decide";
auto const decide_clause_def = kw("decide") > label(expr, "a condition after 'decide', such as eligible(this)") >
                               label(kw("then"), "'then' and the state when the decision is true") >
                               label(identifier, "a state name after 'then'") >
                               label(kw("else"), "'else' and the state when the decision is false") >
                               label(identifier, "a state name after 'else'");

// set := 'set' IDENT '=' expr
x3::rule<set_clause_class, ast::SetClause> const set_clause = "set";
auto const set_clause_def = kw("set") > label(identifier, "a field name after 'set'") >
                            label('=', "'=' and a value after the field name") > label(expr, "a value after '='");

// count := 'count' IDENT
x3::rule<count_clause_class, ast::CountClause> const count_clause = "count";
auto const count_clause_def = kw("count") > label(identifier, "a counter name after 'count'");

// cadence := 'cadence' IDENT coalesce_expr '..' coalesce_expr ('flag' | 'refuse')
// The gaps are below range level: `3weeks..4weeks` is the clause's own '..'.
x3::rule<cadence_clause_class, ast::CadenceClause> const cadence_clause = "cadence";
auto const cadence_clause_def =
    kw("cadence") > label(identifier, "an input name after 'cadence'") >
    label(coalesce_expr, "the shortest gap after the input name, such as 3weeks") >
    label("..", "'..' and the longest gap after the shortest") > label(coalesce_expr, "the longest gap after '..'") >
    label((kw("flag") >> x3::attr(std::string("flag"))) | (kw("refuse") >> x3::attr(std::string("refuse"))),
          "'flag' or 'refuse' after the gaps");

// assignment := IDENT '=' expr
x3::rule<assignment_class, ast::Assignment> const assignment = "an assignment";
auto const assignment_def = identifier > label('=', "'=' and a value after the name") > label(expr, "a value after '='");
// create := 'create' IDENT 'with' assignment (',' assignment)*
x3::rule<create_clause_class, ast::CreateClause> const create_clause = "create";
auto const create_clause_def =
    kw("create") > label(identifier, "a case name after 'create'") >
    label(kw("with"), "'with' and the parties of the new case") >
    (x3::rule<class assignments_class, std::vector<ast::Assignment>>{"a party name after 'with'"} =
         assignment >> *(',' > label(assignment, "a party or field name after ','")));

// for_each := 'for' 'each' IDENT 'in' IDENT (',' IDENT)* 'do' IDENT
x3::rule<for_each_clause_class, ast::ForEachClause> const for_each_clause = "for each";
auto const for_each_clause_def = kw("for") > label(kw("each"), "'each' after 'for'") >
                                 label(identifier, "a case name after 'each'") >
                                 label(kw("in"), "'in' and the states of the cases") >
                                 label(state_names, "a state name after 'in'") >
                                 label(kw("do"), "'do' and the command to issue") >
                                 label(identifier, "a command name after 'do'");

// left_out := IDENT TEXT        (after `explain`: the words for the cases of a state the run leaves out)
x3::rule<match_left_out_class, ast::MatchLeftOut> const match_left_out = "a state and its words";
auto const match_left_out_def =
    identifier > label(text_lit, "the words in double quotes for the cases in that state");
// left_outs := left_out (',' left_out)*
auto const match_left_outs = x3::rule<class match_left_outs_class, std::vector<ast::MatchLeftOut>>{"explain"} =
    match_left_out >> *(',' > label(match_left_out, "a state name after ','"));

// match := 'match' IDENT 'in' IDENT 'with' IDENT 'in' IDENT 'ranking' expr ('capacity' expr)? ('minimum' expr)?
//          ('acceptable' IDENT)? ('score' IDENT)? ('using' IDENT)? 'propose' IDENT ('explain' left_outs)?
x3::rule<match_clause_class, ast::MatchClause> const match_clause = "match";
auto const match_clause_def =
    (((kw("match") > label(identifier, "a case name after 'match'") > label(kw("in"), "'in' and a state after the case name") >
    label(identifier, "a state name after 'in'") > label(kw("with"), "'with' and the cases to match with") >
    label(identifier, "a case name after 'with'") > label(kw("in"), "'in' and a state after the case name") >
    label(identifier, "a state name after 'in'") > label(kw("ranking"), "'ranking' and the preference list") >
    label(expr, "the preference list after 'ranking'")) >>
     -(kw("capacity") > label(expr, "a capacity after 'capacity'")) >>
     -(kw("minimum") > label(expr, "a count after 'minimum'")) >>
     -(kw("acceptable") > label(identifier, "a rule name after 'acceptable'")) >>
     -(kw("score") > label(identifier, "a rule name after 'score'")) >>
     -(kw("using") > label(identifier, "a parameter name after 'using'"))) >
    label(kw("propose"), "'propose' and the command that receives each proposal") >
    label(identifier, "a command name after 'propose'")) >>
    (x3::rule<class match_explain_class, std::vector<ast::MatchLeftOut>>{"explain"} =
         -(kw("explain") > label(match_left_outs, "a state name after 'explain'")));

// issue := 'issue' IDENT
x3::rule<issue_clause_class, ast::IssueClause> const issue_clause = "issue";
// flag := 'flag' TEXT 'when' expr        (`when` is a keyword only here)
x3::rule<flag_clause_class, ast::FlagClause> const flag_clause = "flag";
auto const flag_clause_def = kw("flag") > label(text_lit, "the flag's reason in double quotes after 'flag'") >
                             label(kw("when"), "'when' and the condition that raises the flag") >
                             label(expr, "a condition after 'when'");

auto const issue_clause_def = kw("issue") > label(identifier, "an output name after 'issue'");

// do := 'do' IDENT 'on' expr        (`on` is a keyword only here)
x3::rule<do_clause_class, ast::DoClause> const do_clause = "do";
auto const do_clause_def = kw("do") > label(identifier, "a command name after 'do'") >
                           label(kw("on"), "'on' and the case to issue the command on") >
                           label(expr, "a case after 'on', such as a ref field");

// clause := input | fills | attach | requires | decide | set | count | cadence | create | for_each | match
//           | issue | do | flag
x3::rule<class clause_class, ast::Clause> const clause = "a clause";
// `personal` in a command before anything but an input (reported). Before `field` or `document`
// it starts the next declaration of the case, after the command.
x3::rule<class misplaced_personal_class> const misplaced_personal = "a clause";
auto const misplaced_personal_def =
    kw("personal") >> -(kw("for") >> identifier) >> !(kw("field") | kw("document")) >
    label(never, "@'input' after 'personal' (fields and documents are marked where the case declares them)");
auto const clause_def = input_clause | misplaced_personal | fills_clause | attach_clause | requires_clause |
                        decide_clause | set_clause | count_clause | cadence_clause | create_clause | for_each_clause |
                        match_clause | issue_clause | do_clause | flag_clause;

// A command's label and help come before its clauses: after an input they are the input's, and
// anywhere else a reader could not tell whose they are.
x3::rule<class misplaced_command_text_class> const misplaced_command_text = "a clause";
auto const misplaced_command_text_def =
    &(kw("label") | kw("help")) >
    label(never, "!a command's label and help come before its clauses; after an input they are the input's");

// ---- commands ------------------------------------------------------------------------------------
// After the clauses comes the next declaration or '}': anything else is a mistake in the command.
auto const declaration_start = x3::lit('}') | x3::eoi | case_item_start | workflow_item_start;
// command := 'command' IDENT 'by' IDENT (',' IDENT)* ('from' IDENT (',' IDENT)*)? ('to' IDENT)?
//            text_clause* clause*
x3::rule<command_decl_class, ast::CommandDecl> const command_decl = "a command";
auto const command_decl_def =
    ((kw("command") > label(identifier, "a command name after 'command'") >
      label(kw("by"), "'by' and the roles that may issue the command") > label(role_names, "a role name after 'by'")) >>
    (x3::rule<class command_from_class, std::vector<ast::Identifier>>{"from"} =
         -(kw("from") > label(state_names, "a state name after 'from'"))) >>
    -(kw("to") > label(identifier, "a state name after 'to'")) >> text_clauses >>
    (x3::rule<class clauses_class, std::vector<ast::Clause>>{"clauses"} = *(clause | misplaced_command_text))) >
    label(&declaration_start, "@'from', 'to', a clause such as requires or decide, or the next declaration");

// ---- timers and outputs --------------------------------------------------------------------------
// `after` takes no comparison, so its `in` is the timer's, not a membership test.
// timer := 'timer' IDENT ('at' expr | 'after' range_expr 'in' IDENT) ('every' expr)?
//          ('do' IDENT | 'remind' IDENT TEXT | timer_flag)
// timer_flag := 'flag' TEXT ('when' expr)?        (`when` is a keyword only here)
x3::rule<timer_flag_class, ast::TimerFlag> const timer_flag = "a timer's flag";
auto const timer_flag_def = (kw("flag") > label(text_lit, "the flag's reason in double quotes after 'flag'")) >>
                            -(kw("when") > label(expr, "a condition after 'when'"));
x3::rule<timer_decl_class, ast::TimerDecl> const timer_decl = "a timer";
auto const timer_decl_def =
    ((kw("timer") > label(identifier, "a timer name after 'timer'") >
      label(flat<3>(((kw("at") >> x3::attr(std::string("at")) > label(expr, "a date-time after 'at'")) >>
                     x3::attr(std::optional<ast::Identifier>())) |
                  (kw("after") >> x3::attr(std::string("after")) > label(range_expr, "a duration after 'after'") >
                   label(kw("in"), "'in' and the state the delay counts from") >
                   label(identifier, "a state name after 'in'"))),
            "'at' or 'after' after the timer name")) >>
     -(kw("every") > label(expr, "a period after 'every'"))) >
    label(flat<4>(((kw("do") > label(identifier, "a command name after 'do'")) >>
                   x3::attr(std::optional<ast::Identifier>()) >> x3::attr(std::optional<ast::TextLit>()) >>
                   x3::attr(std::optional<ast::TimerFlag>())) |
                  ((kw("remind") >> x3::attr(std::optional<ast::Identifier>()) >
                    label(identifier, "a role name after 'remind'") >
                    label(text_lit, "the reminder's text in double quotes after the role")) >>
                   x3::attr(std::optional<ast::TimerFlag>())) |
                  (x3::attr(std::optional<ast::Identifier>()) >> x3::attr(std::optional<ast::Identifier>()) >>
                   x3::attr(std::optional<ast::TextLit>()) >> timer_flag)),
          "'do', 'remind' or 'flag' to say what the timer does");

// The texts are what a certificate calls the value and each field it shows. `shows` is a keyword
// only here. A text before `=` (not `==`) is a label; `value "x"` alone is a text value.
auto const label_text = text_lit >> ('=' >> !x3::lit('='));
// output_value := (TEXT '=')? expr        (a TEXT followed by '==' is the start of the expr)
x3::rule<output_value_class, ast::OutputValue> const output_value = "a value";
auto const output_value_def = (label_text > label(expr, "a value after '='")) |
                              (x3::attr(std::optional<ast::TextLit>()) >> expr);
// field_path := IDENT ('.' IDENT)*
x3::rule<class field_path_class, std::vector<ast::Identifier>> const field_path = "a field name";
auto const field_path_def = identifier >> *('.' >> !x3::lit('.') > label(identifier, "a field name after '.'"));
// shown := (TEXT '=')? field_path
x3::rule<output_shown_class, ast::OutputShown> const output_shown = "a field to show";
auto const output_shown_def = (label_text > label(field_path, "a field name after '='")) |
                              (x3::attr(std::optional<ast::TextLit>()) >> field_path);
// output := 'output' IDENT human_text ('for' IDENT (',' IDENT)*)? ('value' output_value)?
//           ('shows' shown (',' shown)*)?
x3::rule<output_decl_class, ast::OutputDecl> const output_decl = "an output";
auto const output_decl_def =
    (kw("output") > label(identifier, "an output name after 'output'") >
     label(human_text, "the output's title in double quotes after its name")) >>
    (x3::rule<class recipients_class, std::vector<ast::Identifier>>{"recipients"} =
         -(kw("for") > label(party_names, "a party name after 'for'"))) >>
    -(kw("value") > label(output_value, "a value after 'value'")) >>
    (x3::rule<class shows_class, std::vector<ast::OutputShown>>{"shows"} =
         -((kw("shows") > label(output_shown, "a field name after 'shows'")) >>
           *(',' > label(output_shown, "a field name after ','"))));

BOOST_SPIRIT_DEFINE(party_decl, personal_mark, field_decl, misplaced_personal, document_spec, document_decl, counter_decl, state_spec, state_decl,
                    input_clause, fills_clause, attach_clause, requires_clause, decide_clause, set_clause, count_clause,
                    cadence_clause, assignment, create_clause, for_each_clause, match_clause, match_left_out, issue_clause,
                    do_clause, flag_clause, timer_flag, clause, misplaced_command_text, command_decl, timer_decl, output_value, field_path,
                    output_shown, output_decl)

}  // namespace mentorflow::dsl::grammar
