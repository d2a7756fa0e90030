#pragma once
// Internal to the checker: which fields of "the case" an expression reads, following rule calls
// into their bodies (a rule reads `a.year` of the case passed as `a`). The reads of
// check_unset_fields.cpp: only fields of the case itself (`year`, `this.year`, a rule's case
// parameter bound to it), not of the cases its `ref`s name.
#include <vector>

#include "dsl/model/program.hpp"

namespace mentorflow::dsl::detail {

struct FieldRead {
  Index field = 0;
  NodeId node = kNoNode;               // the Member node that reads it (its span and file)
  std::optional<Index> rule;           // the rule, called from the expression, whose body reads it
};

// The reads of the case's fields in `node`, where `This` is the case; each read node once.
std::vector<FieldRead> field_reads(const Program& program, NodeId node);

// The reads, in the body of rule `rule`, of the fields of the case passed as its argument `formal`
// (a case formal): a `match`'s `acceptable` and `score` rules read both cases of a pair. Each
// read names `rule`. None for a rule without a body.
std::vector<FieldRead> rule_field_reads(const Program& program, Index rule, Index formal);

}  // namespace mentorflow::dsl::detail
