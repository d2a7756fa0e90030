// Case types: the declarations of their members (parties, fields, documents, counters, states,
// commands and their inputs, timers, outputs), then timers, outputs and counters' bounds.
#include <algorithm>
#include <map>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"

namespace mentorflow::dsl::detail {

namespace {

Type as_stored(Type t) {
  if (t.is(TypeKind::Case)) t.kind = TypeKind::Ref;
  if (t.is(TypeKind::Optional) && t.inner[0].is(TypeKind::Case)) t.inner[0].kind = TypeKind::Ref;
  return t;
}

// One namespace of a case (data names, states, commands, timers, outputs): reports duplicates.
class Names {
 public:
  Names(World& w, std::string_view what) : w_(w), what_(what) {}
  bool add(const ast::Identifier& id) {
    auto [it, fresh] = spans_.emplace(id.name, id.span);
    if (!fresh) w_.report.duplicate(id.span, what_, id.name, it->second);
    return fresh;
  }

 private:
  World& w_;
  std::string what_;
  std::map<std::string, ast::Span> spans_;
};

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const T& i : items) out.push_back(i.name);
  return out;
}

// `offer.ngo` in `shows`: a field of case type `ci`, then a field of the case each `ref` before it
// refers to. Reports an unknown field, or a step through a field that refers to no case.
std::optional<ShownSpec> resolve_shown(World& w, Index ci, const ast::OutputShown& shown) {
  ShownSpec spec;
  spec.label = shown.label ? shown.label->value : "";
  Index in = ci;
  for (std::size_t i = 0; i < shown.path.size(); ++i) {
    const ast::Identifier& step = shown.path[i];
    if (i > 0) {
      const Type& through = spec.type.is(TypeKind::Optional) ? spec.type.element() : spec.type;
      auto next = through.is(TypeKind::Ref) ? w.find_case(through.name) : std::nullopt;
      if (!next) {
        w.report.error(shown.path[i - 1].span, msg::kNoMembers, spec.path, spec.type.to_string());
        return std::nullopt;
      }
      in = *next;
    }
    const CaseTypeSpec& of = w.program.case_types[in];
    auto field = of.find_field(step.name);
    if (!field) {
      Reporter::suggest(w.report.error(step.span, msg::kUnknownField, step.name, of.name), step.name,
                        names_of(of.fields));
      return std::nullopt;
    }
    spec.path += (i > 0 ? "." : "") + step.name;
    spec.fields.push_back(*field);
    spec.type = of.fields[*field].type;
  }
  return spec;
}

}  // namespace

std::optional<Index> find_state_reporting(World& w, const CaseTypeSpec& c, const ast::Identifier& id) {
  if (auto s = c.find_state(id.name)) return s;
  if (auto ci = w.find_case(c.name)) {
    w.states_unresolved.resize(w.program.case_types.size(), false);
    w.states_unresolved[*ci] = true;
  }
  Reporter::suggest(w.report.error(id.span, msg::kUnknownState, id.name, c.name), id.name, names_of(c.states));
  return std::nullopt;
}

