#pragma once
// The X3 handlers the grammar's rule ids derive from (see Spirit's calc9/rexpr error_handler.hpp):
//   annotate          on success, sets the node's span (byte offsets into the SourceFile);
//   recover<LEVEL>    on an expectation failure inside a declaration, reports it and resumes at the
//                     next declaration of LEVEL, so one parse reports every syntax error;
//   give_up           for a file's body: reports and stops.
// What an expectation failure says comes from the failing parser's name or label: rules are named
// in the designer's words ("a type such as int, text, date or cefr") and dsl/grammar_*_def.hpp
// labels each expectation point (label(p, "a state name after 'from'")). ParseState::report turns
// it into "expected ..." and picks the token to underline.
#include <boost/spirit/home/x3.hpp>

#include <type_traits>

#include "dsl/parse/ast.hpp"
#include "dsl/parse/parser_directives.hpp"
#include "dsl/parse/parser_state.hpp"

namespace mentorflow::dsl::grammar {

namespace x3 = boost::spirit::x3;

struct annotate {
  template <typename Iterator, typename Context, typename T>
  void on_success(Iterator const& first, Iterator const& last, T& node, Context const& context) const {
    if constexpr (std::is_base_of_v<ast::Node, T>) {
      const ParseState& state = x3::get<parse_state_tag>(context);
      node.span = {state.offset(first), state.offset(last)};
      if constexpr (std::is_same_v<T, ast::TableDecl>)
        node.hit_policy_span = state.hit_policy_span(node.result.span.end, node.hit_policy);
    }
  }
};

template <SyncLevel Level>
struct recover {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& first, Iterator const& last, Exception const& x,
                                    Context const& context) const {
    ParseState& state = x3::get<parse_state_tag>(context);
    const auto begin = state.offset(first), where = state.offset(x.where());
    state.report(begin, where, x.which(), false);
    first = state.gave_up() ? last : state.text().begin() + state.resume(begin, where, Level);
    return x3::error_handler_result::accept;
  }
};

struct give_up {
  template <typename Iterator, typename Exception, typename Context>
  x3::error_handler_result on_error(Iterator& first, Iterator const& last, Exception const& x,
                                    Context const& context) const {
    ParseState& state = x3::get<parse_state_tag>(context);
    state.report(state.offset(first), state.offset(x.where()), x.which(), true);
    first = last;
    return x3::error_handler_result::accept;
  }
};

}  // namespace mentorflow::dsl::grammar
