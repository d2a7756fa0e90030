#pragma once
// The grammar builds one ast::Expression per precedence level, also for levels with no operator
// (`6` comes out as or(and(comparison(... 6)))). This removes those: afterwards an Expression with
// an empty `rest` appears only at the root of an expression-valued field, holding a leaf, and an
// Operand is never an Expression without operators. Parentheses survive where they group operators.
#include "dsl/parse/ast.hpp"

namespace mentorflow::dsl {

void flatten_expressions(ast::Workflow& workflow);
void flatten_expressions(ast::RulesFile& rules);

}  // namespace mentorflow::dsl
