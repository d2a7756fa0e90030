#pragma once
// What a workflow declares, with every name resolved to an index: roles, parameters, rules,
// tables, case types with their parties, fields, documents, counters, states, commands (and their
// clauses, in order), timers and outputs. The checker builds these; compile() fills in the values
// that depend on the edition (counter bounds, timer times, table cells) and freezes them inside a
// Definition. Indices are positions in the vectors of the same case type (or the Definition).
//
// Labels and help texts (dsl/text.hpp) are what the web application shows instead of names; they
// change nothing when a command runs. Certificates read only the first-language titles.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dsl/model/expr.hpp"
#include "dsl/text.hpp"
#include "dsl/types.hpp"
#include "dsl/value.hpp"

namespace mentorflow::dsl {

using Index = std::uint32_t;

// A privacy role (`privacy dpo`) manages personal data (erases a person, docs/PRIVACY.md) and
// issues none of the workflow's commands.
enum class RoleKind : std::uint8_t { Participant, Staff, Auditor, Privacy, System };

struct RoleSpec {
  std::string name;
  RoleKind kind = RoleKind::Staff;
  Text label;
};

// A named enum (`enum meeting_mode { online label "Online", in_person }`): its values in order,
// each with its label (empty when none was given).
struct NamedEnum {
  std::string name;
  std::vector<std::string> values;
  std::vector<Text> value_labels;  // by value
};

struct ParamSpec {
  std::string name;
  Type type;
  NodeId default_value = kNoNode;  // kNoNode: every rules file must set it
  // The edition value as the designer wrote it, when it is a duration written as one literal
  // (`set gap = 14days`) or another parameter's or constant's such value; else empty
  // (dsl/eval/shown_value.hpp). Set with the value, by the checker.
  std::string written;
};

// A parameter of a rule or table. Case parameters (`a: application`) are passed as the case
// itself; the others as values.
struct Formal {
  std::string name;
  Type type;
  bool is_case = false;
  Index slot = 0;       // among the value parameters, or among the case parameters
  Index case_type = 0;  // is_case: which case type
};

struct RuleSpec {
  std::string name;
  std::vector<Formal> formals;
  Index value_slots = 0, case_slots = 0;
  Type result;
  NodeId body = kNoNode;  // kNoNode: declared in the workflow, defined by each rules file
  SourceId file = SourceId::Workflow;
  ast::Span span;         // the rule's name
  std::uint32_t line = 0;  // 1-based line of the declaration
};

enum class HitPolicy : std::uint8_t { Unique, First, Collect, CollectSum, CollectMin, CollectMax, CollectCount };

enum class CellKind : std::uint8_t { Any, Compare, In, NotIn };

// One cell of a table row: `-`, `>= 6`, `in [a, b]`, `6..8`. The value nodes are constants;
// compile() stores their values.
struct CellSpec {
  CellKind kind = CellKind::Any;
  CmpOp op = CmpOp::Eq;       // Compare only
  bool range = false;         // In/NotIn a range lo..hi rather than a list
  NodeId value = kNoNode, hi = kNoNode;
  Value constant, constant_hi;  // filled by compile()
  ast::Span span;
};

struct TableRowSpec {
  std::vector<CellSpec> cells;
  NodeId output = kNoNode;
  ast::Span span;
  std::uint32_t line = 0;
};

struct TableSpec {
  std::string name;
  std::vector<Formal> formals;  // all value parameters
  Type output;                  // the type of each row's output
  Type result;                  // the type of a call: output, list of output, or int (collect count)
  HitPolicy policy = HitPolicy::Unique;
  std::vector<TableRowSpec> rows;
  SourceId file = SourceId::Workflow;
  ast::Span span;
  std::uint32_t line = 0;
};

// ---- case types ------------------------------------------------------------------------------
struct PartySpec {
  std::string name, role;
  bool names_case = false;  // the case's id is this party's user id: only they (or staff) open it
};
// `personal`: a person's data, sealed under the key of that person (a party of the case: the index
// in `parties`) and gone when they are erased (docs/PRIVACY.md). nullopt: not personal.
struct FieldSpec {
  std::string name;
  Type type;
  Text label, help;
  std::optional<Index> personal;
};
struct DocumentSpec {
  std::string name;
  std::vector<std::string> variants;
  Text label, help;
  std::optional<Index> personal;
};
struct CounterSpec {
  std::string name;
  NodeId min_expr = kNoNode, max_expr = kNoNode;
  std::optional<std::int64_t> min, max;  // filled by compile()
  std::string title;                     // `counter meetings "Meetings"`: what certificates call them; may be empty
  Text label;                            // the title with its variants (title: its first-language text)
};
struct StateSpec {
  std::string name;
  bool initial = false, final = false;
  Text label, help;
};

enum class InputOrigin : std::uint8_t { Input, Fills, Attach };
struct InputSpec {
  std::string name;
  Type type;          // Attach: Document
  InputOrigin origin = InputOrigin::Input;
  Index target = 0;   // Fills: the field; Attach: the document
  Text label, help;   // Fills, Attach: the field's or the document's
  std::optional<Index> personal;  // whose data it is, as FieldSpec::personal; Fills, Attach: the field's or document's
};

// A `requires` message: literal text and `{name}` values, in order.
struct MessagePart {
  std::string text;
  NodeId value = kNoNode;  // when not kNoNode, the part is this value's display()
};

struct FillsClause { std::vector<Index> inputs; };   // stores each input into its field
struct AttachClause { std::vector<Index> inputs; };  // stores each document input
struct RequiresClause {
  NodeId condition = kNoNode;
  std::vector<MessagePart> message;  // empty: no `else` message
};
struct DecideClause {
  NodeId decision = kNoNode;
  Index then_state = 0, else_state = 0;
};
struct SetClause { Index field = 0; NodeId value = kNoNode; };
struct CountClause { Index counter = 0; };
struct CadenceClause {
  Index input = 0;
  Index slot = 0;  // CaseTypeSpec::cadence_keys: where the previous value is kept
  NodeId min_expr = kNoNode, max_expr = kNoNode;
  Value min, max;  // durations, filled by compile()
  bool refuse = false;  // false: flag
};
struct Assignment { bool party = false; Index slot = 0; NodeId value = kNoNode; };
struct CreateClause { Index case_type = 0; std::vector<Assignment> assignments; };
struct ForEachClause { Index case_type = 0; std::vector<Index> states; Index command = 0; };
struct MatchClause {
  Index left_type = 0, left_state = 0, right_type = 0, right_state = 0;
  NodeId ranking = kNoNode;   // evaluated on each left case: list of ref RIGHT, best first
  NodeId capacity = kNoNode;  // evaluated on each right case: int; kNoNode: 1
  NodeId minimum = kNoNode;   // evaluated on each right case: int, the fewest it takes if any; kNoNode: none
  std::optional<Index> acceptable;  // rule (left, right) -> bool
  std::optional<Index> score;       // rule (left, right) -> int; none: satisfaction from rank
  std::optional<Index> method;      // parameter of type enum(stable, optimal); none: stable
  Index propose = 0;          // command of the left case type, receives input `match`
  // explain STATE "why": the words for left cases in a state the run leaves out (any other
  // non-final state is reported in plain state names)
  std::vector<std::pair<Index, std::string>> left_out;
};
struct IssueClause { Index output = 0; };
// flag "reason" when CONDITION: flags the case (it does not refuse) when the condition holds
struct FlagClause {
  NodeId condition = kNoNode;
  std::vector<MessagePart> reason;
};
// do COMMAND on TARGET: COMMAND (taking no inputs) issued as `system` on the case TARGET names
struct DoClause { NodeId target = kNoNode; Index case_type = 0; Index command = 0; };

using Clause = std::variant<FillsClause, AttachClause, RequiresClause, DecideClause, SetClause, CountClause,
                            CadenceClause, CreateClause, ForEachClause, MatchClause, IssueClause, DoClause, FlagClause>;

struct ClauseSpec {
  Clause clause;
  ast::Span span;
  std::uint32_t line = 0;
};

struct CommandSpec {
  std::string name;
  Text label, help;
  std::vector<std::string> roles;  // the roles that may issue it (`system` only when listed)
  std::vector<Index> from;         // empty: the command creates the case
  std::optional<Index> to;
  std::vector<InputSpec> inputs;
  std::vector<ClauseSpec> clauses;  // in the order they run
  ast::Span span;
  std::uint32_t line = 0;

