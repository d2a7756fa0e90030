#pragma once
// Internal to the checker: the passes over one file, sharing one World. check_workflow.cpp runs
// them in order: declarations first (so anything may refer to anything declared anywhere), then
// bodies, then the whole-file checks (states, recursion, tables).
#include <string>
#include <vector>

#include "dsl/check/check.hpp"
#include "dsl/check/check_expr.hpp"
#include "dsl/check/check_world.hpp"

namespace mentorflow::dsl::detail {

const std::vector<std::string>& builtin_names();

// ---- labels, help and languages (check_texts.cpp) -----------------------------------------------
// Reads the workflow's `languages` declaration into w.languages, reporting unknown codes, repeats
// and a second declaration. Run first: every text is checked against it.
void declare_languages(World& w, const ast::Workflow& wf);
// A human text with its variants, checked against the workflow's languages. `what` names it in
// messages: "label of state 'draft'".
Text check_text(World& w, const ast::Text& text, const std::string& what);
// The `label` and `help` clauses of one thing, `owner` naming it ("state 'draft'"). `no_help`, when
// not empty, is the thing's kind for "a role takes a label but no help text": `help` is reported.
struct Labels {
  Text label, help;
};
Labels check_labels(World& w, const std::vector<ast::TextClause>& clauses, const std::string& owner,
                    std::string_view no_help = {});

// ---- declarations (check_declarations.cpp) -----------------------------------------------------
void declare_types(World& w, const ast::Workflow& wf);
void declare_roles(World& w, const ast::Workflow& wf);
void declare_params(World& w, const ast::Workflow& wf);
// A rule's or table's signature; the body is checked later. In a rules file a rule or table named
// like the workflow's replaces it (same signature required). Returns its index, or nullopt when it
// cannot be declared (reported).
std::optional<Index> declare_rule(World& w, const ast::RuleDecl& r);
std::optional<Index> declare_table(World& w, const ast::TableDecl& t);
std::vector<Formal> formals_of(World& w, const std::vector<ast::Param>& params, bool allow_cases);
std::string signature(const RuleSpec& r);
std::string signature(const TableSpec& t);
// Whether a rules file's override `here` keeps the workflow's signature `base`; when not, reports
// the first difference at it (check_overrides.cpp).
bool override_fits(World& w, const RuleSpec& base, const RuleSpec& here, const ast::RuleDecl& decl);
bool override_fits(World& w, const TableSpec& base, const TableSpec& here, const ast::TableDecl& decl);

// ---- bodies ------------------------------------------------------------------------------------
// Checks the bodies of `rules` (index, declaration), each once, a rule called before its turn
// first (so a result type inferred from a body is known to its callers): sets w.check_rule_now.
void check_rule_bodies(World& w, const std::vector<std::pair<Index, const ast::RuleDecl*>>& rules, bool lets);
void check_rule_body(World& w, Index rule, const ast::RuleDecl& decl, bool lets);
void check_table_rows(World& w, Index table, const ast::TableDecl& decl, bool lets);

// ---- case types (check_case.cpp, check_clauses.cpp) --------------------------------------------
void declare_case_members(World& w, Index case_index, const ast::CaseDecl& decl);
void check_case_bodies(World& w, Index case_index, const ast::CaseDecl& decl);
// Splits a `requires` message or a flag's reason into text and `{name}` values, reporting a
// `{name}` that names nothing visible to `ec` (check_clauses.cpp).
std::vector<MessagePart> message_parts(World& w, ExprChecker& ec, const ast::TextLit& lit);
void check_states(World& w, Index case_index, const ast::CaseDecl& decl);
// `timer T at FIELD` or `at FIELD + D` (FIELD a field of the case): fills spec.field and the
// offset D (checked constant) and returns true; false, reporting nothing, for any other `at` form.
bool check_field_timer(World& w, const CaseTypeSpec& c, TimerSpec& spec, const ast::TimerDecl& t,
                       ExprChecker& constants);
// The state `id` names in case `c`, or nullopt (reported, with a suggestion).
std::optional<Index> find_state_reporting(World& w, const CaseTypeSpec& c, const ast::Identifier& id);

// ---- whole file ----------------------------------------------------------------------------------
// Reports rules (and tables) that call themselves; `from_rule`/`from_table`: only cycles through
// rules or tables at or past these indices (the rules file's own and overridden ones).
void check_recursion(World& w, const std::vector<bool>& rule_in_file, const std::vector<bool>& table_in_file);
// A rules file's rules and tables: a workflow rule without a body that the file leaves undefined
// (an error) and a new rule or table named like one of the workflow's, which it then does not
// replace (an error when that one has no body, a warning when nothing calls the new one), at the
// misspelt name with "did you mean" (check_lookalikes.cpp). `*_in_file`: by index, declared here.
void check_rules_file_names(World& w, const std::vector<bool>& rule_in_file, const std::vector<bool>& table_in_file);
// Warns of a field of a case read (by a clause, through a rule, by an output) while a way to the
// reading command leaves it unset; only reads written in w.file (check_unset_fields.cpp).
void check_unset_fields(World& w);
// Evaluates a constant node with the program's parameter and let values; reports kEvalFailed.
std::optional<Value> evaluate_constant(World& w, NodeId node);
// Computes every parameter's value, each after the parameters it reads: `exprs[i]` gives parameter
// i (its `set`, else its default; kNoNode: none, so it stays absent and unknown, and so do the
// parameters that read it). Reports a parameter that reads itself at `spans` (empty: the header).
void compute_params(World& w, const std::vector<NodeId>& exprs, const std::vector<ast::Span>& spans);
// Computes table `table`'s cell constants; false (and no analysis possible) when one is unknown.
bool compute_cells(World& w, TableSpec& table);
// Overlaps under `unique` (errors) and uncovered inputs (a warning), by enumerating inputs.
void analyse_table(World& w, const TableSpec& table);

}  // namespace mentorflow::dsl::detail
