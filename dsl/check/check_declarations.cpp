// Declarations: enums, case type names, roles, parameters, and the signatures and bodies of rules
// and tables.
#include <algorithm>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/model/hit_policy.hpp"

namespace mentorflow::dsl::detail {

namespace {

const std::vector<std::string> kTypeNames = {"int", "number", "text", "bool", "date", "datetime", "duration", "cefr"};

// The span of an earlier declaration of `name` among the value names (parameters, rules, tables,
// constants), if any.
std::optional<ast::Span> value_name_taken(const World& w, std::string_view name) {
  if (auto i = w.find_param(name)) return w.param_spans[*i];
  if (auto i = w.find_rule(name)) return w.rule_spans[*i];
  if (auto i = w.find_table(name)) return w.table_spans[*i];
  if (auto i = w.find_let(name)) return w.let_spans[*i];
  return std::nullopt;
}

// Reports a clash of `id` with a built-in or an earlier value name; true when the name is free.
bool value_name_free(World& w, const ast::Identifier& id, std::string_view what) {
  const auto& builtins = builtin_names();
  if (std::find(builtins.begin(), builtins.end(), id.name) != builtins.end() || id.name == "this" ||
      id.name == "now" || id.name == "actor") {
    w.report.error(id.span, msg::kDuplicate, what, id.name)
        .notes.push_back(fmt::format(fmt::runtime(msg::kBuiltIn), id.name));
    return false;
  }
  if (auto first = value_name_taken(w, id.name)) {
    w.report.duplicate(id.span, what, id.name, *first);
    return false;
  }
  return true;
}

HitPolicy policy_of(const std::string& text) {
  if (text == "first") return HitPolicy::First;
  if (text == "collect") return HitPolicy::Collect;
  if (text == "collect sum") return HitPolicy::CollectSum;
  if (text == "collect min") return HitPolicy::CollectMin;
  if (text == "collect max") return HitPolicy::CollectMax;
  if (text == "collect count") return HitPolicy::CollectCount;
  return HitPolicy::Unique;
}

// A field, input or parameter holds a reference to a case, never the case itself.
Type as_stored(Type t) {
  if (t.is(TypeKind::Case)) t.kind = TypeKind::Ref;
  if (t.is(TypeKind::Optional) && t.inner[0].is(TypeKind::Case)) t.inner[0].kind = TypeKind::Ref;
  return t;
}

}  // namespace

void declare_types(World& w, const ast::Workflow& wf) {
  auto taken = [&](const ast::Identifier& id) -> bool {
    if (std::find(kTypeNames.begin(), kTypeNames.end(), id.name) != kTypeNames.end()) {
      w.report.error(id.span, msg::kDuplicate, "type", id.name)
          .notes.push_back(fmt::format(fmt::runtime(msg::kBuiltIn), id.name));
      return true;
    }
    for (const EnumSpec& e : w.enums)
      if (e.name == id.name) return w.report.duplicate(id.span, "type", id.name, e.span), true;
    if (auto c = w.find_case(id.name)) return w.report.duplicate(id.span, "type", id.name, w.case_spans[*c]), true;
    return false;
  };
  for (const ast::WorkflowItem& item : wf.items) {
    if (const auto* e = boost::get<ast::EnumDecl>(&item)) {
      if (taken(e->name)) continue;
      EnumSpec spec{e->name.name, {}, e->name.span, {}};
      for (const ast::LabelledName& v : e->values) {
        const Labels labels = check_labels(w, v.texts, "enum value '" + v.name.name + "'", "an enum value");
        if (std::find(spec.values.begin(), spec.values.end(), v.name.name) != spec.values.end()) {
          w.report.error(v.name.span, msg::kDuplicate, "enum value", v.name.name);
        } else {
          spec.values.push_back(v.name.name);
          spec.value_labels.push_back(labels.label);
        }
      }
      w.enum_types.push_back(Type::enumeration(spec.name, spec.values));
      w.enums.push_back(std::move(spec));
    } else if (const auto* c = boost::get<ast::CaseDecl>(&item)) {
      if (taken(c->name)) continue;
      CaseTypeSpec spec;
      spec.name = c->name.name;
      spec.cohort = c->kind == "cohort";
      Labels labels = check_labels(w, c->texts, c->kind + " '" + spec.name + "'");
      spec.label = std::move(labels.label);
      spec.help = std::move(labels.help);
      w.program.case_types.push_back(std::move(spec));
      w.case_spans.push_back(c->name.span);
    }
  }
}

void declare_roles(World& w, const ast::Workflow& wf) {
  std::vector<ast::Span> spans;
  for (const ast::WorkflowItem& item : wf.items) {
    const auto* r = boost::get<ast::RolesDecl>(&item);
    if (!r) continue;
    const RoleKind kind = r->kind == "participants" ? RoleKind::Participant
                          : r->kind == "auditors"   ? RoleKind::Auditor
                          : r->kind == "privacy"    ? RoleKind::Privacy
                                                    : RoleKind::Staff;
    for (const ast::LabelledName& named : r->roles) {
      const ast::Identifier& id = named.name;
      const Labels labels = check_labels(w, named.texts, "role '" + id.name + "'", "a role");
      if (id.name == "system") {
        w.report.error(id.span, msg::kDuplicate, "role", id.name)
            .notes.push_back(fmt::format(fmt::runtime(msg::kBuiltIn), id.name));
        continue;
      }
      auto it = std::find_if(w.roles.begin(), w.roles.end(), [&](const RoleSpec& x) { return x.name == id.name; });
      if (it != w.roles.end()) {
        w.report.duplicate(id.span, "role", id.name, spans[it - w.roles.begin()]);
        continue;
      }
      w.roles.push_back(RoleSpec{id.name, kind, labels.label});
      spans.push_back(id.span);
    }
  }
  w.roles.push_back(RoleSpec{"system", RoleKind::System, {}});
}

void declare_params(World& w, const ast::Workflow& wf) {
  for (const ast::WorkflowItem& item : wf.items) {
    const auto* p = boost::get<ast::ParamDecl>(&item);
    if (!p || !value_name_free(w, p->name, "parameter")) continue;
    w.program.params.push_back(ParamSpec{p->name.name, as_stored(w.resolve_type(p->type)), kNoNode, {}});
    w.program.param_values.emplace_back();
    w.param_spans.push_back(p->name.span);
  }
}

std::vector<Formal> formals_of(World& w, const std::vector<ast::Param>& params, bool allow_cases) {
  std::vector<Formal> formals;
  Index values = 0, cases = 0;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const ast::Param& p = params[i];
    for (std::size_t j = 0; j < i; ++j)
      if (params[j].name.name == p.name.name) w.report.duplicate(p.name.span, "parameter", p.name.name, params[j].name.span);
    Formal f{p.name.name, w.resolve_type(p.type), false, 0, 0};
    if (f.type.is(TypeKind::Case) || f.type.is(TypeKind::Ref)) {
      if (!allow_cases) {
        w.report.error(p.type.span, msg::kTableCaseInput, p.name.name, f.type.to_string());
        f.type = Type::error();
      } else {
        f.type.kind = TypeKind::Case;
        f.is_case = true;
        f.case_type = w.find_case(f.type.name).value_or(0);
      }
    }
    f.slot = f.is_case ? cases++ : values++;
    formals.push_back(std::move(f));
  }
  return formals;
}