namespace {

// `state a initial, b, c final`: each state once, one of them initial.
void declare_states(World& w, CaseTypeSpec& c, const ast::StateDecl& s, Names& states, bool& has_initial) {
  for (const ast::StateSpec& st : s.states) {
    Labels labels = check_labels(w, st.texts, "state '" + st.name.name + "'");
    if (!states.add(st.name)) continue;
    StateSpec spec{st.name.name, st.marker == "initial", st.marker == "final", std::move(labels.label),
                   std::move(labels.help)};
    if (spec.initial) {
      if (has_initial) {
        const std::string& first = c.states[c.initial].name;
        w.report.error(st.name.span, msg::kSecondInitial, st.name.name, c.name)
            .notes.push_back(fmt::format(fmt::runtime(msg::kAlreadyInitial), first));
        spec.initial = false;
      } else {
        has_initial = true;
        c.initial = static_cast<Index>(c.states.size());
      }
    }
    c.states.push_back(std::move(spec));
  }
}

// The party whose data a personal value is (docs/PRIVACY.md): the one after `for`, else the party
// the case is named after, else the case's only participant party. Their key seals the value and
// their erasure removes it. nullopt, reported, when there is no such party.
std::optional<Index> subject_party(World& w, const CaseTypeSpec& c, const ast::PersonalMark& mark, const char* kind,
                                   const ast::Identifier& name) {
  const auto participant = [&](const PartySpec& p) {
    const RoleSpec* role = w.find_role(p.role);
    return role && role->kind == RoleKind::Participant;
  };
  if (mark.party) {
    const auto found = std::find_if(c.parties.begin(), c.parties.end(), [&](const PartySpec& p) { return p.name == mark.party->name; });
    if (found == c.parties.end()) {
      Reporter::suggest(w.report.error(mark.party->span, msg::kUnknownParty, mark.party->name, c.name), mark.party->name,
                        names_of(c.parties));
      return std::nullopt;
    }
    if (!participant(*found)) {
      w.report.error(mark.party->span, msg::kPersonalOfStaff, found->name, found->role);
      return std::nullopt;
    }
    return static_cast<Index>(found - c.parties.begin());
  }
  const auto naming = std::find_if(c.parties.begin(), c.parties.end(), [](const PartySpec& p) { return p.names_case; });
  if (naming != c.parties.end()) return static_cast<Index>(naming - c.parties.begin());
  std::optional<Index> only;
  for (Index i = 0; i < c.parties.size(); ++i) {
    if (!participant(c.parties[i])) continue;
    if (only) {
      w.report.error(name.span, msg::kPersonalWhose, kind, name.name, c.name)
          .notes.push_back(fmt::format(fmt::runtime(msg::kPersonalWhoseNote), c.parties[*only].name, kind, name.name));
      return std::nullopt;
    }
    only = i;
  }
  if (!only)
    w.report.error(name.span, msg::kPersonalWithoutSubject, kind, name.name, c.name)
        .notes.push_back(std::string(msg::kPersonalSubjectNote));
  return only;
}

// The first pass over a case: its parties, fields, documents, counters and states, so that its
// commands, timers and outputs may name any of them.
void declare_data_and_states(World& w, CaseTypeSpec& c, const ast::CaseDecl& decl) {
  Names data(w, "name"), states(w, "state");
  bool has_initial = false;
  // What is marked personal, resolved below: the party may be declared after what it owns.
  struct Marked { const ast::PersonalMark* mark; bool field; const ast::Identifier* name; };
  std::vector<Marked> personal;
  for (const ast::CaseItem& item : decl.items) {
    if (const auto* p = boost::get<ast::PartyDecl>(&item)) {
      if (!data.add(p->name)) continue;
      const RoleSpec* role = w.find_role(p->role.name);
      if (!role)
        Reporter::suggest(w.report.error(p->role.span, msg::kUnknownRole, p->role.name), p->role.name, w.role_names());
      if (p->names_case) {
        const auto naming = std::find_if(c.parties.begin(), c.parties.end(), [](const PartySpec& s) { return s.names_case; });
        if (naming != c.parties.end())
          w.report.error(p->name.span, msg::kCaseNamedTwice, c.name, naming->name);
        else if (role && role->kind != RoleKind::Participant)
          w.report.error(p->role.span, msg::kNamingPartyNotParticipant, p->name.name, p->role.name);
      }
      c.parties.push_back(PartySpec{p->name.name, p->role.name, p->names_case});
    } else if (const auto* f = boost::get<ast::FieldDecl>(&item)) {
      Labels labels = check_labels(w, f->texts, "field '" + f->name.name + "'");
      if (!data.add(f->name)) continue;
      c.fields.push_back(FieldSpec{f->name.name, as_stored(w.resolve_type(f->type)), std::move(labels.label),
                                   std::move(labels.help), std::nullopt});
      if (f->personal.marked) personal.push_back({&f->personal, true, &f->name});
    } else if (const auto* d = boost::get<ast::DocumentDecl>(&item)) {
      for (const ast::DocumentSpec& doc : d->documents) {
        Labels labels = check_labels(w, doc.texts, "document '" + doc.name.name + "'");
        if (!data.add(doc.name)) continue;
        DocumentSpec spec{doc.name.name, {}, std::move(labels.label), std::move(labels.help), std::nullopt};
        if (d->personal.marked) personal.push_back({&d->personal, false, &doc.name});
        Names variants(w, "variant");
        for (const ast::Identifier& v : doc.variants)
          if (variants.add(v)) spec.variants.push_back(v.name);
        c.documents.push_back(std::move(spec));
      }
    } else if (const auto* k = boost::get<ast::CounterDecl>(&item)) {
      Text title = k->title ? check_text(w, *k->title, "title of counter '" + k->name.name + "'") : Text();
      if (data.add(k->name))
        c.counters.push_back(CounterSpec{k->name.name, kNoNode, kNoNode, std::nullopt, std::nullopt, title.first(),
                                         std::move(title)});
    } else if (const auto* s = boost::get<ast::StateDecl>(&item)) {
      declare_states(w, c, *s, states, has_initial);
    }
  }
  // One answer per mark: the documents of one declaration share theirs (and its error, if any).
  const ast::PersonalMark* resolved = nullptr;
  std::optional<Index> subject;
  for (const Marked& m : personal) {
    if (m.mark != resolved) subject = subject_party(w, c, *m.mark, m.field ? "field" : "document", *m.name);
    resolved = m.mark;
    (m.field ? c.fields[*c.find_field(m.name->name)].personal : c.documents[*c.find_document(m.name->name)].personal) =
        subject;
  }
}

// A command's inputs: its own (`input`), and one per field it fills and per document it attaches.
void declare_inputs(World& w, const CaseTypeSpec& c, const ast::CommandDecl& cmd, CommandSpec& spec) {
  Names inputs(w, "input");
  for (const ast::Clause& clause : cmd.clauses) {
    if (const auto* in = boost::get<ast::InputClause>(&clause)) {
      Labels labels = check_labels(w, in->texts, "input '" + in->name.name + "' of command '" + spec.name + "'");
      const std::optional<Index> subject =
          in->personal.marked ? subject_party(w, c, in->personal, "input", in->name) : std::nullopt;
      if (inputs.add(in->name))
        spec.inputs.push_back(InputSpec{in->name.name, as_stored(w.resolve_type(in->type)), InputOrigin::Input, 0,
                                        std::move(labels.label), std::move(labels.help), subject});
    } else if (const auto* fills = boost::get<ast::FillsClause>(&clause)) {
      for (const ast::Identifier& f : fills->fields) {
        auto field = c.find_field(f.name);
        if (!field) {
          Reporter::suggest(w.report.error(f.span, msg::kUnknownField, f.name, c.name), f.name, names_of(c.fields));
        } else if (inputs.add(f)) {
          const FieldSpec& filled = c.fields[*field];
          spec.inputs.push_back(
              InputSpec{f.name, filled.type, InputOrigin::Fills, *field, filled.label, filled.help, filled.personal});
        }
      }
    } else if (const auto* attach = boost::get<ast::AttachClause>(&clause)) {
      for (const ast::Identifier& d : attach->documents) {
        auto doc = c.find_document(d.name);
        if (!doc) {
          Reporter::suggest(w.report.error(d.span, msg::kUnknownDocument, d.name, c.name), d.name,
                            names_of(c.documents));
        } else if (inputs.add(d)) {
          const DocumentSpec& attached = c.documents[*doc];
          spec.inputs.push_back(InputSpec{d.name, Type::of(TypeKind::Document), InputOrigin::Attach, *doc,
                                          attached.label, attached.help, attached.personal});
        }
      }
    }
  }
}

// A command's signature: who may issue it, from and to which states, its inputs. Its clauses are
// checked later (check_clauses.cpp), once every command of every case is declared.
CommandSpec declare_command(World& w, const CaseTypeSpec& c, const ast::CommandDecl& cmd) {
  CommandSpec spec;
  spec.name = cmd.name.name;
  Labels labels = check_labels(w, cmd.texts, "command '" + spec.name + "'");
  spec.label = std::move(labels.label);
  spec.help = std::move(labels.help);
  spec.span = cmd.name.span;
  spec.line = w.report.line(cmd.name.span);
  for (const ast::Identifier& r : cmd.roles) {
    if (r.name != "system" && !w.find_role(r.name))
      Reporter::suggest(w.report.error(r.span, msg::kUnknownRole, r.name), r.name, w.role_names());
    spec.roles.push_back(r.name);
  }
  for (const ast::Identifier& s : cmd.from)
    if (auto i = find_state_reporting(w, c, s)) spec.from.push_back(*i);
  if (cmd.to) spec.to = find_state_reporting(w, c, *cmd.to);
  declare_inputs(w, c, cmd, spec);
  return spec;
}

OutputSpec declare_output(World& w, const CaseTypeSpec& c, const ast::OutputDecl& o) {
  Text title = check_text(w, o.title, "title of output '" + o.name.name + "'");
  OutputSpec spec;
  spec.name = o.name.name;
  spec.title = title.first();
  spec.label = std::move(title);
  if (o.value && o.value->label) spec.value_label = o.value->label->value;
  for (const ast::Identifier& r : o.recipients) {
    if (auto p = c.find_party(r.name)) spec.recipients.push_back(*p);
    else Reporter::suggest(w.report.error(r.span, msg::kUnknownParty, r.name, c.name), r.name, names_of(c.parties));
  }
  return spec;
}

}  // namespace

