#pragma once
// Four small X3 parser components the grammar (dsl/grammar_*_def.hpp) is built from. None of them
// computes anything from the text it reads; they only decide what matches and what an error says.
//
//   kw("command")     a keyword: the word, not followed by a letter, digit or '_' (so `command`
//                     never matches the start of `commander`)
//   label(p, "...")   p, but an expectation failure on it reads "expected ..." (error_handler.hpp)
//   flat<N>(p)        p, an alternative of sequences of N attributes each, filling N consecutive
//                     fields of the enclosing sequence's struct (X3 counts an alternative as one)
//   nested(p)         p, one level deeper in the expression nesting; past kMaxNesting it fails with
//                     a diagnostic, so hostile input cannot overflow the stack
#include <boost/spirit/home/x3.hpp>

#include <string>
#include <string_view>

#include "dsl/parse/parser_state.hpp"

namespace mentorflow::dsl::grammar {

namespace x3 = boost::spirit::x3;

inline bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

struct keyword_parser : x3::parser<keyword_parser> {
  using attribute_type = x3::unused_type;
  static bool const has_attribute = false;

  constexpr explicit keyword_parser(std::string_view w) : word(w) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext&, Attribute&) const {
    x3::skip_over(first, last, context);
    Iterator i = first;
    for (char c : word) {
      if (i == last || *i != c) return false;
      ++i;
    }
    if (i != last && is_ident_char(*i)) return false;
    first = i;
    return true;
  }

  std::string_view word;
};

constexpr keyword_parser kw(std::string_view word) { return keyword_parser(word); }

template <typename Subject>
struct label_directive : x3::unary_parser<Subject, label_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, label_directive<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr label_directive(Subject const& subject, char const* text) : base_type(subject), text(text) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext,
             Attribute& attr) const {
    return this->subject.parse(first, last, context, rcontext, attr);
  }

  char const* text;
};

template <typename Subject>
constexpr auto label(Subject const& subject, char const* text) {
  return label_directive<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject), text);
}

template <int N, typename Subject>
struct flat_directive : x3::unary_parser<Subject, flat_directive<N, Subject>> {
  using base_type = x3::unary_parser<Subject, flat_directive<N, Subject>>;
  static bool const is_pass_through_unary = false;

  constexpr explicit flat_directive(Subject const& subject) : base_type(subject) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext,
             Attribute& attr) const {
    return this->subject.parse(first, last, context, rcontext, attr);
  }
};

template <int N, typename Subject>
constexpr auto flat(Subject const& subject) {
  return flat_directive<N, typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject));
}

struct parse_state_tag;

template <typename Subject>
struct nested_directive : x3::unary_parser<Subject, nested_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, nested_directive<Subject>>;
  static bool const is_pass_through_unary = true;

  constexpr explicit nested_directive(Subject const& subject) : base_type(subject) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, Iterator const& last, Context const& context, RContext& rcontext,
             Attribute& attr) const {
    ParseState& state = x3::get<parse_state_tag>(context);
    if (state.nesting() >= ParseState::kMaxNesting)
      boost::throw_exception(x3::expectation_failure<Iterator>(first, ParseState::kTooDeep));
    ParseState::NestingScope scope(state);
    return this->subject.parse(first, last, context, rcontext, attr);
  }
};

template <typename Subject>
constexpr auto nested(Subject const& subject) {
  return nested_directive<typename x3::extension::as_parser<Subject>::value_type>(x3::as_parser(subject));
}

}  // namespace mentorflow::dsl::grammar

namespace boost::spirit::x3 {

template <>
struct get_info<mentorflow::dsl::grammar::keyword_parser> {
  using result_type = std::string;
  std::string operator()(mentorflow::dsl::grammar::keyword_parser const& p) const {
    return "'" + std::string(p.word) + "'";
  }
};

template <typename Subject>
struct get_info<mentorflow::dsl::grammar::label_directive<Subject>> {
  using result_type = std::string;
  std::string operator()(mentorflow::dsl::grammar::label_directive<Subject> const& p) const { return p.text; }
};

namespace traits {
template <int N, typename Subject, typename Context>
struct attribute_of<mentorflow::dsl::grammar::flat_directive<N, Subject>, Context> : attribute_of<Subject, Context> {};
}  // namespace traits

namespace detail {
// flat<N>(p) stands for N attributes of the enclosing sequence, and receives them as a view.
template <int N, typename Subject, typename Context>
struct sequence_size<mentorflow::dsl::grammar::flat_directive<N, Subject>, Context> {
  static int const value = N;
};
}  // namespace detail

}  // namespace boost::spirit::x3
