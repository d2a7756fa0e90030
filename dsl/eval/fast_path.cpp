// Shortcuts for the fast (untraced) path: a comparison of a case's field with a constant is the
// commonest test in eligibility rules (`a.year >= 2`, `a.degree == master`,
// `a.certified_level >= master_min`), so it is done in one step instead of three.
#include "dsl/eval/evaluator.hpp"

namespace mentorflow::dsl {

namespace {

// The constant word of a node that never changes in this edition, if it is one.
std::optional<std::int64_t> constant_word(const Program& p, const ExprNode& n) {
  const Value* v = nullptr;
  if (n.op == Op::Const) v = &p.pool.constants[n.a];
  else if (n.op == Op::Param) v = &p.param_values[n.a];
  else if (n.op == Op::Let) v = &p.let_values[n.a];
  if (!v || v->is_absent() || !detail::word_kind(v->kind())) return std::nullopt;
  return v->as_int();
}

// A field of `this` or of a case parameter, not optional.
bool field_of_case(const Program& p, const ExprNode& n, FastNode& out) {
  if (n.op != Op::Member || static_cast<MemberKind>(n.aux) != MemberKind::Field || n.optional) return false;
  const ExprNode& source = p.pool[n.a];
  if (source.op != Op::This && source.op != Op::LocalCase) return false;
  out.on_this = source.op == Op::This;
  out.local = source.a;
  out.field = n.b;
  return true;
}

// Emits the steps of bool node `id` that end in `t` when true and `f` when false; returns the
// step to enter it at (or t/f themselves for a constant). nullopt when the node has a part a step
// cannot test.
std::optional<std::uint32_t> emit(const Program& p, NodeId id, std::uint32_t t, std::uint32_t f,
                                  std::vector<DecisionStep>& steps) {
  const ExprNode& n = p.pool[id];
  switch (n.op) {
    case Op::And: {
      auto b = emit(p, n.b, t, f, steps);
      return b ? emit(p, n.a, *b, f, steps) : std::nullopt;
    }
    case Op::Or: {
      auto b = emit(p, n.b, t, f, steps);
      return b ? emit(p, n.a, t, *b, steps) : std::nullopt;
    }
    case Op::Not: return emit(p, n.a, f, t, steps);
    case Op::Const:
      if (n.kind != ValueKind::Bool) return std::nullopt;
      return p.pool.constants[n.a].as_bool() ? t : f;
    default:
      if (p.fast[id].kind != FastNode::Kind::CompareFieldWord) return std::nullopt;
      steps.push_back(DecisionStep{p.fast[id], t, f});
      return static_cast<std::uint32_t>(steps.size() - 1);
  }
}

}  // namespace

void prepare_fast_path(Program& p) {
  p.fast.assign(p.pool.nodes.size(), FastNode{});
  for (NodeId id = 0; id < p.pool.nodes.size(); ++id) {
    const ExprNode& n = p.pool[id];
    if (n.op != Op::Compare || static_cast<CompareClass>(n.c) != CompareClass::Word) continue;
    FastNode f;
    f.kind = FastNode::Kind::CompareFieldWord;
    f.op = static_cast<CmpOp>(n.aux);
    if (auto w = constant_word(p, p.pool[n.b]); w && field_of_case(p, p.pool[n.a], f)) {
      f.word = *w;
    } else if (auto w2 = constant_word(p, p.pool[n.a]); w2 && field_of_case(p, p.pool[n.b], f)) {
      f.word = *w2;
      f.op = mirrored(f.op);
    } else {
      continue;
    }
    p.fast[id] = f;
  }
  // Bodies of bool rules made only of such tests become decision graphs, entered at step 0.
  for (const RuleSpec& rule : p.rules) {
    if (rule.body == kNoNode || p.pool[rule.body].kind != ValueKind::Bool || p.pool[rule.body].op == Op::Compare) continue;
    std::vector<DecisionStep> steps;
    auto entry = emit(p, rule.body, DecisionStep::kTrue, DecisionStep::kFalse, steps);
    if (!entry || *entry >= steps.size()) continue;
    // Renumber so that the entry is step 0.
    std::vector<DecisionStep> ordered{steps[*entry]};
    std::vector<std::uint32_t> at(steps.size(), 0);
    for (std::uint32_t i = 0; i < steps.size(); ++i)
      if (i != *entry) at[i] = static_cast<std::uint32_t>(ordered.size()), ordered.push_back(steps[i]);
    for (DecisionStep& s : ordered)
      for (std::uint32_t* next : {&s.if_true, &s.if_false})
        if (*next < steps.size()) *next = *next == *entry ? 0 : at[*next];
    FastNode d;
    d.kind = FastNode::Kind::Decision;
    d.decision = static_cast<Index>(p.decisions.size());
    p.decisions.push_back(std::move(ordered));
    p.fast[rule.body] = d;
  }
}

}  // namespace mentorflow::dsl
