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

}  // namespace

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

namespace {

// One command's clauses, checked in order into its ClauseSpecs: a visitor over ast::Clause with
// one function per kind of clause. A clause with a mistake is reported and left out; checking goes
// on with the next.
class ClauseChecker {
 public:
  using result_type = void;

  ClauseChecker(World& w, Index ci, Index ki, const ast::CommandDecl& decl)
      : w_(w), ci_(ci), ki_(ki), decl_(decl), scope_(command_scope(w, ci, ki)), ec_(w, scope_), constant_(scope_),
        constants_(w, constant_) {}

  std::vector<ClauseSpec> take() { return std::move(clauses_); }

  void operator()(const ast::InputClause&) {}  // an input is declared with its command (check_case.cpp)
  void operator()(const ast::FillsClause& f) { add(FillsClause{input_indices(f.fields)}, f.span); }
  void operator()(const ast::AttachClause& a) { add(AttachClause{input_indices(a.documents)}, a.span); }
  void operator()(const ast::RequiresClause& r);
  void operator()(const ast::DecideClause& d);
  void operator()(const ast::SetClause& s);
  void operator()(const ast::CountClause& k);
  void operator()(const ast::CadenceClause& c);
  void operator()(const ast::CreateClause& cr);
  void operator()(const ast::ForEachClause& fe);
  void operator()(const ast::MatchClause& m);
  void operator()(const ast::IssueClause& is);
  void operator()(const ast::DoClause& d);
  void operator()(const ast::FlagClause& f);

 private:
  static Scope command_scope(World& w, Index ci, Index ki) {
    Scope scope;
    scope.self = ci;
    scope.command = &w.program.case_types[ci].commands[ki];
    return scope;
  }

  CaseTypeSpec& self() { return w_.program.case_types[ci_]; }
  CommandSpec& command() { return self().commands[ki_]; }
  void add(Clause c, ast::Span span) { clauses_.push_back(ClauseSpec{std::move(c), span, w_.report.line(span)}); }

  // The inputs that `fills` or `attach` declared for these names (declare_case_members made them).
  std::vector<Index> input_indices(const std::vector<ast::Identifier>& names) {
    std::vector<Index> out;
    for (const ast::Identifier& n : names)
      if (auto i = command().find_input(n.name); i && command().inputs[*i].origin != InputOrigin::Input) out.push_back(*i);
    return out;
  }
  // `id` among this case type's `members` (its fields, counters or outputs), `found` being the
  // lookup's answer; when it is absent, `message` (NAME, CASE) is reported with the nearest names.
  template <class Members>
  std::optional<Index> find_own(std::optional<Index> found, const ast::Identifier& id, std::string_view message,
                                const Members& members) {
    if (!found) Reporter::suggest(w_.report.error(id.span, message, id.name, self().name), id.name, names_of(members));
    return found;
  }
  std::optional<Index> find_case(const ast::Identifier& id) {
    if (auto c = w_.find_case(id.name)) return c;
    Reporter::suggest(w_.report.error(id.span, msg::kUnknownCaseType, id.name), id.name, names_of(w_.program.case_types));
    return std::nullopt;
  }
  std::optional<Index> find_command(Index in_case, const ast::Identifier& id) {
    const CaseTypeSpec& c = w_.program.case_types[in_case];
    if (auto k = c.find_command(id.name)) return k;
    Reporter::suggest(w_.report.error(id.span, msg::kUnknownCommand, id.name, c.name), id.name, names_of(c.commands));
    return std::nullopt;
  }
  std::optional<Assignment> create_assignment(Index target, const ast::Assignment& as, std::vector<bool>& party_set);
  std::optional<Index> match_rule(const ast::Identifier& id, TypeKind result, std::string_view message,
                                  const std::string& left_name, const std::string& right_name);
  void match_method(const ast::Identifier& method, MatchClause& spec);
  void match_propose(const ast::MatchClause& m, MatchClause& spec);
  void match_left_out(const ast::MatchClause& m, MatchClause& spec);