void declare_case_members(World& w, Index ci, const ast::CaseDecl& decl) {
  CaseTypeSpec& c = w.program.case_types[ci];
  declare_data_and_states(w, c, decl);
  Names commands(w, "command"), timers(w, "timer"), outputs(w, "output");
  for (const ast::CaseItem& item : decl.items) {
    if (const auto* cmd = boost::get<ast::CommandDecl>(&item)) {
      if (commands.add(cmd->name)) c.commands.push_back(declare_command(w, c, *cmd));
    } else if (const auto* t = boost::get<ast::TimerDecl>(&item)) {
      if (!timers.add(t->name)) continue;
      TimerSpec spec;
      spec.name = t->name.name;
      spec.at = t->trigger == "at";
      c.timers.push_back(std::move(spec));
    } else if (const auto* o = boost::get<ast::OutputDecl>(&item)) {
      if (outputs.add(o->name)) c.outputs.push_back(declare_output(w, c, *o));
    }
  }
}

void check_clauses(World& w, Index ci, Index command, const ast::CommandDecl& decl);

namespace {

// `timer T at EXPR`'s time. An EXPR that reads the case (a field, `now`, a rule) is reported as
// that, with the forms that work, before its type: a type mismatch would send the designer
// fixing the type of something that cannot work anyway.
NodeId timer_due_at(World& w, ExprChecker& constants, const ast::TimerDecl& t) {
  const Type datetime = Type::of(TypeKind::DateTime);
  const Typed when = constants.check(t.when, &datetime);
  if (const NodeId bad = constants.first_not_constant(when.node); bad != kNoNode) {
    w.report.error(when.span, msg::kTimerAtNotConstant, t.name.name, w.report.text(when.span),
                   w.report.text(w.program.pool[bad].span))
        .notes.push_back(std::string(msg::kTimerAtForms));
    return kNoNode;
  }
  return constants.fitting(when, datetime);
}

}  // namespace

