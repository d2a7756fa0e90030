// field_reads: the fields of the case an expression reads, through rule calls. A rule is walked
// again for each way its case parameters are bound to the case (rules may not recurse, so this
// ends; `seen` keeps a rule called twice alike from being walked twice).
#include "dsl/check/field_reads.hpp"

#include <set>
#include <utility>

namespace mentorflow::dsl::detail {

namespace {

class Walk {
 public:
  explicit Walk(const Program& p) : p_(p) {}

  // `bound[slot]`: the rule's case parameter `slot` is the case (empty outside a rule: `This` is).
  void node(NodeId id, const std::vector<bool>* bound, std::optional<Index> rule) {
    if (id == kNoNode) return;
    const ExprNode& n = p_.pool[id];
    switch (n.op) {
      case Op::Member:
        if (static_cast<MemberKind>(n.aux) == MemberKind::Field && is_the_case(n.a, bound)) {
          if (read_nodes_.insert(id).second) out.push_back(FieldRead{n.b, id, rule});
          return;
        }
        return node(n.a, bound, rule);
      case Op::Present:
      case Op::Reached:
      case Op::Not:
      case Op::Neg: return node(n.a, bound, rule);
      case Op::And:
      case Op::Or:
      case Op::Compare:
      case Op::InList:
      case Op::Coalesce:
      case Op::Arith: node(n.a, bound, rule), node(n.b, bound, rule); return;
      case Op::InRange:
      case Op::If: node(n.a, bound, rule), node(n.b, bound, rule), node(n.c, bound, rule); return;
      case Op::List:
      case Op::CallTable:
      case Op::Builtin:
        for (NodeId i = 0; i < n.c; ++i) node(p_.pool.lists[n.b + i], bound, rule);
        return;
      case Op::CallRule: return call(n, bound, rule);
      default: return;  // constants, inputs, `now`, `actor`, `this` itself: no field read
    }
  }

  // The body of rule `rule` with only case formal `formal` bound to the case.
  void rule_body(Index rule, Index formal) {
    const RuleSpec& r = p_.rules[rule];
    if (r.body == kNoNode || formal >= r.formals.size() || !r.formals[formal].is_case) return;
    std::vector<bool> bound(r.case_slots, false);
    bound[r.formals[formal].slot] = true;
    node(r.body, &bound, rule);
  }

  std::vector<FieldRead> out;

 private:
  bool is_the_case(NodeId id, const std::vector<bool>* bound) const {
    const ExprNode& n = p_.pool[id];
    if (n.op == Op::This) return bound == nullptr;
    return n.op == Op::LocalCase && bound && n.a < bound->size() && (*bound)[n.a];
  }

  void call(const ExprNode& n, const std::vector<bool>* bound, std::optional<Index> rule) {
    const RuleSpec& r = p_.rules[n.a];
    std::vector<bool> inner(r.case_slots, false);
    bool any = false;
    for (NodeId i = 0; i < n.c && i < r.formals.size(); ++i) {
      const NodeId arg = p_.pool.lists[n.b + i];
      if (r.formals[i].is_case && is_the_case(arg, bound)) inner[r.formals[i].slot] = any = true;
      else node(arg, bound, rule);
    }
    // The outermost rule names the read: it is the one the command calls.
    if (any && r.body != kNoNode && seen_.insert({n.a, inner}).second) node(r.body, &inner, rule ? rule : std::optional<Index>(n.a));
  }

  const Program& p_;
  std::set<NodeId> read_nodes_;
  std::set<std::pair<Index, std::vector<bool>>> seen_;
};

}  // namespace

std::vector<FieldRead> field_reads(const Program& program, NodeId node) {
  Walk walk(program);
  walk.node(node, nullptr, std::nullopt);
  return std::move(walk.out);
}

std::vector<FieldRead> rule_field_reads(const Program& program, Index rule, Index formal) {
  Walk walk(program);
  walk.rule_body(rule, formal);
  return std::move(walk.out);
}

}  // namespace mentorflow::dsl::detail