  World& w_;
  const Index ci_, ki_;
  const ast::CommandDecl& decl_;
  Scope scope_;
  ExprChecker ec_;
  Scope constant_;
  ExprChecker constants_;
  std::vector<ClauseSpec> clauses_;
  bool decided_ = false;
};

void ClauseChecker::operator()(const ast::RequiresClause& r) {
  RequiresClause spec;
  spec.condition = ec_.condition(r.condition, "'requires'");
  if (r.message) spec.message = message_parts(w_, ec_, *r.message);
  add(std::move(spec), r.span);
}

void ClauseChecker::operator()(const ast::FlagClause& f) {
  FlagClause spec;
  spec.condition = ec_.condition(f.condition, "'flag'");
  spec.reason = message_parts(w_, ec_, f.reason);
  add(std::move(spec), f.span);
}

void ClauseChecker::operator()(const ast::DecideClause& d) {
  if (decl_.to) w_.report.error(d.span, msg::kToAndDecide, decl_.name.name);
  else if (decided_) w_.report.error(d.span, msg::kDecidesTwice, decl_.name.name);
  decided_ = true;
  DecideClause spec;
  spec.decision = ec_.condition(d.decision, "'decide'");
  auto then_state = find_state_reporting(w_, self(), d.then_state);
  auto else_state = find_state_reporting(w_, self(), d.else_state);
  spec.then_state = then_state.value_or(0), spec.else_state = else_state.value_or(0);
  add(std::move(spec), d.span);
}

void ClauseChecker::operator()(const ast::SetClause& s) {
  auto field = find_own(self().find_field(s.field.name), s.field, msg::kUnknownField, self().fields);
  if (!field) {
    ec_.check(s.value);
    return;
  }
  const Type target = self().fields[*field].type;
  Typed v = ec_.check(s.value, &target);
  if (!v.type.is_error() && !assignable(target, v.type)) {
    if (v.type.is(TypeKind::Optional) && assignable(target, v.type.element())) ec_.value(s.value);
    else w_.report.error(v.span, msg::kFieldType, s.field.name, target.to_string(), v.type.to_string());
    return;
  }
  add(SetClause{*field, v.node}, s.span);
  // An input set as it is into a personal field is that field's person's data in the command too
  // (docs/PRIVACY.md): sealed for them as the field is, marked or not.
  const std::optional<Index> person = self().fields[*field].personal;
  if (!person || v.node == kNoNode) return;
  const ExprNode& value = w_.program.pool[v.node];
  if (value.op == Op::Input && value.a < command().inputs.size() && !command().inputs[value.a].personal)
    command().inputs[value.a].personal = person;
}

void ClauseChecker::operator()(const ast::CountClause& k) {
  auto counter = find_own(self().find_counter(k.counter.name), k.counter, msg::kUnknownCounter, self().counters);
  if (counter) add(CountClause{*counter}, k.span);
}

void ClauseChecker::operator()(const ast::CadenceClause& c) {
  CadenceClause spec;
  auto input = command().find_input(c.input.name);
  if (!input) {
    Reporter::suggest(w_.report.error(c.input.span, msg::kUnknownInput, c.input.name, decl_.name.name), c.input.name,
                      names_of(command().inputs));
  } else {
    const Type& t = command().inputs[*input].type;
    if (!t.is(TypeKind::Date) && !t.is(TypeKind::DateTime) && !t.is_error())
      w_.report.error(c.input.span, msg::kExpected, "date or datetime", t.to_string());
    spec.input = *input;
    // Each input a cadence watches has one slot in the case, shared by every command that dates it.
    auto& keys = self().cadence_keys;
    auto it = std::find(keys.begin(), keys.end(), c.input.name);
    spec.slot = static_cast<Index>(it - keys.begin());
    if (it == keys.end()) keys.push_back(c.input.name);
  }
  spec.min_expr = constants_.fitting(c.min, Type::of(TypeKind::Duration));
  spec.max_expr = constants_.fitting(c.max, Type::of(TypeKind::Duration));
  constants_.require_constant(spec.min_expr);
  constants_.require_constant(spec.max_expr);
  spec.refuse = c.action == "refuse";
  add(std::move(spec), c.span);
}

void ClauseChecker::operator()(const ast::CreateClause& cr) {
  auto target = find_case(cr.case_type);
  if (!target) return;
  if (w_.program.case_types[*target].cohort) {
    w_.report.error(cr.case_type.span, msg::kCohortNotCreated, cr.case_type.name);
    return;
  }
  CreateClause spec{*target, {}};
  std::vector<bool> party_set(w_.program.case_types[*target].parties.size(), false);
  for (const ast::Assignment& as : cr.assignments)
    if (auto a = create_assignment(*target, as, party_set)) spec.assignments.push_back(*a);
  const CaseTypeSpec& t = w_.program.case_types[*target];
  for (std::size_t p = 0; p < party_set.size(); ++p)
    if (!party_set[p]) w_.report.error(cr.case_type.span, msg::kCreateMissingParty, t.name, t.parties[p].name);
  add(std::move(spec), cr.span);
}

// `NAME = value` in a `create`: a party of the new case (a user id, marked in `party_set`) or one
// of its fields; nullopt (reported) otherwise.
std::optional<Assignment> ClauseChecker::create_assignment(Index target, const ast::Assignment& as,
                                                           std::vector<bool>& party_set) {
  const CaseTypeSpec& t = w_.program.case_types[target];
  if (auto p = t.find_party(as.name.name)) {
    party_set[*p] = true;
    return Assignment{true, *p, ec_.fitting(as.value, Type::of(TypeKind::Text))};
  }
  if (auto f = t.find_field(as.name.name)) {
    const Type target_type = t.fields[*f].type;
    Typed v = ec_.check(as.value, &target_type);
    if (!v.type.is_error() && !assignable(target_type, v.type)) {
      w_.report.error(v.span, msg::kFieldType, as.name.name, target_type.to_string(), v.type.to_string());
      return std::nullopt;
    }
    return Assignment{false, *f, v.node};
  }
  std::vector<std::string> names = names_of(t.parties);
  for (const auto& f : t.fields) names.push_back(f.name);
  Reporter::suggest(w_.report.error(as.name.span, msg::kUnknownField, as.name.name, t.name), as.name.name, names);
  return std::nullopt;
}

void ClauseChecker::operator()(const ast::ForEachClause& fe) {
  if (!self().cohort) {
    w_.report.error(fe.span, msg::kCohortOnly, "for each");
    return;
  }
  auto target = find_case(fe.case_type);
  if (!target) return;
  ForEachClause spec{*target, {}, 0};
  for (const ast::Identifier& s : fe.states)
    if (auto i = find_state_reporting(w_, w_.program.case_types[*target], s)) spec.states.push_back(*i);
  auto k = find_command(*target, fe.command);
  if (!k) return;
  if (!w_.program.case_types[*target].commands[*k].allows_role("system"))
    w_.report.error(fe.command.span, msg::kNeedsSystem, fe.command.name, "'for each'");
  spec.command = *k;
  add(std::move(spec), fe.span);
}

void ClauseChecker::operator()(const ast::MatchClause& m) {
  if (!self().cohort) {
    w_.report.error(m.span, msg::kCohortOnly, "match");
    return;
  }
  auto left = find_case(m.left_type);
  auto right = find_case(m.right_type);
  if (!left || !right) return;
  MatchClause spec;
  spec.left_type = *left, spec.right_type = *right;
  auto ls = find_state_reporting(w_, w_.program.case_types[*left], m.left_state);
  auto rs = find_state_reporting(w_, w_.program.case_types[*right], m.right_state);
  spec.left_state = ls.value_or(0), spec.right_state = rs.value_or(0);
  const std::string& right_name = w_.program.case_types[*right].name;
  const std::string& left_name = w_.program.case_types[*left].name;
  // The ranking is read on each left case, capacity and minimum on each right one.
  Scope left_scope;
  left_scope.self = *left;
  ExprChecker left_exprs(w_, left_scope);
  spec.ranking = left_exprs.fitting(m.ranking, Type::wrap(TypeKind::List, Type::case_of(TypeKind::Ref, right_name)));
  if (m.capacity || m.minimum) {
    Scope right_scope;
    right_scope.self = *right;
    ExprChecker right_exprs(w_, right_scope);
    if (m.capacity) spec.capacity = right_exprs.fitting(*m.capacity, Type::of(TypeKind::Int));
    if (m.minimum) spec.minimum = right_exprs.fitting(*m.minimum, Type::of(TypeKind::Int));
  }
  if (m.acceptable)
    spec.acceptable = match_rule(*m.acceptable, TypeKind::Bool, msg::kAcceptableRule, left_name, right_name);
  if (m.score) spec.score = match_rule(*m.score, TypeKind::Int, msg::kScoreRule, left_name, right_name);
  if (m.method) match_method(*m.method, spec);
  match_propose(m, spec);
  match_left_out(m, spec);
  add(std::move(spec), m.span);
}

// `acceptable` and `score` name rules (left, right) -> bool / int.
std::optional<Index> ClauseChecker::match_rule(const ast::Identifier& id, TypeKind result, std::string_view message,
                                               const std::string& left_name, const std::string& right_name) {
  auto rule = w_.find_rule(id.name);
  if (!rule) {
    Reporter::suggest(w_.report.error(id.span, msg::kUnknownFunction, id.name), id.name, names_of(w_.program.rules));
    return rule;
  }
  const RuleSpec& r = w_.program.rules[*rule];
  const bool fits = r.formals.size() == 2 && r.formals[0].is_case && r.formals[0].type.name == left_name &&
                    r.formals[1].is_case && r.formals[1].type.name == right_name &&
                    (r.result.is(result) || r.result.is_error());
  if (!fits) w_.report.error(id.span, message, r.name, left_name, right_name);
  return rule;
}

// `using PARAM`: a parameter of type enum(stable, optimal), so that each edition chooses.
void ClauseChecker::match_method(const ast::Identifier& method, MatchClause& spec) {
  spec.method = w_.find_param(method.name);
  if (!spec.method) {
    Reporter::suggest(w_.report.error(method.span, msg::kUnknownParam, method.name), method.name,
                      names_of(w_.program.params));
    return;
  }
  const Type& t = w_.program.params[*spec.method].type;
  const bool fits = t.is(TypeKind::Enum) && !t.values.empty() &&
                    std::all_of(t.values.begin(), t.values.end(),
                                [](const std::string& v) { return v == "stable" || v == "optimal"; });
  if (!fits && !t.is_error()) w_.report.error(method.span, msg::kMatchingMethod, method.name);
}

// `propose COMMAND`: a command of the left case type, issued by `system` with input `match`.
void ClauseChecker::match_propose(const ast::MatchClause& m, MatchClause& spec) {
  auto k = find_command(spec.left_type, m.propose);
  if (!k) return;
  const std::string& right_name = w_.program.case_types[spec.right_type].name;
  const CommandSpec& p = w_.program.case_types[spec.left_type].commands[*k];
  auto in = p.find_input("match");
  if (!in || !(p.inputs[*in].type == Type::case_of(TypeKind::Ref, right_name)))
    w_.report.error(m.propose.span, msg::kProposeInput, p.name, right_name);
  else if (!p.allows_role("system"))
    w_.report.error(m.propose.span, msg::kNeedsSystem, p.name, "'match'");
  spec.propose = *k;
}

// `explain STATE "why", ...`: each a state other than the run's, not final, named once.
void ClauseChecker::match_left_out(const ast::MatchClause& m, MatchClause& spec) {
  const CaseTypeSpec& left_case = w_.program.case_types[spec.left_type];
  for (const ast::MatchLeftOut& out : m.left_out) {
    auto state = find_state_reporting(w_, left_case, out.state);
    if (!state) continue;
    if (*state == spec.left_state) {
      w_.report.error(out.state.span, msg::kExplainRunState, out.state.name);
    } else if (left_case.states[*state].final) {
      w_.report.error(out.state.span, msg::kExplainFinal, out.state.name);
    } else if (std::any_of(spec.left_out.begin(), spec.left_out.end(), [&](const auto& e) { return e.first == *state; })) {
      w_.report.error(out.state.span, msg::kDuplicate, "state", out.state.name);
    } else {
      spec.left_out.emplace_back(*state, out.why.value);
    }
  }
}

void ClauseChecker::operator()(const ast::IssueClause& is) {
  auto output = find_own(self().find_output(is.output.name), is.output, msg::kUnknownOutput, self().outputs);
  if (!output) return;
  add(IssueClause{*output}, is.span);
}

void ClauseChecker::operator()(const ast::DoClause& d) {
  Typed target = ec_.value(d.target);
  if (target.type.is_error()) return;
  if (!target.type.is(TypeKind::Ref) && !target.type.is(TypeKind::Case)) {
    w_.report.error(target.span, msg::kExpected, "a case (a ref)", target.type.to_string());
    return;
  }
  auto target_type = w_.find_case(target.type.name);
  if (!target_type) return;
  auto k = find_command(*target_type, d.command);
  if (!k) return;
  const CommandSpec& issued = w_.program.case_types[*target_type].commands[*k];
  if (issued.creates_case()) {
    w_.report.error(d.command.span, msg::kDoCreates, issued.name, w_.program.case_types[*target_type].name);
    return;
  }
  if (!issued.allows_role("system")) w_.report.error(d.command.span, msg::kNeedsSystem, issued.name, "'do'");
  for (const InputSpec& in : issued.inputs)
    if (!in.type.is(TypeKind::Optional)) {
      w_.report.error(d.command.span, msg::kDoInputs, issued.name, in.name);
      break;
    }
  add(DoClause{target.node, *target_type, *k}, d.span);
}

// Who may issue the command: an auditor only alongside roles that write, and a participant only
// where the case has a party of that role.
void check_issuers(World& w, const CaseTypeSpec& c, const ast::CommandDecl& decl) {
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

}  // namespace

void check_clauses(World& w, Index ci, Index ki, const ast::CommandDecl& decl) {
  ClauseChecker checker(w, ci, ki, decl);
  for (const ast::Clause& clause : decl.clauses) boost::apply_visitor(checker, clause);
  w.program.case_types[ci].commands[ki].clauses = checker.take();
  check_issuers(w, w.program.case_types[ci], decl);
}

}  // namespace mentorflow::dsl::detail