void check_case_bodies(World& w, Index ci, const ast::CaseDecl& decl) {
  Scope constant;  // names resolve as in the case, so a field is "not a constant", not unknown
  constant.self = ci;
  ExprChecker constants(w, constant);
  auto bound = [&](const std::optional<ast::Expression>& e) {
    if (!e) return kNoNode;
    const NodeId n = constants.fitting(*e, Type::of(TypeKind::Int));
    return constants.require_constant(n) ? n : kNoNode;
  };
  Scope in_case;
  in_case.self = ci;
  ExprChecker case_exprs(w, in_case);
  for (const ast::CaseItem& item : decl.items) {
    CaseTypeSpec& c = w.program.case_types[ci];
    if (const auto* k = boost::get<ast::CounterDecl>(&item)) {
      auto i = c.find_counter(k->name.name);
      if (!i) continue;
      const NodeId min = bound(k->min), max = bound(k->max);
      w.program.case_types[ci].counters[*i].min_expr = min;
      w.program.case_types[ci].counters[*i].max_expr = max;
    } else if (const auto* cmd = boost::get<ast::CommandDecl>(&item)) {
      auto i = c.find_command(cmd->name.name);
      if (i && c.commands[*i].span.begin == cmd->name.span.begin) check_clauses(w, ci, *i, *cmd);
    } else if (const auto* t = boost::get<ast::TimerDecl>(&item)) {
      auto it = std::find_if(c.timers.begin(), c.timers.end(), [&](const TimerSpec& s) { return s.name == t->name.name; });
      if (it == c.timers.end()) continue;
      const Index ti = static_cast<Index>(it - c.timers.begin());
      CaseTypeSpec& cc = w.program.case_types[ci];
      TimerSpec& spec = cc.timers[ti];
      if (!check_field_timer(w, cc, spec, *t, constants)) {
        const NodeId when = t->trigger == "at" ? timer_due_at(w, constants, *t)
                                               : constants.fitting(t->when, Type::of(TypeKind::Duration));
        constants.require_constant(when);
        spec.when_expr = when;
      }
      const NodeId every = t->every ? constants.fitting(*t->every, Type::of(TypeKind::Duration)) : kNoNode;
      constants.require_constant(every);
      spec.every_expr = every;
      if (t->in_state) spec.in_state = find_state_reporting(w, cc, *t->in_state);
      if (t->command) {
        spec.command = cc.find_command(t->command->name);
        if (!spec.command) {
          Reporter::suggest(w.report.error(t->command->span, msg::kUnknownCommand, t->command->name, cc.name),
                            t->command->name, names_of(cc.commands));
        } else if (!cc.commands[*spec.command].allows_role("system")) {
          w.report.error(t->command->span, msg::kNeedsSystem, t->command->name, "timer '" + t->name.name + "'");
        }
      }
      if (t->remind_role) {
        spec.remind = t->remind_role->name;
        spec.remind_is_party = cc.find_party(spec.remind).has_value();
        spec.remind_text = t->remind_text ? t->remind_text->value : "";
        if (!spec.remind_is_party && !w.find_role(spec.remind)) {
          std::vector<std::string> names = names_of(cc.parties);
          for (const std::string& r : w.role_names()) names.push_back(r);
          Reporter::suggest(w.report.error(t->remind_role->span, msg::kUnknownParty, spec.remind, cc.name), spec.remind,
                            names);
        }
      }
      if (t->flag) {
        // Read on the case when the timer fires: its fields, counters and parties, and `now`.
        FlagClause flag;
        if (t->flag->condition) flag.condition = case_exprs.condition(*t->flag->condition, "'flag'");
        flag.reason = message_parts(w, case_exprs, t->flag->reason);
        w.program.case_types[ci].timers[ti].flag = std::move(flag);
      }
    } else if (const auto* o = boost::get<ast::OutputDecl>(&item)) {
      auto it = std::find_if(c.outputs.begin(), c.outputs.end(), [&](const OutputSpec& s) { return s.name == o->name.name; });
      if (it == c.outputs.end()) continue;
      const Index oi = static_cast<Index>(it - c.outputs.begin());
      if (o->value) {
        const Typed v = case_exprs.value(o->value->value);
        w.program.case_types[ci].outputs[oi].value = v.type.is_error() ? kNoNode : v.node;
      }
      for (const ast::OutputShown& shown : o->shows)
        if (auto spec = resolve_shown(w, ci, shown)) w.program.case_types[ci].outputs[oi].shows.push_back(std::move(*spec));
    }
  }
}

}  // namespace mentorflow::dsl::detail
