#pragma once
// Fusion adaptation of dsl/parse/ast.hpp, so X3 can fill the structs field by field. Only the parser
// includes it. The fields are listed in declaration order, `span` aside (set by the annotation
// handler, dsl/parse/error_handler.hpp); TableDecl's hit_policy_span is set there too.
#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/spirit/home/x3/support/traits/optional_traits.hpp>
#include <boost/spirit/home/x3/support/traits/transform_attribute.hpp>
#include <boost/spirit/home/x3/nonterminal/detail/transform_attribute.hpp>

#include <optional>

#include "dsl/parse/ast.hpp"

// X3 (Boost 1.74) knows boost::optional only; the AST uses std::optional.
namespace boost::spirit::x3::traits {
template <typename T>
struct is_optional<std::optional<T>> : mpl::true_ {};
template <typename T>
struct optional_value<std::optional<T>> : mpl::identity<T> {};
template <typename T>
struct build_optional<std::optional<T>> {
  using type = std::optional<T>;
};
}  // namespace boost::spirit::x3::traits

// A struct whose one field is itself a one-field struct (CountClause{Identifier}) would be filled
// through the inner struct's field, losing the inner node's span: parse straight into the field.
namespace mentorflow::dsl::ast::detail {
template <typename Outer, typename Inner, Inner Outer::*Field>
struct parse_into_field {
  using type = Inner&;
  static Inner& pre(Outer& outer) { return outer.*Field; }
  static void post(Outer&, Inner&) {}
};
}  // namespace mentorflow::dsl::ast::detail

namespace boost::spirit::x3 {
template <>
struct transform_attribute<mentorflow::dsl::ast::CountClause, mentorflow::dsl::ast::Identifier>
    : mentorflow::dsl::ast::detail::parse_into_field<mentorflow::dsl::ast::CountClause,
                                                     mentorflow::dsl::ast::Identifier,
                                                     &mentorflow::dsl::ast::CountClause::counter> {};
template <>
struct transform_attribute<mentorflow::dsl::ast::IssueClause, mentorflow::dsl::ast::Identifier>
    : mentorflow::dsl::ast::detail::parse_into_field<mentorflow::dsl::ast::IssueClause,
                                                     mentorflow::dsl::ast::Identifier,
                                                     &mentorflow::dsl::ast::IssueClause::output> {};
template <>
struct transform_attribute<mentorflow::dsl::ast::ZoneDecl, mentorflow::dsl::ast::Identifier>
    : mentorflow::dsl::ast::detail::parse_into_field<mentorflow::dsl::ast::ZoneDecl,
                                                     mentorflow::dsl::ast::Identifier,
                                                     &mentorflow::dsl::ast::ZoneDecl::zone> {};
template <>
struct transform_attribute<mentorflow::dsl::ast::RetentionDecl, mentorflow::dsl::ast::RetentionPeriod>
    : mentorflow::dsl::ast::detail::parse_into_field<mentorflow::dsl::ast::RetentionDecl,
                                                     mentorflow::dsl::ast::RetentionPeriod,
                                                     &mentorflow::dsl::ast::RetentionDecl::period> {};
}  // namespace boost::spirit::x3

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Identifier, name)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::IntLit, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::NumberLit, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TextLit, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::BoolLit, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::DurationLit, amount, unit)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::DateLit, year, month, day)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::DateTimeLit, date, hour, minute, zone)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CefrLit, level)

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TextVariant, language, text)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Text, first, variants)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TextClause, kind, text)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::LabelledName, name, texts)

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Operation, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Expression, first, rest)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Unary, op, operand)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Path, head, members)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Call, callee, args)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::ListLit, items)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::IfExpr, condition, then_branch, else_branch)

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TypeRef, modifiers, base, enum_values)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Param, name, type)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::RuleDecl, name, params, result, body)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CompareCell, op, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TableRow, cells, output)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TableDecl, name, params, result, hit_policy, rows)

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::RolesDecl, kind, roles)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::LanguagesDecl, languages)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::ParamDecl, name, type, default_value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::EnumDecl, name, values)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::PartyDecl, name, role, names_case)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::PersonalMark, marked, party)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::FieldDecl, personal, name, type, texts)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::DocumentSpec, name, variants, texts)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::DocumentDecl, personal, documents)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CounterDecl, name, title, min, max)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::StateSpec, name, marker, texts)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::StateDecl, states)

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::InputClause, personal, name, type, texts)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::FillsClause, fields)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::AttachClause, documents)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::RequiresClause, condition, message)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::FlagClause, reason, condition)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::DecideClause, decision, then_state, else_state)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::SetClause, field, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CountClause, counter)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CadenceClause, input, min, max, action)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Assignment, name, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CreateClause, case_type, assignments)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::ForEachClause, case_type, states, command)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::MatchClause, left_type, left_state, right_type, right_state, ranking, capacity,
                          minimum, acceptable, score, method, propose, left_out)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::MatchLeftOut, state, why)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::IssueClause, output)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::DoClause, command, target)

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CommandDecl, name, roles, from, to, texts, clauses)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TimerFlag, reason, condition)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::TimerDecl, name, trigger, when, in_state, every, command, remind_role, remind_text,
                          flag)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::OutputValue, label, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::OutputShown, label, path)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::OutputDecl, name, title, recipients, value, shows)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::CaseDecl, kind, name, texts, items)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::Workflow, name, title, items)

BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::SetDecl, name, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::LetDecl, name, type, value)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::ZoneDecl, zone)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::RetentionPeriod, amount, unit)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::RetentionDecl, period)
BOOST_FUSION_ADAPT_STRUCT(mentorflow::dsl::ast::RulesFile, workflow, edition, items)
