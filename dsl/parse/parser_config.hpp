#pragma once
// The types every rule of the grammar is instantiated with (dsl/parse/parser_grammar.cpp) and called
// with (dsl/parse/parser.cpp): the iterator over a SourceFile's text, the skipper (whitespace and `#`
// comments) and the context, which carries the ParseState.
#include <boost/spirit/home/x3.hpp>

#include <string>

#include "dsl/parse/parser_directives.hpp"
#include "dsl/parse/parser_state.hpp"

namespace mentorflow::dsl::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = std::string::const_iterator;

inline auto const skipper = x3::ascii::space | x3::lexeme['#' >> *(x3::standard::char_ - x3::eol)];
using skipper_type = std::remove_cv_t<decltype(skipper)>;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<parse_state_tag, ParseState, phrase_context_type>;

}  // namespace mentorflow::dsl::grammar
