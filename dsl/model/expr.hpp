#pragma once
// Compiled expressions: the checker turns every expression into typed nodes with every name
// already resolved to a slot (field, input, parameter, rule, table), so evaluation never looks a
// name up or re-reads text. Nodes live in one ExprPool per Definition and refer to each other by
// index; a node's span points back at its source text for traces and diagnostics.
#include <cstdint>
#include <vector>

#include "dsl/parse/ast.hpp"
#include "dsl/types.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFF;

enum class SourceId : std::uint8_t { Workflow = 0, Rules = 1 };

enum class Op : std::uint8_t {
  Const,      // constants[a]
  Param,      // parameter a of the workflow (its edition value)
  Let,        // constant a of the rules file
  Local,      // value parameter a of the rule or table being evaluated
  LocalCase,  // case parameter a of the rule being evaluated (`a` in `rule eligible(a: application)`)
  This,       // the case the command runs on
  Now,        // the date-time the command is recorded at
  Actor,      // the user issuing the command
  Input,      // command input a
  Member,     // member b (kind aux: MemberKind) of the case node a evaluates to; c: its case type index
  Present,    // is the optional value of node a there?
  Reached,    // counter b of the case node a (case type c) has reached its min
  Not, Neg,   // unary, on node a
  And, Or,    // short-circuit, on a and b
  Compare,    // a (aux: CmpOp) b; c: CompareClass
  InList,     // a in list/set b; aux 1: `not in`
  InRange,    // a in b..c; aux 1: `not in`
  Coalesce,   // a ?? b
  Arith,      // a (aux: ArithOp) b
  If,         // if a then b else c
  List,       // items lists[b .. b+c); aux 1: a set
  CallRule,   // rule a with arguments lists[b .. b+c)
  CallTable,  // table a with arguments lists[b .. b+c)
  Builtin,    // built-in function aux (Builtin) with arguments lists[b .. b+c)
  Cohort,     // the edition's cohort of type a, as a ref (a cohort's name read inside a case)
};

enum class MemberKind : std::uint8_t { Field, Counter, Party, Document };
enum class CmpOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

// The comparison that holds with the operands swapped: `a < b` is `b > a`. For reading a
// comparison written constant-first (`2 <= a.year`) as one on the field.
constexpr CmpOp mirrored(CmpOp op) {
  switch (op) {
    case CmpOp::Lt: return CmpOp::Gt;
    case CmpOp::Le: return CmpOp::Ge;
    case CmpOp::Gt: return CmpOp::Lt;
    case CmpOp::Ge: return CmpOp::Le;
    default: return op;
  }
}

// Does `a op b` hold? (Words, numbers, or the result of compare() against 0.)
template <class T>
inline bool compare_holds(CmpOp op, const T& a, const T& b) {
  switch (op) {
    case CmpOp::Eq: return a == b;
    case CmpOp::Ne: return a != b;
    case CmpOp::Lt: return a < b;
    case CmpOp::Le: return a <= b;
    case CmpOp::Gt: return a > b;
    case CmpOp::Ge: return a >= b;
  }
  return false;
}
enum class CompareClass : std::uint8_t { Word, Number, Value };  // 64-bit word, double, generic Value

enum class ArithOp : std::uint8_t {
  AddInt, SubInt, MulInt, DivInt, ModInt,        // int (DivInt gives a number)
  AddNum, SubNum, MulNum, DivNum,                // numbers (ints widened)
  AddDur, SubDur, MulDurNum, MulNumDur, DivDurNum, DivDurDur,
  AddDateDur, SubDateDur, SubDateDate,           // dates (whole days only)
  AddDtDur, SubDtDur, SubDtDt,                   // date-times
  Concat,                                        // text + text
};

enum class Builtin : std::uint8_t { Count, Len, Min, Max, MinList, MaxList, Sum, DaysBetween, WeeksBetween, DateOf, Trim,
                                     StartOfDay };

struct ExprNode {
  Op op = Op::Const;
  std::uint8_t aux = 0;
  ValueKind kind = ValueKind::Absent;  // the kind of the value, when there is one
  bool optional = false;               // the value may be absent (type `optional T`)
  SourceId file = SourceId::Workflow;
  NodeId a = 0, b = 0, c = 0;
  ast::Span span;
};

struct ExprPool {
  std::vector<ExprNode> nodes;
  std::vector<Value> constants;
  std::vector<NodeId> lists;  // argument and item lists, referred to as (offset, count)

  NodeId add(const ExprNode& n) {
    nodes.push_back(n);
    return static_cast<NodeId>(nodes.size() - 1);
  }
  const ExprNode& operator[](NodeId id) const { return nodes[id]; }
};

// The kind of value a type's values have (Optional: its element's; Case: Ref).
ValueKind value_kind(const Type& t);

}  // namespace mentorflow::dsl
