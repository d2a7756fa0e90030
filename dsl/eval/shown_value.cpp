#include "dsl/eval/shown_value.hpp"

#include "dsl/time/written_duration.hpp"

namespace mentorflow::dsl {

namespace {

// `text` when it stands for exactly `value` (a duration written so), else value.display().
std::string as_written(const std::string& text, const Value& value) {
  return value.kind() == ValueKind::Duration && written_as(text, value.as_duration()) ? text : value.display();
}

}  // namespace

std::string written_text(const Program& program, NodeId id) {
  if (id == kNoNode || id >= program.pool.nodes.size()) return {};
  const ExprNode& n = program.pool[id];
  switch (n.op) {
    case Op::Const: {
      const Value& v = program.pool.constants[n.a];
      const std::string_view text = program.text(id);
      // A constant folded from a larger expression spans more than one literal: not written so.
      return v.kind() == ValueKind::Duration && written_as(text, v.as_duration()) ? std::string(text) : std::string();
    }
    case Op::Param: return n.a < program.params.size() ? program.params[n.a].written : std::string();
    case Op::Let: return n.a < program.lets.size() ? program.lets[n.a].written : std::string();
    default: return {};
  }
}

std::string shown_value(const Program& program, NodeId id, const Value& value) {
  return value.kind() == ValueKind::Duration ? as_written(written_text(program, id), value) : value.display();
}

std::string shown_param(const Program& program, Index param) {
  return as_written(program.params[param].written, program.param_values[param]);
}

}  // namespace mentorflow::dsl