std::string signature(const RuleSpec& r) {
  std::string s = "rule " + r.name + "(";
  for (std::size_t i = 0; i < r.formals.size(); ++i)
    s += (i ? ", " : "") + r.formals[i].name + ": " + (r.formals[i].is_case ? r.formals[i].type.name : r.formals[i].type.to_string());
  return s + "): " + r.result.to_string();
}

std::string signature(const TableSpec& t) {
  std::string s = "table " + t.name + "(";
  for (std::size_t i = 0; i < t.formals.size(); ++i) s += (i ? ", " : "") + t.formals[i].name + ": " + t.formals[i].type.to_string();
  return s + "): " + t.output.to_string() + " " + hit_policy_name(t.policy);
}

std::optional<Index> declare_rule(World& w, const ast::RuleDecl& r) {
  RuleSpec spec;
  spec.name = r.name.name;
  spec.formals = formals_of(w, r.params, true);
  for (const Formal& f : spec.formals) (f.is_case ? spec.case_slots : spec.value_slots)++;
  spec.result = r.result ? as_stored(w.resolve_type(*r.result)) : Type::error();
  spec.file = w.file;
  spec.span = r.name.span;
  spec.line = w.report.line(r.name.span);
  if (!r.body && !r.result) w.report.error(r.name.span, msg::kRuleNeedsResult, spec.name);
  if (auto existing = w.find_rule(spec.name); existing && w.file == SourceId::Rules && *existing < w.workflow_rules &&
                                               w.program.rules[*existing].file == SourceId::Workflow) {
    const RuleSpec& base = w.program.rules[*existing];
    if (!override_fits(w, base, spec, r)) return std::nullopt;
    if (!r.result) spec.result = base.result;
    w.program.rules[*existing] = std::move(spec);
    w.rule_spans[*existing] = r.name.span;
    return *existing;
  }
  if (!value_name_free(w, r.name, "rule")) return std::nullopt;
  w.program.rules.push_back(std::move(spec));
  w.rule_spans.push_back(r.name.span);
  return static_cast<Index>(w.program.rules.size() - 1);
}

