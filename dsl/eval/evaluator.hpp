#pragma once
// Internal to dsl/eval/eval*.cpp: the evaluator behind eval.hpp. One object per evaluation; it holds
// the frame of the rule or table being evaluated and the first error met. After an error every
// result is meaningless and evaluation unwinds quickly; the caller reports error().
#include <cstdint>
#include <new>
#include <optional>
#include <string>

#include "dsl/eval/eval.hpp"

namespace mentorflow::dsl::detail {

// Word-sized kinds whose Value can be rebuilt from the word alone.
inline bool word_value_kind(ValueKind k) {
  return k == ValueKind::Bool || k == ValueKind::Int || k == ValueKind::Date || k == ValueKind::Duration ||
         k == ValueKind::Cefr;
}
// Kinds held in the 64-bit word (comparisons and arithmetic need nothing else).
inline bool word_kind(ValueKind k) {
  return word_value_kind(k) || k == ValueKind::Enum || k == ValueKind::DateTime;
}
Value word_to_value(ValueKind kind, std::int64_t w);

// The values of a rule's or table's parameters while it runs: on the stack for a few (only the
// slots in use are constructed, so a call costs no zeroing), on the heap beyond.
class FrameValues {
 public:
  explicit FrameValues(std::size_t n) : n_(n) {
    if (n_ > kInline) heap_.resize(n_);
    else
      for (std::size_t i = 0; i < n_; ++i) new (&inline_[i * sizeof(Value)]) Value();
  }
  ~FrameValues() {
    if (n_ <= kInline)
      for (std::size_t i = 0; i < n_; ++i) data()[i].~Value();
  }
  FrameValues(const FrameValues&) = delete;
  FrameValues& operator=(const FrameValues&) = delete;
  Value* data() { return n_ > kInline ? heap_.data() : std::launder(reinterpret_cast<Value*>(inline_)); }

 private:
  static constexpr std::size_t kInline = 4;
  std::size_t n_;
  alignas(Value) unsigned char inline_[kInline * sizeof(Value)];
  std::vector<Value> heap_;
};

class Evaluator {
 public:
  Evaluator(const Program& program, const EvalEnv& env, Trace* trace) : p_(program), env_(env), trace_(trace) {}

  // Every node; records a step when tracing. The reference semantics.
  Value value(NodeId id);
  // Fast paths (never traced): nodes of a word kind, and numbers (ints widened).
  std::int64_t word(NodeId id);
  double num(NodeId id);
  bool test(NodeId id) { return trace_ ? value(id).as_bool() : word(id) != 0; }
  // The case of type `case_type` a case-valued node (this, a case formal, a ref) stands for; null
  // after an error.
  const CaseData* case_of(NodeId id, Index case_type);

  // Calls with argument values already computed (case formals as refs).
  Value call_rule(Index rule, const std::vector<Value>& args, NodeId call);
  Value call_table(Index table, std::vector<Value> args, NodeId call);

  bool failed() const { return error_.has_value(); }
  const std::optional<EvalError>& error() const { return error_; }
  // Records the first error; returns an absent value for convenience.
  Value fail(NodeId node, std::string message);

 private:
  struct Frame {
    const Value* values = nullptr;
    const CaseData* const* cases = nullptr;
  };

  Value generic(NodeId id);  // every op, children through value()
  Value member(const ExprNode& n);
  Value compare_values(const ExprNode& n);
  Value arith_values(const ExprNode& n);
  Value builtin(const ExprNode& n);
  Value call_rule_node(const ExprNode& n);
  Value table_node(const ExprNode& n);
  const CaseData* resolve(Index case_type, const Value& ref, NodeId at);
  std::int64_t word_member(const ExprNode& n, NodeId id);
  std::int64_t word_arith(const ExprNode& n, NodeId id);
  std::int64_t word_call(const ExprNode& n);
  std::optional<bool> decide(const std::vector<DecisionStep>& steps);  // nullopt: take the general path
  std::uint32_t push_step(TraceStep::Kind kind, NodeId node, Index callee);

  const Program& p_;
  const EvalEnv& env_;
  Trace* trace_;
  Frame frame_;
  std::uint32_t parent_ = kNoParent;
  std::optional<EvalError> error_;
};

}  // namespace mentorflow::dsl::detail
