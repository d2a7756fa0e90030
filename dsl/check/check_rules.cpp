// check_rules: a rules file against its checked workflow. The result is the workflow's program
// with this edition's values, constants, rules and tables, every constant computed.
#include <algorithm>

#include "dsl/check/check.hpp"
#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/eval/shown_value.hpp"
#include "dsl/time/time_zone.hpp"

namespace mentorflow::dsl {

using namespace detail;

namespace {

// Computes the workflow's constants that depend on parameters, for this edition.
void compute_edition_constants(World& w) {
  for (CaseTypeSpec& c : w.program.case_types) {
    for (CounterSpec& k : c.counters) {
      if (k.min_expr != kNoNode)
        if (auto v = evaluate_constant(w, k.min_expr)) k.min = v->as_int();
      if (k.max_expr != kNoNode)
        if (auto v = evaluate_constant(w, k.max_expr)) k.max = v->as_int();
    }
    for (TimerSpec& t : c.timers) {
      if (t.when_expr != kNoNode)  // kNoNode: `at FIELD` with no offset
        if (auto v = evaluate_constant(w, t.when_expr)) t.when = std::move(*v);
      if (t.every_expr != kNoNode)
        if (auto v = evaluate_constant(w, t.every_expr)) t.every = std::move(*v);
    }
    for (CommandSpec& cmd : c.commands)
      for (ClauseSpec& clause : cmd.clauses)
        if (auto* cadence = std::get_if<CadenceClause>(&clause.clause)) {
          if (auto v = evaluate_constant(w, cadence->min_expr)) cadence->min = std::move(*v);
          if (auto v = evaluate_constant(w, cadence->max_expr)) cadence->max = std::move(*v);
        }
  }
}

// The rules and tables a rules file declares, in file order: new ones, and overrides of the
// workflow's (which replace them, same signature).
struct Declared {
  std::vector<std::pair<Index, const ast::RuleDecl*>> rules;
  std::vector<std::pair<Index, const ast::TableDecl*>> tables;
  std::vector<bool> rule_in_file, table_in_file;  // by index: declared or overridden here
  std::vector<const ast::RuleDecl*> overridden;   // by workflow rule: its override, if any
};

Declared declare_rules_and_tables(World& w, const ast::RulesFile& rf) {
  Declared d;
  d.rule_in_file.assign(w.program.rules.size(), false);
  d.table_in_file.assign(w.program.tables.size(), false);
  d.overridden.assign(w.program.rules.size(), nullptr);
  for (const ast::RulesItem& item : rf.items) {
    if (const auto* r = boost::get<ast::RuleDecl>(&item)) {
      if (auto i = w.find_rule(r->name.name); i && *i < w.workflow_rules && d.overridden[*i]) {
        w.report.duplicate(r->name.span, "rule", r->name.name, d.overridden[*i]->name.span);
        continue;
      }
      if (!r->body) w.report.error(r->name.span, msg::kRuleNeedsBody, r->name.name);
      if (auto i = declare_rule(w, *r)) {
        d.rules.emplace_back(*i, r);
        d.rule_in_file.resize(w.program.rules.size(), false);
        d.rule_in_file[*i] = true;
        if (*i < w.workflow_rules) d.overridden[*i] = r;
      }
    } else if (const auto* t = boost::get<ast::TableDecl>(&item)) {
      if (auto i = w.find_table(t->name.name); i && *i < w.workflow_tables && d.table_in_file[*i]) {
        w.report.error(t->name.span, msg::kDuplicate, "table", t->name.name);
        continue;
      }
      if (auto i = declare_table(w, *t)) {
        d.tables.emplace_back(*i, t);
        d.table_in_file.resize(w.program.tables.size(), false);
        d.table_in_file[*i] = true;
      }
    }
  }
  d.rule_in_file.resize(w.program.rules.size(), false);
  d.table_in_file.resize(w.program.tables.size(), false);
  return d;
}

// Parameter values: `set`, else the workflow's default, each computed after the parameters it
// reads, with this edition's values; a parameter with neither is reported.
void set_parameters(World& w, const ast::RulesFile& rf, ExprChecker& constants) {
  std::vector<ast::Span> set_at(w.program.params.size(), ast::Span{});
  std::vector<bool> is_set(w.program.params.size(), false);
  std::vector<NodeId> exprs;
  for (const ParamSpec& p : w.program.params) exprs.push_back(p.default_value);
  for (const ast::RulesItem& item : rf.items) {
    const auto* s = boost::get<ast::SetDecl>(&item);
    if (!s) continue;
    auto i = w.find_param(s->name.name);
    if (!i) {
      std::vector<std::string> names;
      for (const ParamSpec& p : w.program.params) names.push_back(p.name);
      Reporter::suggest(w.report.error(s->name.span, msg::kUnknownParam, s->name.name), s->name.name, names);
      constants.check(s->value);
      continue;
    }
    if (is_set[*i]) {
      w.report.duplicate(s->name.span, "set", s->name.name, set_at[*i]);
      continue;
    }
    is_set[*i] = true;
    set_at[*i] = s->name.span;
    exprs[*i] = kNoNode;
    const Type type = w.program.params[*i].type;
    Typed v = constants.check(s->value, &type);
    if (!v.type.is_error() && !assignable(type, v.type)) {
      w.report.error(v.span, msg::kParamType, s->name.name, type.to_string(), v.type.to_string());
      continue;
    }
    if (v.type.is_error() || !constants.require_constant(v.node)) continue;
    exprs[*i] = v.node;
  }
  for (Index i = 0; i < w.program.params.size(); ++i)
    if (!is_set[i] && w.program.params[i].default_value == kNoNode)
      w.report.error(rf.workflow.span, msg::kMissingParam, w.program.params[i].name);
  compute_params(w, exprs, set_at);
}

// The edition's zone, in which the engine shows its dates (history, certificates, calendars).
void set_zone(World& w, const ast::RulesFile& rf) {
  const ast::ZoneDecl* zone = nullptr;
  for (const ast::RulesItem& item : rf.items) {
    const auto* z = boost::get<ast::ZoneDecl>(&item);
    if (!z) continue;
    if (zone) {
      w.report.duplicate(z->zone.span, "zone", z->zone.name, zone->zone.span);
      continue;
    }
    zone = z;
    if (TimeZone::find(z->zone.name)) w.program.zone = z->zone.name;
    else Reporter::suggest(w.report.error(z->zone.span, msg::kUnknownZone, z->zone.name), z->zone.name,
                           TimeZone::known_names());
  }
}

// How long the edition keeps personal data once it closes (docs/PRIVACY.md, "Retention and legal holds").
void set_retention(World& w, const ast::RulesFile& rf) {
  const ast::RetentionDecl* retention = nullptr;
  for (const ast::RulesItem& item : rf.items) {
    const auto* r = boost::get<ast::RetentionDecl>(&item);
    if (!r) continue;
    const ast::RetentionPeriod& period = r->period;
    const std::string written = fmt::format("{}{}", period.amount, period.unit);
    if (retention) {
      w.report.duplicate(period.span, "retention", written, retention->period.span);
      continue;
    }
    retention = r;
    const Retention value = retention_of(period.amount, period.unit);
    const std::int64_t limit = value.unit == Retention::Unit::kYears    ? kMaxRetentionYears
                               : value.unit == Retention::Unit::kMonths ? kMaxRetentionYears * 12
                                                                        : kMaxRetentionYears * 366;
    if (period.amount == 0)
      w.report.error(period.span, msg::kRetentionZero, written).notes.push_back(std::string(msg::kRetentionZeroNote));
    else if (period.amount > limit || value.amount > limit)
      w.report.error(period.span, msg::kRetentionTooLong, written, kMaxRetentionYears);
    else
      w.program.retention = value;
  }
}

// Whether `let NAME` takes a name a parameter, an earlier constant, a rule or a table has (reported).
bool let_name_taken(World& w, const ast::LetDecl& l) {
  if (std::any_of(w.program.params.begin(), w.program.params.end(),
                  [&](const ParamSpec& p) { return p.name == l.name.name; })) {
    w.report.error(l.name.span, msg::kDuplicate, "name", l.name.name);
    return true;
  }
  if (auto i = w.find_let(l.name.name)) {
    w.report.duplicate(l.name.span, "name", l.name.name, w.let_spans[*i]);
    return true;
  }
  if (w.find_rule(l.name.name) || w.find_table(l.name.name)) {
    w.report.error(l.name.span, msg::kDuplicate, "name", l.name.name);
    return true;
  }
  return false;
}

// Constants, in order: each sees the parameters and the constants before it.
void declare_constants(World& w, const ast::RulesFile& rf, ExprChecker& constants) {
  for (const ast::RulesItem& item : rf.items) {
    const auto* l = boost::get<ast::LetDecl>(&item);
    if (!l || let_name_taken(w, *l)) continue;
    const Type declared = l->type ? w.resolve_type(*l->type) : Type::error();
    Typed v = constants.check(l->value, l->type ? &declared : nullptr);
    if (v.type.is(TypeKind::Range)) v = Typed{kNoNode, Type::error(), kNoNode, v.span}, w.report.error(v.span, msg::kRangeOnlyAfterIn);
    Type type = l->type ? declared : v.type;
    if (l->type && !v.type.is_error() && !assignable(declared, v.type)) {
      w.report.error(v.span, msg::kExpected, declared.to_string(), v.type.to_string());
      type = Type::error();
    }
    Value value;
    if (!v.type.is_error() && constants.require_constant(v.node))
      if (auto computed = evaluate_constant(w, v.node)) value = std::move(*computed);
    std::string written = value.is_absent() ? "" : written_text(w.program, v.node);
    w.program.lets.push_back(LetSpec{l->name.name, type, v.node, std::move(written)});
    w.program.let_values.push_back(std::move(value));
    w.let_spans.push_back(l->name.span);
  }
}

// Bodies, then the whole edition: every workflow rule defined, no recursion, and (when all that
// holds) the tables' cells and the constants computed.
void check_edition(World& w, const Declared& d) {
  check_rule_bodies(w, d.rules, true);
  for (auto [i, t] : d.tables) check_table_rows(w, i, *t, true);
  check_rules_file_names(w, d.rule_in_file, d.table_in_file);
  check_recursion(w, d.rule_in_file, d.table_in_file);
  if (w.report.has_errors()) return;
  for (Index i = 0; i < w.program.tables.size(); ++i) {
    TableSpec& t = w.program.tables[i];
    if (compute_cells(w, t) && d.table_in_file[i]) analyse_table(w, t);
  }
  compute_edition_constants(w);
  check_unset_fields(w);  // the reads of this file's rules, with the workflow's commands
}

}  // namespace

std::optional<CheckedRules> check_rules(const SourceFile& file, const ast::RulesFile& rf, const CheckedWorkflow& wf,
                                        Diagnostics& out) {
  CheckedRules result;
  result.workflow = rf.workflow.name;
  result.edition = rf.edition.value;
  result.source = &file;
  result.checked_workflow = &wf;
  result.program = wf.program;
  result.program.sources[static_cast<int>(SourceId::Rules)] = &file;
  Reporter report(file);
  World w(result.program, report, SourceId::Rules);
  w.header = rf.workflow.span;
  w.roles = wf.roles;
  for (const NamedEnum& e : wf.enums) w.enums.push_back(EnumSpec{e.name, e.values, {}, e.value_labels});
  w.enum_types = wf.enum_types;
  w.workflow_rules = w.program.rules.size();
  w.workflow_tables = w.program.tables.size();
  // Spans of the workflow's declarations are in another file: duplicates name the workflow's line.
  w.param_spans.assign(w.program.params.size(), ast::Span{});
  w.rule_spans.assign(w.program.rules.size(), ast::Span{});
  w.table_spans.assign(w.program.tables.size(), ast::Span{});
  w.case_spans.assign(w.program.case_types.size(), ast::Span{});

  const Declared declared = declare_rules_and_tables(w, rf);
  Scope constant;
  constant.lets = true;
  ExprChecker constants(w, constant);
  set_parameters(w, rf, constants);
  set_zone(w, rf);
  set_retention(w, rf);
  declare_constants(w, rf, constants);
  check_edition(w, declared);

  const bool failed = report.has_errors();
  report.flush(out);
  if (failed) return std::nullopt;
  return result;
}

}  // namespace mentorflow::dsl
