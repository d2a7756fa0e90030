// The reference semantics of every node (docs/LANGUAGE.md, "Type rules"); the fast paths in
// evaluator_fast.cpp must agree with it (tests/dsl/eval_test.cpp compares them).
#include "dsl/eval/evaluator.hpp"

#include <fmt/core.h>

#include <array>

namespace mentorflow::dsl::detail {

Value word_to_value(ValueKind kind, std::int64_t w) {
  switch (kind) {
    case ValueKind::Bool: return Value::boolean(w != 0);
    case ValueKind::Int: return Value::integer(w);
    case ValueKind::Date: return Value::date(w);
    case ValueKind::Duration: return Value::duration(duration_of_word(w));
    case ValueKind::Cefr: return Value::cefr(static_cast<int>(w));
    default: return Value();
  }
}

Value Evaluator::fail(NodeId node, std::string message) {
  if (!error_) error_ = EvalError{std::move(message), node};
  return Value();
}

std::uint32_t Evaluator::push_step(TraceStep::Kind kind, NodeId node, Index callee) {
  TraceStep s;
  s.kind = kind;
  s.parent = parent_;
  s.node = node;
  s.callee = callee;
  trace_->steps.push_back(std::move(s));
  return static_cast<std::uint32_t>(trace_->steps.size() - 1);
}

Value Evaluator::value(NodeId id) {
  if (error_) return Value();
  if (!trace_) {
    const ExprNode& n = p_.pool[id];
    if (word_value_kind(n.kind) && !n.optional) {
      const std::int64_t w = word(id);
      return error_ ? Value() : word_to_value(n.kind, w);
    }
    return generic(id);
  }
  const std::uint32_t step = push_step(TraceStep::Kind::Expr, id, 0);
  const std::uint32_t saved = parent_;
  parent_ = step;
  Value v = generic(id);
  parent_ = saved;
  trace_->steps[step].value = v;
  return v;
}

const CaseData* Evaluator::resolve(Index case_type, const Value& ref, NodeId at) {
  if (error_) return nullptr;
  if (ref.is_absent()) return fail(at, "no case to read from"), nullptr;
  if (env_.self && env_.self->id == ref.as_text()) return env_.self;
  const CaseData* c = env_.cases ? env_.cases->find(case_type, ref.as_text()) : nullptr;
  if (!c) fail(at, fmt::format("case '{}' not found", ref.as_text()));
  return c;
}

const CaseData* Evaluator::case_of(NodeId id, Index case_type) {
  if (error_) return nullptr;
  const ExprNode& n = p_.pool[id];
  switch (n.op) {
    case Op::This:
      if (!env_.self) fail(id, "'this' is only known inside a command");
      return env_.self;
    case Op::LocalCase: return frame_.cases[n.a];
    case Op::Member:
      // A ref held in a field (`a.project`): read it where it is, without copying the id.
      if (!trace_ && static_cast<MemberKind>(n.aux) == MemberKind::Field) {
        const CaseData* holder = case_of(n.a, n.c);
        if (!holder) return nullptr;
        const Value& ref = holder->fields[n.b];
        if (ref.is_absent()) return member(n), nullptr;  // reports it
        return resolve(case_type, ref, id);
      }
      [[fallthrough]];
    default: {
      Value ref = value(id);
      return resolve(case_type, ref, id);
    }
  }
}

Value Evaluator::member(const ExprNode& n) {
  const CaseData* c = case_of(n.a, n.c);
  if (!c) return Value();
  const CaseTypeSpec& type = p_.case_types[c->case_type];
  switch (static_cast<MemberKind>(n.aux)) {
    case MemberKind::Field: {
      const Value& v = c->fields[n.b];
      if (v.is_absent() && !n.optional)
        return fail(n.a, fmt::format("field '{}' of {} is not set", type.fields[n.b].name, c->id));
      return v;
    }
    case MemberKind::Counter: return Value::integer(c->counters[n.b]);
    case MemberKind::Party: {
      const std::string& user = c->parties[n.b];
      if (user.empty()) return fail(n.a, fmt::format("party '{}' of {} is not set", type.parties[n.b].name, c->id));
      return Value::text(user);
    }
    case MemberKind::Document: return c->documents[n.b] ? Value::boolean(true) : Value();
  }
  return Value();
}

Value Evaluator::generic(NodeId id) {
  const ExprNode& n = p_.pool[id];
  switch (n.op) {
    case Op::Const: return p_.pool.constants[n.a];
    case Op::Param: return p_.param_values[n.a];
    case Op::Let: return p_.let_values[n.a];
    case Op::Local: return frame_.values[n.a];
    case Op::LocalCase: {
      const CaseData* c = frame_.cases[n.a];
      return c ? Value::ref(c->id) : Value();
    }
    case Op::This: return env_.self ? Value::ref(env_.self->id) : fail(id, "'this' is only known inside a command");
    case Op::Now: return env_.now.is_absent() ? fail(id, "'now' is not known here") : env_.now;
    case Op::Actor: return Value::text(env_.actor);
    case Op::Input: {
      if (!env_.inputs || n.a >= env_.inputs->size()) return fail(id, "inputs are only known inside a command");
      const Value& v = (*env_.inputs)[n.a];
      if (v.is_absent() && !n.optional) return fail(id, fmt::format("input '{}' is missing", p_.text(id)));
      return v;
    }
    case Op::Member: return member(n);
    case Op::Present: {
      Value v = value(n.a);
      return error_ ? Value() : Value::boolean(!v.is_absent());
    }
    case Op::Reached: {
      const CaseData* c = case_of(n.a, n.c);
      if (!c) return Value();
      const auto& min = p_.case_types[n.c].counters[n.b].min;
      return Value::boolean(c->counters[n.b] >= min.value_or(0));
    }
    case Op::Not: {
      Value v = value(n.a);
      return error_ ? Value() : Value::boolean(!v.as_bool());
    }
    case Op::Neg: {
      Value v = value(n.a);
      if (error_) return Value();
      if (v.kind() == ValueKind::Number) return Value::number(-v.as_number());
      if (v.as_int() == INT64_MIN) return fail(id, "number too large");
      return word_to_value(v.kind(), -v.as_int());
    }
    case Op::And: {
      if (!value(n.a).as_bool() || error_) return error_ ? Value() : Value::boolean(false);
      Value b = value(n.b);
      return error_ ? Value() : Value::boolean(b.as_bool());
    }
    case Op::Or: {
      Value a = value(n.a);
      if (error_) return Value();
      if (a.as_bool()) return Value::boolean(true);
      Value b = value(n.b);
      return error_ ? Value() : Value::boolean(b.as_bool());
    }
    case Op::Compare: return compare_values(n);
    case Op::InList: {
      Value x = value(n.a), list = value(n.b);
      if (error_) return Value();
      bool found = false;
      for (const Value& item : list.items()) found = found || item == x;
      return Value::boolean(found != (n.aux == 1));
    }
    case Op::InRange: {
      Value x = value(n.a), lo = value(n.b), hi = value(n.c);
      if (error_) return Value();
      const bool inside = compare(lo, x) <= 0 && compare(x, hi) <= 0;
      return Value::boolean(inside != (n.aux == 1));
    }
    case Op::Coalesce: {
      Value a = value(n.a);
      if (error_) return Value();
      return a.is_absent() ? value(n.b) : a;
    }
    case Op::Arith: return arith_values(n);
    case Op::If: {
      Value c = value(n.a);
      if (error_) return Value();
      return c.as_bool() ? value(n.b) : value(n.c);
    }
    case Op::List: {
      std::vector<Value> items;
      for (NodeId i = 0; i < n.c; ++i) items.push_back(value(p_.pool.lists[n.b + i]));
      if (error_) return Value();
      return n.aux == 1 ? Value::set(std::move(items)) : Value::list(std::move(items));
    }
    case Op::CallRule: return call_rule_node(n);
    case Op::CallTable: return table_node(n);
    case Op::Builtin: return builtin(n);
    case Op::Cohort: {
      // A cohort is named EDITION/COHORT, and the case it is read from EDITION/TYPE/ID.
      if (!env_.self) return fail(id, fmt::format("the cohort '{}' is only known inside a case", p_.case_types[n.a].name));
      const std::string& own = env_.self->id;
      return Value::ref(own.substr(0, own.find('/')) + "/" + p_.case_types[n.a].name);
    }
  }
  return fail(id, "unknown operation");
}

Value Evaluator::call_rule_node(const ExprNode& n) {
  const RuleSpec& rule = p_.rules[n.a];
  std::vector<Value> args;
  for (NodeId i = 0; i < n.c; ++i) {
    const NodeId arg = p_.pool.lists[n.b + i];
    if (rule.formals[i].is_case) {
      const CaseData* c = case_of(arg, rule.formals[i].case_type);
      args.push_back(c ? Value::ref(c->id) : Value());
    } else {
      args.push_back(value(arg));
    }
  }
  if (error_) return Value();
  return call_rule(n.a, args, kNoNode);
}

Value Evaluator::call_rule(Index index, const std::vector<Value>& args, NodeId call) {
  const RuleSpec& rule = p_.rules[index];
  if (rule.body == kNoNode) return fail(call, fmt::format("rule '{}' has no body", rule.name));
  FrameValues frame_values(rule.value_slots);
  Value* values = frame_values.data();
  constexpr std::size_t kInline = 4;
  std::array<const CaseData*, kInline> inline_cases;  // every slot used is set below
  std::vector<const CaseData*> heap_cases;
  const CaseData** cases = inline_cases.data();
  if (rule.case_slots > kInline) heap_cases.resize(rule.case_slots), cases = heap_cases.data();
  for (std::size_t i = 0; i < rule.formals.size() && i < args.size(); ++i) {
    const Formal& f = rule.formals[i];
    if (f.is_case) {
      cases[f.slot] = resolve(f.case_type, args[i], call);
    } else {
      values[f.slot] = args[i];
    }
  }
  if (error_) return Value();
  std::uint32_t step = kNoParent, saved_parent = parent_;
  if (trace_) {
    step = push_step(TraceStep::Kind::Rule, call, index);
    trace_->steps[step].args = args;
    parent_ = step;
  }
  const Frame saved = frame_;
  frame_ = Frame{values, cases};
  Value result = value(rule.body);
  frame_ = saved;
  if (trace_) {
    trace_->steps[step].value = result;
    parent_ = saved_parent;
  }
  return result;
}

}  // namespace mentorflow::dsl::detail
