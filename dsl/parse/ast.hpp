#pragma once
// The syntax tree of .flow and .rules files, exactly as written: names unresolved, types unchecked.
// Produced by dsl::parse (Spirit X3), consumed by dsl::check. Every node carries the byte span of
// its text in the SourceFile, so the checker can point at it. Grammar: docs/LANGUAGE.md.
//
// The shapes follow X3's habits (see Spirit's calc/rexpr examples): an expression level is a first
// operand and a list of (operator, operand) at one precedence; the checker folds them left to right.
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mentorflow::dsl::ast {

namespace x3 = boost::spirit::x3;

struct Span {
  std::uint32_t begin = 0;  // byte offset of the first character
  std::uint32_t end = 0;    // one past the last
};

struct Node {
  Span span;
};

struct Identifier : Node {
  std::string name;
};

// ---- literals --------------------------------------------------------------------------------
struct IntLit : Node { std::int64_t value = 0; };
struct NumberLit : Node { double value = 0; };
struct TextLit : Node { std::string value; };  // escapes already decoded
struct BoolLit : Node { bool value = false; };
struct DurationLit : Node {
  std::int64_t amount = 0;
  std::string unit;  // as written: min, h, d, day, days, w, week, weeks
};
struct DateLit : Node { int year = 0, month = 0, day = 0; };
struct DateTimeLit : Node {
  DateLit date;
  int hour = 0, minute = 0;
  std::string zone;  // IANA name ("Europe/Rome") or "UTC"
};
struct CefrLit : Node { std::string level; };  // A1 .. C2

// ---- human texts ----------------------------------------------------------------------------
// `"Degree course" it "Corso di laurea"`: a text, then its variants in other languages, each
// marked with a two-letter code (docs/LANGUAGE.md, "Labels, help and languages").
struct TextVariant : Node {
  Identifier language;  // as written; the checker knows the ISO 639-1 codes
  TextLit text;
};
struct Text : Node {
  TextLit first;  // in the workflow's first language
  std::vector<TextVariant> variants;
};
// `label TEXT` or `help TEXT` after what it describes.
struct TextClause : Node {
  std::string kind;  // "label" or "help"
  Text text;
};
// A name in a list that declares it, with its texts: `mentor label "Mentor"`, an enum value.
struct LabelledName : Node {
  Identifier name;
  std::vector<TextClause> texts;
};

// ---- expressions -----------------------------------------------------------------------------
enum class Op {
  Or, And,                                   // logical
  Eq, Ne, Lt, Le, Gt, Ge, In, NotIn,         // comparison (non-associative)
  Range,                                     // a..b
  Coalesce,                                  // x ?? default (unwraps an optional)
  Add, Sub, Mul, Div, Mod,                   // arithmetic
  Not, Neg                                   // unary only
};

struct Expression;
struct Unary;
struct Call;
struct Path;
struct ListLit;
struct IfExpr;

using Operand = x3::variant<IntLit, NumberLit, TextLit, BoolLit, DurationLit, DateLit, DateTimeLit, CefrLit,
                            x3::forward_ast<Path>, x3::forward_ast<Call>, x3::forward_ast<Unary>,
                            x3::forward_ast<ListLit>, x3::forward_ast<IfExpr>, x3::forward_ast<Expression>>;

struct Operation : Node {
  Op op = Op::Add;
  Operand rhs;
};

// One precedence level: first (op rhs)*. A parenthesised or lower-level expression is an Operand.
struct Expression : Node {
  Operand first;
  std::vector<Operation> rest;
};

struct Unary : Node {
  Op op = Op::Not;  // Not or Neg
  Operand operand;
};

// `name` or `a.degree` or `this.mentor.capacity`: a name followed by member accesses.
struct Path : Node {
  Identifier head;
  std::vector<Identifier> members;
};

// `eligible(this)`, `count(meetings)`, `days_between(a, b)`: a rule, table or built-in.
struct Call : Node {
  Identifier callee;
  std::vector<Expression> args;
};

struct ListLit : Node { std::vector<Expression> items; };

struct IfExpr : Node {
  Expression condition, then_branch, else_branch;
};

// ---- types -----------------------------------------------------------------------------------
// `int`, `cefr`, `degree` (a named enum), `enum(bachelor, master)`, `optional text`,
// `list of text`, `set of language`, `ref mentor_application`. Modifiers outermost first.
struct TypeRef : Node {
  std::vector<std::string> modifiers;     // each "optional", "list", "set" or "ref"
  Identifier base;                        // a type name, or "enum" for an inline enum
  std::vector<Identifier> enum_values;    // only for an inline enum(...)
};

struct Param : Node {  // a formal parameter of a rule or table: `a: application`
  Identifier name;
  TypeRef type;
};

// ---- shared declarations (workflow and rules files) ------------------------------------------
// `rule eligible(a: application): bool = expr`; without `= expr` (workflow only) it declares a
// rule every rules file must define.
struct RuleDecl : Node {
  Identifier name;
  std::vector<Param> params;
  std::optional<TypeRef> result;
  std::optional<Expression> body;
};

struct AnyCell : Node {};                            // `-`: matches every input
struct CompareCell : Node { Op op = Op::Eq; Expression value; };  // `>= 6`, `in [a, b]`, `!= master`
using Cell = x3::variant<AnyCell, CompareCell, Expression>;  // a bare expression: equals (or in a range `6..8`)

struct TableRow : Node {
  std::vector<Cell> cells;  // one per table parameter, in order
  Expression output;
};

// `table credits(degree: degree, meetings: int): int first { bachelor, >= 6 => 3 ... }`
struct TableDecl : Node {
  Identifier name;
  std::vector<Param> params;
  TypeRef result;
  std::string hit_policy;  // "unique", "first", "collect", "collect sum", "collect min", "collect max", "collect count"
  Span hit_policy_span;
  std::vector<TableRow> rows;
};

// ---- workflow files --------------------------------------------------------------------------
struct RolesDecl : Node {
  std::string kind;  // "participants", "staff", "auditors" or "privacy"
  std::vector<LabelledName> roles;
};

// `languages en, it`: the languages of the workflow's texts, the first that of a text without a marker.
struct LanguagesDecl : Node {
  std::vector<Identifier> languages;  // as written; the checker knows the ISO 639-1 codes
};

struct ParamDecl : Node {  // `param meetings: int = 6` — overridable per edition with `set`
  Identifier name;
  TypeRef type;
  std::optional<Expression> default_value;  // none: every rules file must set it
};

struct EnumDecl : Node {
  Identifier name;
  std::vector<LabelledName> values;
};

struct PartyDecl : Node {  // `party student: student` — the participant a case belongs to
  Identifier name;
  Identifier role;
  bool names_case = false;  // `party mentee: mentee names case`: the case's id is this person's user id
};

// `personal` before a field, document or input: a person's data (docs/PRIVACY.md), whose person is
// the party after `for` (`personal for mentee field notes: text`), or else the case's own.
struct PersonalMark : Node {
  bool marked = false;
  std::optional<Identifier> party;
};

struct FieldDecl : Node {
  PersonalMark personal;
  Identifier name;
  TypeRef type;
  std::vector<TextClause> texts;
};

struct DocumentSpec : Node {  // `cv[it, foreign] label "CV"`
  Identifier name;
  std::vector<Identifier> variants;  // language variants; empty: one file
  std::vector<TextClause> texts;
};
struct DocumentDecl : Node {
  PersonalMark personal;  // of every document of the declaration
  std::vector<DocumentSpec> documents;
};

struct CounterDecl : Node {  // `counter meetings "Meetings" min meetings_min max meetings_max`
  Identifier name;
  std::optional<Text> title;  // what a certificate calls them
  std::optional<Expression> min, max;
};

struct StateSpec : Node {
  Identifier name;
  std::string marker;  // "", "initial" or "final"
  std::vector<TextClause> texts;
};
struct StateDecl : Node { std::vector<StateSpec> states; };

// ---- command clauses -------------------------------------------------------------------------
struct InputClause : Node {                                             // input reason: text label "Reason"
  PersonalMark personal;                                                // `personal input answers: text`
  Identifier name;
  TypeRef type;
  std::vector<TextClause> texts;
};
struct FillsClause : Node { std::vector<Identifier> fields; };          // fills degree, year
struct AttachClause : Node { std::vector<Identifier> documents; };      // attach cv, letter
struct RequiresClause : Node {                                          // requires expr else "msg {x}"
  Expression condition;
  std::optional<TextLit> message;
};
struct DecideClause : Node {                                            // decide eligible(this) then a else b
  Expression decision;
  Identifier then_state, else_state;
};
struct SetClause : Node { Identifier field; Expression value; };        // set mentor = input_mentor
struct CountClause : Node { Identifier counter; };                      // count meetings
struct CadenceClause : Node {                                           // cadence date 3weeks..4weeks flag
  Identifier input;
  Expression min, max;
  std::string action;  // "flag" (record a warning) or "refuse"
};
struct Assignment : Node { Identifier name; Expression value; };
struct CreateClause : Node {                                            // create mentorship with mentee = ..., mentor = ...
  Identifier case_type;
  std::vector<Assignment> assignments;
};
struct ForEachClause : Node {                                           // for each application in draft do expire
  Identifier case_type;
  std::vector<Identifier> states;
  Identifier command;
};
struct MatchLeftOut : Node {                                            // met "stated no preferences"
  Identifier state;
  TextLit why;
};
struct MatchClause : Node {                                             // see docs/LANGUAGE.md, "Matching"
  Identifier left_type, left_state, right_type, right_state;
  Expression ranking;
  std::optional<Expression> capacity;
  std::optional<Expression> minimum;     // the fewest lefts a right takes, if it takes any
  std::optional<Identifier> acceptable;  // a rule (left, right) -> bool
  std::optional<Identifier> score;       // a rule (left, right) -> int
  std::optional<Identifier> method;      // a parameter of type enum(stable, optimal)
  Identifier propose;                    // command issued on each left case with input `match`
  std::vector<MatchLeftOut> left_out;    // explain STATE "why", ...: the words for cases not in the run
};
struct IssueClause : Node { Identifier output; };                       // issue certificate
struct FlagClause : Node {                                              // flag "no meeting yet" when meetings == 0
  TextLit reason;  // `{name}` inserts a value, as in a `requires` message
  Expression condition;
};
struct DoClause : Node {                                                // do take_place on proposed_mentor
  Identifier command;
  Expression target;  // a ref to the case the command is issued on
};

using Clause = x3::variant<InputClause, FillsClause, AttachClause, RequiresClause, DecideClause, SetClause,
                           CountClause, CadenceClause, CreateClause, ForEachClause, MatchClause, IssueClause,
                           DoClause, FlagClause>;

// `command select by staff from submitted to selected` then clauses. No `from`: the command creates
// the case (the actor becomes its party). No `to` and no `decide`: the state does not change.
struct CommandDecl : Node {
  Identifier name;
  std::vector<Identifier> roles;
  std::vector<Identifier> from;
  std::optional<Identifier> to;
  std::vector<TextClause> texts;  // its label and help, before the clauses
  std::vector<Clause> clauses;
};

// A timer's flag: `flag "no meeting in the first month" when meetings == 0` (no `when`: always).
struct TimerFlag : Node {
  TextLit reason;  // `{name}` inserts a value, as in a `flag` clause
  std::optional<Expression> condition;
};

// `timer close at deadline do close_applications`
// `timer nudge after 3weeks in active every 1week remind mentee "time for the next meeting"`
// `timer first_month at starts_on + 30days flag "fewer than 3 meetings" when meetings < 3`
struct TimerDecl : Node {
  Identifier name;
  std::string trigger;                // "at" or "after"
  Expression when;                    // a datetime (at) or a duration (after)
  std::optional<Identifier> in_state; // after: measured from entering this state, cancelled on leaving it
  std::optional<Expression> every;    // repeat period
  std::optional<Identifier> command;  // do COMMAND (issued by role `system`)
  std::optional<Identifier> remind_role;
  std::optional<TextLit> remind_text;
  std::optional<TimerFlag> flag;      // flag "reason" (when CONDITION)?
};

// `value "ECTS credits" = credits(degree, meetings)`: an output's value, and what a certificate calls it.
struct OutputValue : Node {
  std::optional<TextLit> label;
  Expression value;
};

// `"NGO" = offer.ngo`: a field of the case, or of a case it refers to, that a certificate states.
struct OutputShown : Node {
  std::optional<TextLit> label;
  std::vector<Identifier> path;  // `offer`, `ngo`
};

// `output certificate "Certificate of attendance" for mentee, mentor value meetings`
// `output ects "Community work" for student value "ECTS credits" = ects(hours) shows hours, "NGO" = offer.ngo`
struct OutputDecl : Node {
  Identifier name;
  Text title;
  std::vector<Identifier> recipients;  // parties
  std::optional<OutputValue> value;
  std::vector<OutputShown> shows;
};

using CaseItem = x3::variant<PartyDecl, FieldDecl, DocumentDecl, CounterDecl, StateDecl, CommandDecl, TimerDecl,
                             OutputDecl>;

struct CaseDecl : Node {
  std::string kind;  // "case" (one stream per case) or "cohort" (one stream per edition)
  Identifier name;
  std::vector<TextClause> texts;  // its label and help, first in its block
  std::vector<CaseItem> items;
};

using WorkflowItem = x3::variant<RolesDecl, ParamDecl, EnumDecl, RuleDecl, TableDecl, CaseDecl, LanguagesDecl>;

struct Workflow : Node {
  Identifier name;
  Text title;
  std::vector<WorkflowItem> items;
};

// ---- rules files -----------------------------------------------------------------------------
struct SetDecl : Node { Identifier name; Expression value; };   // set deadline = 2021-10-07 12:30 Europe/Rome
struct LetDecl : Node {                                         // let bachelor_min = B1 (local constant)
  Identifier name;
  std::optional<TypeRef> type;
  Expression value;
};

struct ZoneDecl : Node { Identifier zone; };                     // zone Europe/Rome (the edition's)

struct RetentionPeriod : Node {                                  // 5years
  std::int64_t amount = 0;
  std::string unit;  // as written: year(s), month(s), week(s), w, day(s), d
};
struct RetentionDecl : Node { RetentionPeriod period; };         // retention 5years (personal data)

using RulesItem = x3::variant<SetDecl, LetDecl, ZoneDecl, RetentionDecl, RuleDecl, TableDecl>;

struct RulesFile : Node {
  Identifier workflow;
  TextLit edition;
  std::vector<RulesItem> items;
};

}  // namespace mentorflow::dsl::ast
