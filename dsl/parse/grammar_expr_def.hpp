#pragma once
// Expressions and types: docs/LANGUAGE.md, "Expressions" and "Types". Included by
// dsl/parse/grammar_decl_def.hpp only.
//
// Each precedence level is `lower (op lower)*` into one ast::Expression, as in Spirit's calc
// examples; a level with no operator is flattened away after parsing
// (dsl/parse/parser_flatten.cpp), so the tree holds one Expression per operator level actually
// written. Comparison and range take at most one operator: `a < b < c` and `1..2..3` are errors.
// After an operator the operand is expected, so `a +` reports "expected an expression after '+'".
#include <boost/spirit/home/x3.hpp>

#include <optional>
#include <string>
#include <vector>

#include "dsl/parse/grammar_lexical_def.hpp"

namespace mentorflow::dsl::grammar {

using ast::Op;

// ---- rules (forward declared: expressions nest) --------------------------------------------------
struct expr_class : annotate {};
struct and_expr_class : annotate {};
struct comparison_class : annotate {};
struct range_expr_class : annotate {};
struct coalesce_expr_class : annotate {};
struct additive_expr_class : annotate {};
struct multiplicative_expr_class : annotate {};
struct or_operation_class : annotate {};
struct and_operation_class : annotate {};
struct compare_operation_class : annotate {};
struct range_operation_class : annotate {};
struct coalesce_operation_class : annotate {};
struct additive_operation_class : annotate {};
struct multiplicative_operation_class : annotate {};
struct not_operation_class : annotate {};
struct negation_class : annotate {};
struct path_class : annotate {};
struct call_class : annotate {};
struct list_lit_class : annotate {};
struct if_expr_class : annotate {};
struct parens_class : annotate {};
struct type_ref_class : annotate {};
struct param_class : annotate {};

x3::rule<expr_class, ast::Expression> const expr = "an expression";
x3::rule<and_expr_class, ast::Expression> const and_expr = "an expression";
x3::rule<class not_expr_class, ast::Operand> const not_expr = "an expression";
x3::rule<not_operation_class, ast::Unary> const not_operation = "an expression";
x3::rule<comparison_class, ast::Expression> const comparison = "an expression";
x3::rule<range_expr_class, ast::Expression> const range_expr = "an expression";
x3::rule<coalesce_expr_class, ast::Expression> const coalesce_expr = "an expression";
x3::rule<additive_expr_class, ast::Expression> const additive_expr = "an expression";
x3::rule<multiplicative_expr_class, ast::Expression> const multiplicative_expr = "an expression";
x3::rule<class unary_expr_class, ast::Operand> const unary_expr = "an expression";
x3::rule<negation_class, ast::Unary> const negation = "an expression";
x3::rule<class primary_class, ast::Operand> const primary = "an expression";
x3::rule<path_class, ast::Path> const path = "a name";
x3::rule<call_class, ast::Call> const call = "a call";
x3::rule<class call_args_class, std::vector<ast::Expression>> const call_args = "arguments";
x3::rule<list_lit_class, ast::ListLit> const list_lit = "a list";
x3::rule<class list_items_class, std::vector<ast::Expression>> const list_items = "list items";
x3::rule<if_expr_class, ast::IfExpr> const if_expr = "an if expression";
x3::rule<parens_class, ast::Expression> const parens = "an expression in parentheses";

// One operator and its right operand, at each level.
x3::rule<or_operation_class, ast::Operation> const or_operation = "'or'";
x3::rule<and_operation_class, ast::Operation> const and_operation = "'and'";
x3::rule<compare_operation_class, ast::Operation> const compare_operation = "a comparison";
x3::rule<range_operation_class, ast::Operation> const range_operation = "'..'";
x3::rule<coalesce_operation_class, ast::Operation> const coalesce_operation = "'?" "?'";
x3::rule<additive_operation_class, ast::Operation> const additive_operation = "'+' or '-'";
x3::rule<multiplicative_operation_class, ast::Operation> const multiplicative_operation = "'*', '/' or '%'";

// ---- operators -----------------------------------------------------------------------------------
x3::symbols<Op> const compare_symbols({{"==", Op::Eq}, {"!=", Op::Ne}, {"<=", Op::Le}, {">=", Op::Ge}, {"<", Op::Lt},
                                       {">", Op::Gt}});
// compare_op := '==' | '!=' | '<=' | '>=' | '<' | '>' | 'in' | 'not' 'in'
x3::rule<class compare_op_class, Op> const compare_op = "a comparison";
auto const compare_op_def =
    compare_symbols | (kw("in") >> x3::attr(Op::In)) | (kw("not") >> kw("in") >> x3::attr(Op::NotIn));

// `-` followed by ',' or '=>' is a table's any-cell starting the next row, never a subtraction.
auto const minus = x3::lit('-') >> !(x3::lit(',') | "=>");

// `a = b` where a comparison may stand: the designer meant `==`.
auto const assignment_instead_of_equality =
    &(x3::lit('=') >> !x3::lit('=') >> !x3::lit('>')) > label(never, "!'=' sets a value; compare with '=='");

// ---- levels, loosest first -----------------------------------------------------------------------
// expr := and_expr ('or' and_expr)*
auto const expr_def = and_expr >> *or_operation;
// or_operation := 'or' and_expr
auto const or_operation_def = (kw("or") >> x3::attr(Op::Or)) > label(and_expr, "an expression after 'or'");

// and_expr := not_expr ('and' not_expr)*
auto const and_expr_def = not_expr >> *and_operation;
// and_operation := 'and' not_expr
auto const and_operation_def = (kw("and") >> x3::attr(Op::And)) > label(not_expr, "an expression after 'and'");

// not_expr := 'not' not_expr | comparison
auto const not_expr_def = not_operation | comparison;
// not_operation := 'not' not_expr
auto const not_operation_def = (kw("not") >> x3::attr(Op::Not)) > label(nested(not_expr), "an expression after 'not'");

// comparison := range_expr (compare_op range_expr)?     at most one
auto const comparison_def = range_expr >> -(compare_operation | assignment_instead_of_equality);
// compare_operation := compare_op range_expr        (and no second compare_op)
auto const compare_operation_def = compare_op > label(range_expr, "a value to compare with") >
                                   label(!compare_op, "!comparisons cannot be chained: join them with 'and'");

// range_expr := coalesce_expr ('..' coalesce_expr)?     at most one
auto const range_expr_def = coalesce_expr >> -range_operation;
// range_operation := '..' coalesce_expr        (and no second '..')
auto const range_operation_def = (x3::lit("..") >> x3::attr(Op::Range)) >
                                 label(coalesce_expr, "the end of the range after '..'") >
                                 label(!x3::lit(".."), "!a range has two ends: write 'a..b'");

// coalesce_expr := additive_expr ("??" additive_expr)*
auto const coalesce_expr_def = additive_expr >> *coalesce_operation;
// coalesce_operation := "??" additive_expr
auto const coalesce_operation_def =
    (x3::lit("?" "?") >> x3::attr(Op::Coalesce)) > label(additive_expr, "a default value after '?" "?'");

// additive_expr := multiplicative_expr (('+' | '-') multiplicative_expr)*
auto const additive_expr_def = multiplicative_expr >> *additive_operation;
// additive_operation := ('+' | '-') multiplicative_expr
auto const additive_operation_def =
    ((x3::lit('+') >> x3::attr(Op::Add)) > label(multiplicative_expr, "an expression after '+'")) |
    ((minus >> x3::attr(Op::Sub)) > label(multiplicative_expr, "an expression after '-'"));

// multiplicative_expr := unary_expr (('*' | '/' | '%') unary_expr)*
auto const multiplicative_expr_def = unary_expr >> *multiplicative_operation;
// multiplicative_operation := ('*' | '/' | '%') unary_expr
auto const multiplicative_operation_def =
    ((x3::lit('*') >> x3::attr(Op::Mul)) > label(unary_expr, "an expression after '*'")) |
    ((x3::lit('/') >> x3::attr(Op::Div)) > label(unary_expr, "an expression after '/'")) |
    ((x3::lit('%') >> x3::attr(Op::Mod)) > label(unary_expr, "an expression after '%'"));

// unary_expr := '-' unary_expr | primary
auto const unary_expr_def = negation | primary;
// negation := '-' unary_expr
auto const negation_def = (minus >> x3::attr(Op::Neg)) > label(nested(unary_expr), "an expression after '-'");

// literal := DATETIME | DATE | DURATION | NUMBER | INT | TEXT | BOOL | CEFR
auto const literal = datetime_lit | date_lit | duration_lit | number_lit | int_lit | bad_number | text_lit | bool_lit |
                     cefr_lit;
// primary := literal | if_expr | list_lit | parens | call | path
auto const primary_def = literal | if_expr | list_lit | parens | call | path;

// path := IDENT ('.' IDENT)*
auto const path_def = identifier >> *((x3::lit('.') >> !x3::lit('.')) > label(identifier, "a field name after '.'"));

// call := IDENT '(' call_args ')'
auto const call_def = (identifier >> '(') > call_args > label(')', "',' or ')' after the argument");
// call_args := (expr (',' expr)*)?
auto const call_args_def = -(nested(expr) >> *(',' > label(nested(expr), "an argument after ','")));

// list_lit := '[' list_items ']'
auto const list_lit_def = '[' > list_items > label(']', "',' or ']' after the item");
// list_items := (expr (',' expr)*)?
auto const list_items_def = -(nested(expr) >> *(',' > label(nested(expr), "an item after ','")));

// if_expr := 'if' expr 'then' expr 'else' expr
auto const if_expr_def = kw("if") > label(nested(expr), "a condition after 'if'") >
                         label(kw("then"), "'then' after the condition") >
                         label(nested(expr), "a value after 'then'") >
                         label(kw("else"), "'else' and a value: an 'if' needs both branches") >
                         label(nested(expr), "a value after 'else'");

// parens := '(' expr ')'
auto const parens_def = '(' > label(nested(expr), "an expression after '('") > label(')', "')' to match '('");

// ---- types ---------------------------------------------------------------------------------------
// type_modifier := 'optional' | 'list' 'of' | 'set' 'of' | 'ref'
x3::rule<class type_modifier_class, std::string> const type_modifier = "a type modifier";
auto const type_modifier_def = (kw("optional") >> x3::attr(std::string("optional"))) |
                               ((kw("list") > label(kw("of"), "'of' after 'list'")) >> x3::attr(std::string("list"))) |
                               ((kw("set") > label(kw("of"), "'of' after 'set'")) >> x3::attr(std::string("set"))) |
                               (kw("ref") >> x3::attr(std::string("ref")));

// enum_word_text := 'enum'        (the word, as a type name's text)
x3::rule<class enum_word_text_class, std::string> const enum_word_text = "'enum'";
auto const enum_word_text_def = kw("enum") >> x3::attr(std::string("enum"));
// enum_word := enum_word_text        (with its span)
struct enum_word_class : annotate {};
x3::rule<enum_word_class, ast::Identifier> const enum_word = "'enum'";
auto const enum_word_def = enum_word_text;

// enum_values := IDENT (',' IDENT)*
x3::rule<class enum_values_class, std::vector<ast::Identifier>> const enum_values = "an enum value";
auto const enum_values_def = identifier >> *(',' > label(identifier, "an enum value after ','"));

// type := type_modifier* (IDENT | enum_word '(' enum_values ')')
x3::rule<type_ref_class, ast::TypeRef> const type_ref = "a type such as int, text, date or cefr";
auto const type_ref_def =
    *type_modifier >>
    flat<2>((enum_word > label('(', "'(' and the values after 'enum'") > label(enum_values, "an enum value after '('") >
             label(')', "',' or ')' after the enum value")) |
            (identifier >> x3::attr(std::vector<ast::Identifier>())));

// param := IDENT ':' type          (a rule's or table's formal parameter)
x3::rule<param_class, ast::Param> const param = "a parameter such as 'a: application'";
auto const param_def = identifier > label(':', "':' and a type after the parameter name") > type_ref;

BOOST_SPIRIT_DEFINE(expr, or_operation, and_expr, and_operation, not_expr, not_operation, comparison, compare_op,
                    compare_operation, range_expr, range_operation, coalesce_expr, coalesce_operation, additive_expr,
                    additive_operation, multiplicative_expr, multiplicative_operation, unary_expr, negation, primary,
                    path, call, call_args, list_lit, list_items, if_expr, parens, type_modifier, enum_word_text,
                    enum_word, enum_values, type_ref, param)

}  // namespace mentorflow::dsl::grammar
