// check_unset_fields: a field read before any command on the way to that state sets it failed
// only at run time ("field 'year' of ... is not set"). For each field, this finds the states a
// case can be in with it unset (from where cases begin, through commands that do not set it),
// then each read by a command in such a state before its own clauses set it, by a `match` that
// pairs cases in such a state, or by a timer's flag that fires in one, and warns there with one way
// that leaves it unset. Reads count through rules (field_reads.hpp). Optional fields are
// never reported: absent is one of their values, and `present` and `??` say what to do with it.
#include <algorithm>
#include <deque>
#include <set>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/check/field_reads.hpp"

namespace mentorflow::dsl::detail {

namespace {

constexpr std::size_t kNever = static_cast<std::size_t>(-1);

// A read of a case by something other than its own commands, in one of `states` (empty: in any):
// a `match` of a cohort command reads the cases it pairs, a timer's flag reads its case.
struct StateRead {
  std::vector<Index> states;
  FieldRead read;
  std::string reader;  // "the match in command 'run_matching' of 'cohort'"
  std::optional<Index> set_by_then;  // a field known to be set when it reads (a field timer's own)
};

// How a case came to a state: a beginning (prev < 0) or a command from the state of step prev.
struct Step {
  std::string how;  // "apply (to 'draft')"
  int prev = -1;
};

// The first clause of `c` that sets `field`, kNever when none does. A `set` reads before it
// stores, so a read in that clause still counts as before.
std::size_t first_set(const CommandSpec& c, Index field) {
  for (std::size_t k = 0; k < c.clauses.size(); ++k) {
    if (const auto* s = std::get_if<SetClause>(&c.clauses[k].clause); s && s->field == field) return k;
    if (const auto* f = std::get_if<FillsClause>(&c.clauses[k].clause))
      for (Index i : f->inputs)
        if (c.inputs[i].target == field) return k;
  }
  return kNever;
}

// The states `c` can leave the case in; empty when it stays where it is.
std::vector<Index> targets(const CaseTypeSpec& type, const CommandSpec& c) {
  if (c.to) return {*c.to};
  for (const ClauseSpec& clause : c.clauses)
    if (const auto* d = std::get_if<DecideClause>(&clause.clause)) return {d->then_state, d->else_state};
  if (c.creates_case()) return {type.initial};
  return {};
}

// The expressions clause `clause` evaluates on the case, where a failed read refuses the command.
// (A `requires` message's values are not: one that cannot be computed is shown as "?".)
std::vector<NodeId> evaluated(const CaseTypeSpec& type, const Clause& clause) {
  if (const auto* r = std::get_if<RequiresClause>(&clause)) return {r->condition};
  if (const auto* d = std::get_if<DecideClause>(&clause)) return {d->decision};
  if (const auto* s = std::get_if<SetClause>(&clause)) return {s->value};
  if (const auto* d = std::get_if<DoClause>(&clause)) return {d->target};
  if (const auto* i = std::get_if<IssueClause>(&clause)) return {type.outputs[i->output].value};
  if (const auto* c = std::get_if<CreateClause>(&clause)) {
    std::vector<NodeId> values;
    for (const Assignment& a : c->assignments) values.push_back(a.value);
    return values;
  }
  return {};
}

class UnsetFields {
 public:
  explicit UnsetFields(World& w) : w_(w), p_(w.program) {}

  void run() {
    std::vector<std::vector<StateRead>> state_reads(p_.case_types.size());
    for (const CaseTypeSpec& type : p_.case_types) {
      for (const CommandSpec& c : type.commands)
        for (const ClauseSpec& clause : c.clauses)
          if (const auto* m = std::get_if<MatchClause>(&clause.clause)) match_reads(type, c, *m, state_reads);
      timer_reads(static_cast<Index>(&type - p_.case_types.data()), state_reads);
    }
    for (Index ct = 0; ct < p_.case_types.size(); ++ct) {
      const CaseTypeSpec& type = p_.case_types[ct];
      // reads[c][k]: what clause k of command c reads of the case
      std::vector<std::vector<std::vector<FieldRead>>> reads(type.commands.size());
      for (Index c = 0; c < type.commands.size(); ++c)
        for (const ClauseSpec& clause : type.commands[c].clauses) {
          std::vector<FieldRead> all;
          for (NodeId n : evaluated(type, clause.clause))
            for (FieldRead& r : field_reads(p_, n)) all.push_back(r);
          reads[c].push_back(std::move(all));
        }
      for (Index f = 0; f < type.fields.size(); ++f)
        if (!type.fields[f].type.is(TypeKind::Optional)) field(ct, f, reads, state_reads[ct]);
    }
  }

 private:
  // A match evaluates `ranking` on each left case in its state, `capacity` and `minimum` on each
  // right case in its state, and its rules on both of a pair.
  void match_reads(const CaseTypeSpec& cohort, const CommandSpec& c, const MatchClause& m,
                   std::vector<std::vector<StateRead>>& out) const {
    const std::string reader = fmt::format("the match in command '{}' of '{}'", c.name, cohort.name);
    auto add = [&](Index type, Index state, std::vector<FieldRead> reads) {
      for (FieldRead& r : reads) out[type].push_back(StateRead{{state}, r, reader, std::nullopt});
    };
    add(m.left_type, m.left_state, field_reads(p_, m.ranking));
    add(m.right_type, m.right_state, field_reads(p_, m.capacity));
    add(m.right_type, m.right_state, field_reads(p_, m.minimum));
    for (const std::optional<Index>& rule : {m.acceptable, m.score}) {
      if (!rule) continue;
      add(m.left_type, m.left_state, rule_field_reads(p_, *rule, 0));
      add(m.right_type, m.right_state, rule_field_reads(p_, *rule, 1));
    }
  }

