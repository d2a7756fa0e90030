// The shape of a case's state machine: one initial state, every state reachable from it, a way
// out of every state that is not final, and none out of a final one.
#include <algorithm>
#include <deque>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"

namespace mentorflow::dsl::detail {

namespace {

// The states a command may move its case to.
std::vector<Index> targets(const CommandSpec& cmd) {
  std::vector<Index> out;
  if (cmd.to) out.push_back(*cmd.to);
  for (const ClauseSpec& c : cmd.clauses)
    if (const auto* d = std::get_if<DecideClause>(&c.clause)) out.insert(out.end(), {d->then_state, d->else_state});
  return out;
}

}  // namespace

void check_states(World& w, Index ci, const ast::CaseDecl& decl) {
  const CaseTypeSpec& c = w.program.case_types[ci];
  if (ci < w.states_unresolved.size() && w.states_unresolved[ci]) return;  // reported already; no cascade
  std::vector<ast::Span> spans(c.states.size());
  for (const ast::CaseItem& item : decl.items)
    if (const auto* s = boost::get<ast::StateDecl>(&item))
      for (const ast::StateSpec& st : s->states)
        if (auto i = c.find_state(st.name.name); i && spans[*i].end == 0) spans[*i] = st.name.span;
  if (c.states.empty() || !c.states[c.initial].initial) {
    w.report.error(decl.name.span, msg::kNoInitial, c.name);
    return;
  }
  // Reachability from the initial state (a creating command starts there too).
  std::vector<bool> reached(c.states.size(), false);
  std::deque<Index> todo{c.initial};
  reached[c.initial] = true;
  while (!todo.empty()) {
    const Index s = todo.front();
    todo.pop_front();
    for (const CommandSpec& cmd : c.commands) {
      if (!cmd.allows_state(s) && !(cmd.creates_case() && s == c.initial)) continue;
      for (Index t : targets(cmd))
        if (!reached[t]) reached[t] = true, todo.push_back(t);
    }
  }
  for (Index s = 0; s < c.states.size(); ++s) {
    const StateSpec& st = c.states[s];
    if (!reached[s]) {
      w.report.error(spans[s], msg::kUnreachable, st.name)
          .notes.push_back(fmt::format(fmt::runtime(msg::kNoPathFrom), c.states[c.initial].name));
      continue;
    }
    const CommandSpec* leaving = nullptr;
    for (const CommandSpec& cmd : c.commands) {
      if (!cmd.allows_state(s)) continue;
      auto ts = targets(cmd);
      if (std::any_of(ts.begin(), ts.end(), [&](Index t) { return t != s; })) {
        leaving = &cmd;
        break;
      }
    }
    if (st.final && leaving) {
      w.report.error(spans[s], msg::kFinalWayOut, st.name)
          .notes.push_back(fmt::format(fmt::runtime(msg::kCommandLeaves), leaving->name));
    } else if (!st.final && !leaving) {
      w.report.error(spans[s], msg::kNoWayOut, st.name).notes.push_back(std::string(msg::kMarkFinal));
    }
  }
}

}  // namespace mentorflow::dsl::detail
