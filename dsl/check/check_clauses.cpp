// A command's clauses, in order, and who may issue it.
#include <algorithm>
#include <cctype>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"

namespace mentorflow::dsl::detail {

namespace {

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& i : items) out.push_back(i.name);
  return out;
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Splits a `requires` message into text and `{name}` values.
std::vector<MessagePart> message_parts(World& w, ExprChecker& ec, const ast::TextLit& lit) {
  std::vector<MessagePart> parts;
  const std::string& text = lit.value;
  const std::string_view raw = w.report.text(lit.span);
  std::size_t raw_from = 0;
  std::string pending;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t j = i + 1;
    while (text[i] == '{' && j < text.size() && is_name_char(text[j])) ++j;
    if (text[i] != '{' || j == i + 1 || j >= text.size() || text[j] != '}') {
      pending += text[i];
      continue;
    }
    const std::string name = text.substr(i + 1, j - i - 1);
    const std::string placeholder = "{" + name + "}";
    const std::size_t at = raw.find(placeholder, raw_from);
    ast::Span span = lit.span;
    if (at != std::string_view::npos) {
      span = ast::Span{static_cast<std::uint32_t>(lit.span.begin + at), static_cast<std::uint32_t>(lit.span.begin + at + placeholder.size())};
      raw_from = at + placeholder.size();
    }
    auto value = ec.message_value(name, ast::Span{span.begin + 1, span.end - 1});
    if (!value) {
      Reporter::suggest(w.report.error(span, msg::kMessageNamesNothing, name), name, ec.visible_names());
    } else if (!value->type.is_error()) {
      if (!pending.empty()) parts.push_back(MessagePart{std::move(pending), kNoNode});
      pending.clear();
      parts.push_back(MessagePart{{}, value->node});
    }
    i = j;
  }
  if (!pending.empty()) parts.push_back(MessagePart{std::move(pending), kNoNode});
  return parts;
}

}  // namespace