  // A timer's flag condition, evaluated when it fires: `after D in STATE` in that state, `at` in
  // any. (Its `at` and `every` are constants, or the field `at FIELD` names, scheduled only once it
  // is set; its reason shows "?" for what cannot be computed, as a `requires` message does.)
  void timer_reads(Index ct, std::vector<std::vector<StateRead>>& out) const {
    for (const TimerSpec& t : p_.case_types[ct].timers) {
      if (!t.flag) continue;
      std::vector<Index> states;
      if (t.in_state) states.push_back(*t.in_state);
      for (FieldRead& r : field_reads(p_, t.flag->condition))
        out[ct].push_back(StateRead{states, r, fmt::format("timer '{}'", t.name), t.field});
    }
  }

  void field(Index ct, Index f, const std::vector<std::vector<std::vector<FieldRead>>>& reads,
             const std::vector<StateRead>& state_reads) {
    const CaseTypeSpec& type = p_.case_types[ct];
    std::vector<Step> steps;
    std::vector<int> at(type.states.size(), -1);  // the step that first reaches each state unset
    std::deque<Index> queue;
    auto reach = [&](Index state, std::string how, int prev) {
      if (at[state] >= 0) return;
      steps.push_back(Step{std::move(how), prev});
      at[state] = static_cast<int>(steps.size()) - 1;
      queue.push_back(state);
    };
    auto to = [&](const CommandSpec& c, Index s) { return fmt::format("{} (to '{}')", c.name, type.states[s].name); };

    if (type.cohort) reach(type.initial, fmt::format("the cohort's opening (in '{}')", type.states[type.initial].name), -1);
    for (const CaseTypeSpec& other : p_.case_types)
      for (const CommandSpec& c : other.commands)
        for (const ClauseSpec& clause : c.clauses) {
          const auto* create = std::get_if<CreateClause>(&clause.clause);
          if (!create || create->case_type != ct) continue;
          const bool sets = std::any_of(create->assignments.begin(), create->assignments.end(),
                                        [&](const Assignment& a) { return !a.party && a.slot == f; });
          if (!sets)
            reach(type.initial, fmt::format("'create' in {} of {} (in '{}')", c.name, other.name, type.states[type.initial].name), -1);
        }
    for (const CommandSpec& c : type.commands)
      if (c.creates_case() && first_set(c, f) == kNever)
        for (Index s : targets(type, c)) reach(s, to(c, s), -1);
    while (!queue.empty()) {
      const Index s = queue.front();
      queue.pop_front();
      for (const CommandSpec& c : type.commands)
        if (c.allows_state(s) && first_set(c, f) == kNever)
          for (Index t : targets(type, c)) reach(t, to(c, t), at[s]);
    }

    for (Index ci = 0; ci < type.commands.size(); ++ci) {
      const CommandSpec& c = type.commands[ci];
      const auto from = std::find_if(c.from.begin(), c.from.end(), [&](Index s) { return at[s] >= 0; });
      if (!c.creates_case() && from == c.from.end()) continue;
      const std::size_t last = std::min(first_set(c, f), c.clauses.size() - 1);
      for (std::size_t k = 0; k <= last && k < reads[ci].size(); ++k)
        for (const FieldRead& r : reads[ci][k])
          if (r.field == f) warn(type, fmt::format("command '{}'", c.name), r, c.creates_case() ? -1 : at[*from], steps);
    }
    for (const StateRead& sr : state_reads) {
      if (sr.read.field != f || sr.set_by_then == f) continue;
      // The first state, in the order the walk reached them, where it reads the field unset.
      int step = -1;
      for (Index s = 0; s < type.states.size(); ++s)
        if (at[s] >= 0 && (sr.states.empty() || std::find(sr.states.begin(), sr.states.end(), s) != sr.states.end()) &&
            (step < 0 || at[s] < step))
          step = at[s];
      if (step >= 0) warn(type, sr.reader, sr.read, step, steps);
    }
  }

  void warn(const CaseTypeSpec& type, const std::string& who, const FieldRead& r, int step, const std::vector<Step>& steps) {
    const ExprNode& n = p_.pool[r.node];
    if (n.file != w_.file || !warned_.insert(r.node).second) return;
    const std::string reader = who + (r.rule ? fmt::format(" (through rule '{}')", p_.rules[*r.rule].name) : "");
    std::string note;
    if (step < 0) {
      note = fmt::format(fmt::runtime(msg::kUnsetAtCreation), reader);
    } else {
      std::vector<std::string> way;
      for (int i = step; i >= 0; i = steps[i].prev) way.push_back(steps[i].how);
      std::reverse(way.begin(), way.end());
      std::string joined;
      for (const std::string& s : way) joined += (joined.empty() ? "" : ", ") + s;
      note = fmt::format(fmt::runtime(msg::kUnsetOnTheWay), joined, reader);
    }
    w_.report.warning(n.span, msg::kReadBeforeSet, type.fields[r.field].name).notes.push_back(std::move(note));
  }

  World& w_;
  const Program& p_;
  std::set<NodeId> warned_;  // one warning per read
};

}  // namespace

void check_unset_fields(World& w) { UnsetFields(w).run(); }

}  // namespace mentorflow::dsl::detail