std::optional<Index> declare_table(World& w, const ast::TableDecl& t) {
  TableSpec spec;
  spec.name = t.name.name;
  spec.formals = formals_of(w, t.params, false);
  spec.output = as_stored(w.resolve_type(t.result));
  spec.policy = policy_of(t.hit_policy);
  spec.file = w.file;
  spec.span = t.name.span;
  spec.line = w.report.line(t.name.span);
  const Type& out = spec.output;
  switch (spec.policy) {
    case HitPolicy::Unique:
    case HitPolicy::First: spec.result = out; break;
    case HitPolicy::Collect: spec.result = Type::wrap(TypeKind::List, out); break;
    case HitPolicy::CollectCount: spec.result = Type::of(TypeKind::Int); break;
    case HitPolicy::CollectSum:
      spec.result = out;
      if (!out.is_error() && !is_numeric(out) && !out.is(TypeKind::Duration)) {
        w.report.error(t.hit_policy_span, msg::kPolicyType, t.hit_policy, out.to_string());
        spec.result = Type::error();
      }
      break;
    case HitPolicy::CollectMin:
    case HitPolicy::CollectMax:
      spec.result = out;
      if (!out.is_error() && !is_ordered(out)) {
        w.report.error(t.hit_policy_span, msg::kPolicyType, t.hit_policy, out.to_string());
        spec.result = Type::error();
      }
      break;
  }
  if (auto existing = w.find_table(spec.name); existing && w.file == SourceId::Rules && *existing < w.workflow_tables &&
                                                w.program.tables[*existing].file == SourceId::Workflow) {
    const TableSpec& base = w.program.tables[*existing];
    if (!override_fits(w, base, spec, t)) return std::nullopt;
    w.program.tables[*existing] = std::move(spec);
    w.table_spans[*existing] = t.name.span;
    return *existing;
  }
  if (!value_name_free(w, t.name, "table")) return std::nullopt;
  w.program.tables.push_back(std::move(spec));
  w.table_spans.push_back(t.name.span);
  return static_cast<Index>(w.program.tables.size() - 1);
}

void check_rule_bodies(World& w, const std::vector<std::pair<Index, const ast::RuleDecl*>>& rules, bool lets) {
  std::vector<int> state(w.program.rules.size(), 0);  // 0 pending, 1 checking, 2 done
  std::vector<const ast::RuleDecl*> decl_of(w.program.rules.size(), nullptr);
  for (auto [i, r] : rules) decl_of[i] = r;
  w.check_rule_now = [&w, state, decl_of, lets](Index i) mutable {
    if (i >= state.size() || state[i] != 0 || !decl_of[i]) return;
    state[i] = 1;
    check_rule_body(w, i, *decl_of[i], lets);
    state[i] = 2;
  };
  for (auto [i, r] : rules) w.check_rule_now(i);
}

void check_rule_body(World& w, Index index, const ast::RuleDecl& decl, bool lets) {
  if (!decl.body) return;
  Scope scope;
  scope.formals = &w.program.rules[index].formals;
  scope.lets = lets;
  ExprChecker ec(w, scope);
  Typed body = ec.check(*decl.body, decl.result ? &w.program.rules[index].result : nullptr);
  RuleSpec& rule = w.program.rules[index];
  if (body.type.is(TypeKind::Range) || body.type.is(TypeKind::Document)) {
    ec.fitting(*decl.body, Type::of(TypeKind::Bool));  // reports the misuse
    return;
  }
  if (body.type.is_error()) return;
  if (body.type.is(TypeKind::Case)) body.type.kind = TypeKind::Ref;
  if (!decl.result) {
    rule.result = body.type;
  } else if (!assignable(rule.result, body.type)) {
    w.report.error(body.span, msg::kRuleResult, rule.name, body.type.to_string(), rule.result.to_string());
    return;
  }
  rule.body = body.node;
}

}  // namespace mentorflow::dsl::detail