void check_clauses(World& w, Index ci, Index ki, const ast::CommandDecl& decl) {
  const bool cohort = w.program.case_types[ci].cohort;
  const std::string case_name = w.program.case_types[ci].name;
  Scope scope;
  scope.self = ci;
  scope.command = &w.program.case_types[ci].commands[ki];
  ExprChecker ec(w, scope);
  Scope constant = scope;
  ExprChecker constants(w, constant);
  std::vector<ClauseSpec> clauses;
  bool decided = false;
  auto command = [&]() -> CommandSpec& { return w.program.case_types[ci].commands[ki]; };
  auto self = [&]() -> CaseTypeSpec& { return w.program.case_types[ci]; };
  auto add = [&](Clause c, ast::Span span) { clauses.push_back(ClauseSpec{std::move(c), span, w.report.line(span)}); };
  auto input_indices = [&](const std::vector<ast::Identifier>& names) {
    std::vector<Index> out;
    for (const ast::Identifier& n : names)
      if (auto i = command().find_input(n.name); i && command().inputs[*i].origin != InputOrigin::Input) out.push_back(*i);
    return out;
  };
  auto find_case = [&](const ast::Identifier& id) -> std::optional<Index> {
    if (auto c = w.find_case(id.name)) return c;
    Reporter::suggest(w.report.error(id.span, msg::kUnknownCaseType, id.name), id.name, names_of(w.program.case_types));
    return std::nullopt;
  };
  auto find_command = [&](Index in_case, const ast::Identifier& id) -> std::optional<Index> {
    const CaseTypeSpec& c = w.program.case_types[in_case];
    if (auto k = c.find_command(id.name)) return k;
    Reporter::suggest(w.report.error(id.span, msg::kUnknownCommand, id.name, c.name), id.name, names_of(c.commands));
    return std::nullopt;
  };
  for (const ast::Clause& clause : decl.clauses) {
    if (const auto* f = boost::get<ast::FillsClause>(&clause)) {
      add(FillsClause{input_indices(f->fields)}, f->span);
    } else if (const auto* a = boost::get<ast::AttachClause>(&clause)) {
      add(AttachClause{input_indices(a->documents)}, a->span);
    } else if (const auto* r = boost::get<ast::RequiresClause>(&clause)) {
      RequiresClause spec;
      spec.condition = ec.condition(r->condition, "'requires'");
      if (r->message) spec.message = message_parts(w, ec, *r->message);
      add(std::move(spec), r->span);
    } else if (const auto* d = boost::get<ast::DecideClause>(&clause)) {
      if (decl.to) w.report.error(d->span, msg::kToAndDecide, decl.name.name);
      else if (decided) w.report.error(d->span, msg::kDecidesTwice, decl.name.name);
      decided = true;
      DecideClause spec;
      spec.decision = ec.condition(d->decision, "'decide'");
      auto then_state = find_state_reporting(w, self(), d->then_state);
      auto else_state = find_state_reporting(w, self(), d->else_state);
      spec.then_state = then_state.value_or(0), spec.else_state = else_state.value_or(0);
      add(std::move(spec), d->span);
    } else if (const auto* s = boost::get<ast::SetClause>(&clause)) {
      auto field = self().find_field(s->field.name);
      if (!field) {
        Reporter::suggest(w.report.error(s->field.span, msg::kUnknownField, s->field.name, case_name), s->field.name,
                          names_of(self().fields));
        ec.check(s->value);
        continue;
      }
      const Type target = self().fields[*field].type;
      Typed v = ec.check(s->value, &target);
      if (!v.type.is_error() && !assignable(target, v.type)) {
        if (v.type.is(TypeKind::Optional) && assignable(target, v.type.element())) ec.value(s->value);
        else w.report.error(v.span, msg::kFieldType, s->field.name, target.to_string(), v.type.to_string());
        continue;
      }
      add(SetClause{*field, v.node}, s->span);
    } else if (const auto* k = boost::get<ast::CountClause>(&clause)) {
      auto counter = self().find_counter(k->counter.name);
      if (!counter) {
        Reporter::suggest(w.report.error(k->counter.span, msg::kUnknownCounter, k->counter.name, case_name),
                          k->counter.name, names_of(self().counters));
        continue;
      }
      add(CountClause{*counter}, k->span);
    } else if (const auto* c = boost::get<ast::CadenceClause>(&clause)) {
      CadenceClause spec;
      auto input = command().find_input(c->input.name);
      if (!input) {
        Reporter::suggest(w.report.error(c->input.span, msg::kUnknownInput, c->input.name, decl.name.name),
                          c->input.name, names_of(command().inputs));
      } else {
        const Type& t = command().inputs[*input].type;
        if (!t.is(TypeKind::Date) && !t.is(TypeKind::DateTime) && !t.is_error())
          w.report.error(c->input.span, msg::kExpected, "date or datetime", t.to_string());
        spec.input = *input;
        auto& keys = self().cadence_keys;
        auto it = std::find(keys.begin(), keys.end(), c->input.name);
        spec.slot = static_cast<Index>(it - keys.begin());
        if (it == keys.end()) keys.push_back(c->input.name);
      }
      spec.min_expr = constants.fitting(c->min, Type::of(TypeKind::Duration));
      spec.max_expr = constants.fitting(c->max, Type::of(TypeKind::Duration));
      constants.require_constant(spec.min_expr);
      constants.require_constant(spec.max_expr);
      spec.refuse = c->action == "refuse";
      add(std::move(spec), c->span);
    } else if (const auto* cr = boost::get<ast::CreateClause>(&clause)) {
      auto target = find_case(cr->case_type);
      if (!target) continue;
      if (w.program.case_types[*target].cohort) {
        w.report.error(cr->case_type.span, msg::kCohortNotCreated, cr->case_type.name);
        continue;
      }
      CreateClause spec{*target, {}};
      std::vector<bool> party_set(w.program.case_types[*target].parties.size(), false);
      for (const ast::Assignment& as : cr->assignments) {
        const CaseTypeSpec& t = w.program.case_types[*target];
        if (auto p = t.find_party(as.name.name)) {
          party_set[*p] = true;
          spec.assignments.push_back(Assignment{true, *p, ec.fitting(as.value, Type::of(TypeKind::Text))});
        } else if (auto f = t.find_field(as.name.name)) {
          const Type target_type = t.fields[*f].type;
          Typed v = ec.check(as.value, &target_type);
          if (!v.type.is_error() && !assignable(target_type, v.type))
            w.report.error(v.span, msg::kFieldType, as.name.name, target_type.to_string(), v.type.to_string());
          else
            spec.assignments.push_back(Assignment{false, *f, v.node});
        } else {
          std::vector<std::string> names = names_of(t.parties);
          for (const auto& f2 : t.fields) names.push_back(f2.name);
          Reporter::suggest(w.report.error(as.name.span, msg::kUnknownField, as.name.name, t.name), as.name.name, names);
        }
      }
      const CaseTypeSpec& t = w.program.case_types[*target];
      for (std::size_t p = 0; p < party_set.size(); ++p)
        if (!party_set[p]) w.report.error(cr->case_type.span, msg::kCreateMissingParty, t.name, t.parties[p].name);
      add(std::move(spec), cr->span);
    } else if (const auto* fe = boost::get<ast::ForEachClause>(&clause)) {
      if (!cohort) {
        w.report.error(fe->span, msg::kCohortOnly, "for each");
        continue;
      }
      auto target = find_case(fe->case_type);
      if (!target) continue;
      ForEachClause spec{*target, {}, 0};
      for (const ast::Identifier& s : fe->states)
        if (auto i = find_state_reporting(w, w.program.case_types[*target], s)) spec.states.push_back(*i);
      auto k = find_command(*target, fe->command);
      if (!k) continue;
      if (!w.program.case_types[*target].commands[*k].allows_role("system"))
        w.report.error(fe->command.span, msg::kNeedsSystem, fe->command.name, "'for each'");
      spec.command = *k;
      add(std::move(spec), fe->span);
    } else if (const auto* m = boost::get<ast::MatchClause>(&clause)) {
      if (!cohort) {
        w.report.error(m->span, msg::kCohortOnly, "match");
        continue;
      }
      auto left = find_case(m->left_type);
      auto right = find_case(m->right_type);
      if (!left || !right) continue;
      MatchClause spec;
      spec.left_type = *left, spec.right_type = *right;
      auto ls = find_state_reporting(w, w.program.case_types[*left], m->left_state);
      auto rs = find_state_reporting(w, w.program.case_types[*right], m->right_state);
      spec.left_state = ls.value_or(0), spec.right_state = rs.value_or(0);
      const std::string& right_name = w.program.case_types[*right].name;
      const std::string& left_name = w.program.case_types[*left].name;
      Scope left_scope;
      left_scope.self = *left;
      ExprChecker left_exprs(w, left_scope);
      spec.ranking = left_exprs.fitting(m->ranking, Type::wrap(TypeKind::List, Type::case_of(TypeKind::Ref, right_name)));
      if (m->capacity || m->minimum) {
        Scope right_scope;
        right_scope.self = *right;
        ExprChecker right_exprs(w, right_scope);
        if (m->capacity) spec.capacity = right_exprs.fitting(*m->capacity, Type::of(TypeKind::Int));
        if (m->minimum) spec.minimum = right_exprs.fitting(*m->minimum, Type::of(TypeKind::Int));
      }
      // `acceptable` and `score` name rules (left, right) -> bool / int.
      const auto pair_rule = [&](const ast::Identifier& id, TypeKind result, std::string_view message) {
        auto rule = w.find_rule(id.name);
        if (!rule) {
          std::vector<std::string> names = names_of(w.program.rules);
          Reporter::suggest(w.report.error(id.span, msg::kUnknownFunction, id.name), id.name, names);
          return rule;
        }
        const RuleSpec& r = w.program.rules[*rule];
        const bool fits = r.formals.size() == 2 && r.formals[0].is_case && r.formals[0].type.name == left_name &&
                          r.formals[1].is_case && r.formals[1].type.name == right_name &&
                          (r.result.is(result) || r.result.is_error());
        if (!fits) w.report.error(id.span, message, r.name, left_name, right_name);
        return rule;
      };
      if (m->acceptable) spec.acceptable = pair_rule(*m->acceptable, TypeKind::Bool, msg::kAcceptableRule);
      if (m->score) spec.score = pair_rule(*m->score, TypeKind::Int, msg::kScoreRule);
      if (m->method) {
        spec.method = w.find_param(m->method->name);
        if (!spec.method) {
          Reporter::suggest(w.report.error(m->method->span, msg::kUnknownParam, m->method->name), m->method->name,
                            names_of(w.program.params));
        } else {
          const Type& t = w.program.params[*spec.method].type;
          const bool fits = t.is(TypeKind::Enum) && !t.values.empty() &&
                            std::all_of(t.values.begin(), t.values.end(),
                                        [](const std::string& v) { return v == "stable" || v == "optimal"; });
          if (!fits && !t.is_error()) w.report.error(m->method->span, msg::kMatchingMethod, m->method->name);
        }
      }
      if (auto k = find_command(*left, m->propose)) {
        const CommandSpec& p = w.program.case_types[*left].commands[*k];
        auto in = p.find_input("match");
        if (!in || !(p.inputs[*in].type == Type::case_of(TypeKind::Ref, right_name)))
          w.report.error(m->propose.span, msg::kProposeInput, p.name, right_name);
        else if (!p.allows_role("system"))
          w.report.error(m->propose.span, msg::kNeedsSystem, p.name, "'match'");
        spec.propose = *k;
      }
      const CaseTypeSpec& left_case = w.program.case_types[*left];
      for (const ast::MatchLeftOut& out : m->left_out) {
        auto state = find_state_reporting(w, left_case, out.state);
        if (!state) continue;
        if (*state == spec.left_state) {
          w.report.error(out.state.span, msg::kExplainRunState, out.state.name);
        } else if (left_case.states[*state].final) {
          w.report.error(out.state.span, msg::kExplainFinal, out.state.name);
        } else if (std::any_of(spec.left_out.begin(), spec.left_out.end(), [&](const auto& e) { return e.first == *state; })) {
          w.report.error(out.state.span, msg::kDuplicate, "state", out.state.name);
        } else {
          spec.left_out.emplace_back(*state, out.why.value);
        }
      }
      add(std::move(spec), m->span);
    } else if (const auto* is = boost::get<ast::IssueClause>(&clause)) {
      auto output = self().find_output(is->output.name);
      if (!output) {
        Reporter::suggest(w.report.error(is->output.span, msg::kUnknownOutput, is->output.name, case_name),
                          is->output.name, names_of(self().outputs));
        continue;
      }
      add(IssueClause{*output}, is->span);
    } else if (const auto* d = boost::get<ast::DoClause>(&clause)) {
      Typed target = ec.value(d->target);
      if (target.type.is_error()) continue;
      if (!target.type.is(TypeKind::Ref) && !target.type.is(TypeKind::Case)) {
        w.report.error(target.span, msg::kExpected, "a case (a ref)", target.type.to_string());
        continue;
      }
      auto target_type = w.find_case(target.type.name);
      if (!target_type) continue;
      auto k = find_command(*target_type, d->command);
      if (!k) continue;
      const CommandSpec& issued = w.program.case_types[*target_type].commands[*k];
      if (issued.creates_case()) {
        w.report.error(d->command.span, msg::kDoCreates, issued.name, w.program.case_types[*target_type].name);
        continue;
      }
      if (!issued.allows_role("system")) w.report.error(d->command.span, msg::kNeedsSystem, issued.name, "'do'");
      for (const InputSpec& in : issued.inputs)
        if (!in.type.is(TypeKind::Optional)) {
          w.report.error(d->command.span, msg::kDoInputs, issued.name, in.name);
          break;
        }
      add(DoClause{target.node, *target_type, *k}, d->span);
    }
  }
  command().clauses = std::move(clauses);

  // Who may issue it.
  const CaseTypeSpec& c = self();
  std::size_t auditors = 0;
  for (const ast::Identifier& r : decl.roles) {
    const RoleSpec* role = w.find_role(r.name);
    if (!role) continue;
    if (role->kind == RoleKind::Auditor) {
      ++auditors;
      if (auditors < decl.roles.size()) w.report.error(r.span, msg::kAuditorIssues, r.name);
    } else if (role->kind == RoleKind::Participant &&
               std::none_of(c.parties.begin(), c.parties.end(), [&](const PartySpec& p) { return p.role == r.name; })) {
      w.report.error(r.span, msg::kNoParty, decl.name.name, r.name, c.name);
    }
  }
  if (auditors > 0 && auditors == decl.roles.size())
    w.report.error(decl.name.span, msg::kNobodyMayIssue, decl.name.name)
        .notes.push_back(fmt::format(fmt::runtime(msg::kAuditorsRead), decl.roles.front().name));
}

}  // namespace mentorflow::dsl::detail