  bool creates_case() const { return from.empty(); }
  bool allows_role(std::string_view role) const;
  bool allows_state(Index state) const;
  std::optional<Index> find_input(std::string_view name) const;
};

struct TimerSpec {
  std::string name;
  bool at = true;                   // at a date-time; false: `after` a duration in a state
  NodeId when_expr = kNoNode, every_expr = kNoNode;
  Value when;                       // datetime (at) or duration (after), filled by compile()
  // `at FIELD + D`: due at the value of a date or datetime field of the case plus D (when_expr
  // and `when` are then D, or kNoNode/absent for `at FIELD`); scheduled whenever the field is set.
  std::optional<Index> field;
  std::optional<Value> every;       // duration
  std::optional<Index> in_state;    // after ... in STATE
  std::optional<Index> command;     // do COMMAND (as `system`)
  std::string remind;               // remind WHO "text": a party of the case, or a role
  bool remind_is_party = false;
  std::string remind_text;
  // flag "reason" (when COND)?: raises a flag on the case (FlagRaised), as a command's `flag`
  // clause does; condition kNoNode: always. Evaluated on the case when the timer fires.
  std::optional<FlagClause> flag;
};

// A field an output's certificate states (`shows "NGO" = offer.ngo`).
struct ShownSpec {
  std::string label;          // as written; empty when none was given
  std::string path;           // `offer.ngo`
  std::vector<Index> fields;  // the path resolved: a field of the case, then each a field of the case the one before refers to
  Type type;                  // the last field's type
};

struct OutputSpec {
  std::string name, title;        // title: the first-language text of `label`
  Text label;                     // the title with its variants
  std::vector<Index> recipients;  // parties
  NodeId value = kNoNode;
  std::string value_label;        // `value "ECTS credits" = ...`; empty when none was given
  std::vector<ShownSpec> shows;
};

struct CaseTypeSpec {
  std::string name;
  bool cohort = false;
  Text label, help;
  std::vector<PartySpec> parties;
  std::vector<FieldSpec> fields;
  std::vector<DocumentSpec> documents;
  std::vector<CounterSpec> counters;
  std::vector<StateSpec> states;
  std::vector<CommandSpec> commands;
  std::vector<TimerSpec> timers;
  std::vector<OutputSpec> outputs;
  std::vector<std::string> cadence_keys;  // input names whose previous value the case keeps
  Index initial = 0;

  std::optional<Index> find_party(std::string_view name) const;
  std::optional<Index> find_field(std::string_view name) const;
  std::optional<Index> find_document(std::string_view name) const;
  std::optional<Index> find_counter(std::string_view name) const;
  std::optional<Index> find_state(std::string_view name) const;
  std::optional<Index> find_command(std::string_view name) const;
  std::optional<Index> find_output(std::string_view name) const;
};

}  // namespace mentorflow::dsl
