// Decision tables: rows and cells, and the analysis of `unique` overlaps and uncovered inputs by
// enumerating every input that can make a difference (docs/LANGUAGE.md, "Decision tables").
#include <algorithm>

#include "dsl/check/check_messages.hpp"
#include "dsl/check/check_passes.hpp"
#include "dsl/eval/eval.hpp"
#include "dsl/eval/shown_value.hpp"

namespace mentorflow::dsl::detail {

namespace {

// Cells of one column compared with values of `column`: reports incompatible values.
bool comparable(World& w, const Type& column, const Typed& v, bool ordering) {
  if (v.type.is_error() || column.is_error()) return false;
  Type t = common_type(column, v.type);
  if (t.is_error()) {
    w.report.error(v.span, msg::kCannotCompare, column.to_string(), v.type.to_string());
    return false;
  }
  if (ordering && !is_ordered(t)) {
    w.report.error(v.span, msg::kNoOrder, "<", t.to_string());
    return false;
  }
  return true;
}

CellSpec check_cell(World& w, ExprChecker& ec, const Type& column, const ast::Cell& cell) {
  CellSpec spec;
  if (const auto* any = boost::get<ast::AnyCell>(&cell)) {
    spec.span = any->span;
    return spec;
  }
  const ast::Expression* e = nullptr;
  ast::Op op = ast::Op::Eq;
  if (const auto* c = boost::get<ast::CompareCell>(&cell)) {
    e = &c->value, op = c->op, spec.span = c->span;
  } else {
    e = &boost::get<ast::Expression>(cell), spec.span = e->span;
  }
  const Type list_of_column = Type::wrap(TypeKind::List, column);
  Typed v = ec.check(*e, op == ast::Op::In || op == ast::Op::NotIn ? &list_of_column : &column);
  bool ok = !v.type.is_error();
  if (v.type.is(TypeKind::Range) && (op == ast::Op::Eq || op == ast::Op::In || op == ast::Op::NotIn)) {
    spec.kind = op == ast::Op::NotIn ? CellKind::NotIn : CellKind::In;
    spec.range = true;
    spec.value = v.node, spec.hi = v.hi;
    ok = ok && comparable(w, column, Typed{v.node, v.type.element(), kNoNode, v.span}, true);
    ok = ok && ec.require_constant(v.node) && ec.require_constant(v.hi);
  } else if (op == ast::Op::In || op == ast::Op::NotIn) {
    spec.kind = op == ast::Op::In ? CellKind::In : CellKind::NotIn;
    spec.value = v.node;
    if (ok && !v.type.is(TypeKind::List) && !v.type.is(TypeKind::Set)) {
      w.report.error(v.span, msg::kNotAContainer, v.type.to_string());
      ok = false;
    }
    if (ok && !v.type.element().is(TypeKind::Any))
      ok = comparable(w, column, Typed{v.node, v.type.element(), kNoNode, v.span}, false);
    ok = ok && ec.require_constant(v.node);
  } else {
    spec.kind = CellKind::Compare;
    spec.value = v.node;
    switch (op) {
      case ast::Op::Ne: spec.op = CmpOp::Ne; break;
      case ast::Op::Lt: spec.op = CmpOp::Lt; break;
      case ast::Op::Le: spec.op = CmpOp::Le; break;
      case ast::Op::Gt: spec.op = CmpOp::Gt; break;
      case ast::Op::Ge: spec.op = CmpOp::Ge; break;
      default: spec.op = CmpOp::Eq; break;
    }
    if (v.type.is(TypeKind::Range) || v.type.is(TypeKind::Optional)) {
      ec.fitting(*e, column);  // reports the misuse
      ok = false;
    }
    ok = ok && comparable(w, column, v, spec.op != CmpOp::Eq && spec.op != CmpOp::Ne);
    ok = ok && ec.require_constant(v.node);
  }
  if (!ok) spec.value = kNoNode;
  return spec;
}

}  // namespace

void check_table_rows(World& w, Index index, const ast::TableDecl& decl, bool lets) {
  Scope cell_scope;
  cell_scope.lets = lets;
  ExprChecker cells(w, cell_scope);
  Scope out_scope;
  out_scope.formals = &w.program.tables[index].formals;
  out_scope.lets = lets;
  ExprChecker outputs(w, out_scope);
  std::vector<TableRowSpec> rows;
  const std::size_t inputs = w.program.tables[index].formals.size();
  for (const ast::TableRow& row : decl.rows) {
    TableRowSpec spec;
    spec.span = row.span;
    spec.line = w.report.line(row.span);
    if (row.cells.size() != inputs) {
      w.report.error(row.span, msg::kRowCells, row.cells.size(), decl.name.name, inputs);
    } else {
      for (std::size_t c = 0; c < inputs; ++c)
        spec.cells.push_back(check_cell(w, cells, w.program.tables[index].formals[c].type, row.cells[c]));
    }
    spec.output = outputs.fitting(row.output, w.program.tables[index].output);
    rows.push_back(std::move(spec));
  }
  w.program.tables[index].rows = std::move(rows);
}

bool compute_cells(World& w, TableSpec& table) {
  bool known = true;
  for (TableRowSpec& row : table.rows) {
    if (row.cells.size() != table.formals.size()) return false;
    for (CellSpec& cell : row.cells) {
      if (cell.kind == CellKind::Any) continue;
      if (cell.value == kNoNode) return false;
      auto v = evaluate_constant(w, cell.value);
      auto hi = cell.hi == kNoNode ? std::optional<Value>(Value()) : evaluate_constant(w, cell.hi);
      if (!v || !hi || v->is_absent() || (cell.hi != kNoNode && hi->is_absent())) {
        known = false;
        continue;
      }
      cell.constant = std::move(*v);
      cell.constant_hi = std::move(*hi);
    }
  }
  return known;
}

namespace {

constexpr std::size_t kMaxInputs = 200000;  // enumerations larger than this are not analysed

// The values of one column that can make a difference: every value of a finite type; around
// each constant of the cells for the others.
std::optional<std::vector<Value>> candidates(const TableSpec& t, std::size_t column) {
  const Type& type = t.formals[column].type;
  const Type& base = type.is(TypeKind::Optional) ? type.element() : type;
  std::vector<Value> out;
  if (type.is(TypeKind::Optional)) out.emplace_back();
  switch (base.kind) {
    case TypeKind::Bool: out.push_back(Value::boolean(false)), out.push_back(Value::boolean(true)); return out;
    case TypeKind::Cefr:
      for (int l = 0; l < 6; ++l) out.push_back(Value::cefr(l));
      return out;
    case TypeKind::Enum:
      for (std::size_t i = 0; i < base.values.size(); ++i) out.push_back(Value::enumeration(static_cast<int>(i), base.values[i]));
      return out;
    default: break;
  }
  std::vector<Value> constants;
  for (const TableRowSpec& row : t.rows) {
    const CellSpec& c = row.cells[column];
    if (c.kind == CellKind::Any) continue;
    if ((c.kind == CellKind::In || c.kind == CellKind::NotIn) && !c.range) {
      for (const Value& v : c.constant.items()) constants.push_back(v);
    } else {
      constants.push_back(c.constant);
      if (c.range) constants.push_back(c.constant_hi);
    }
  }
  std::sort(constants.begin(), constants.end(), [](const Value& a, const Value& b) { return compare(a, b) < 0; });
  constants.erase(std::unique(constants.begin(), constants.end()), constants.end());
  auto shifted = [](const Value& v, std::int64_t by) -> Value {
    switch (v.kind()) {
      case ValueKind::Int: return Value::integer(v.as_int() + by);
      case ValueKind::Date: return Value::date(v.as_int() + by);
      case ValueKind::Duration: {  // a second either side; calendar days kept
        const Duration d = v.as_duration();
        return Value::duration({d.days, d.seconds + by});
      }
      case ValueKind::DateTime: return Value::datetime(v.as_int() + by, v.as_text());
      default: return v;
    }
  };
  switch (base.kind) {
    case TypeKind::Int:
    case TypeKind::Date:
    case TypeKind::Duration:
    case TypeKind::DateTime:
      if (constants.empty()) {
        out.push_back(base.is(TypeKind::Int)        ? Value::integer(0)
                      : base.is(TypeKind::Date)     ? Value::date(0)
                      : base.is(TypeKind::Duration) ? Value::duration({})
                                                    : Value::datetime(0, "UTC"));
      }
      for (const Value& c : constants) out.push_back(shifted(c, -1)), out.push_back(c), out.push_back(shifted(c, 1));
      break;
    case TypeKind::Number:
      if (constants.empty()) out.push_back(Value::number(0));
      for (std::size_t i = 0; i < constants.size(); ++i) {
        const double c = constants[i].as_number();
        if (i == 0) out.push_back(Value::number(c - 1));
        out.push_back(Value::number(c));
        out.push_back(Value::number(i + 1 < constants.size() ? (c + constants[i + 1].as_number()) / 2 : c + 1));
      }
      break;
    case TypeKind::Text: {
      out.insert(out.end(), constants.begin(), constants.end());
      std::string other = "other";
      while (std::any_of(constants.begin(), constants.end(), [&](const Value& v) { return v.as_text() == other; })) other += "_";
      out.push_back(Value::text(other));
      break;
    }
    default: return std::nullopt;  // lists, references: not analysed
  }
  return out;
}

// Input `v` of column `column` as a note shows it: a duration that a cell of the column wrote as
// a literal or a parameter as written (`14days`, docs/LANGUAGE.md "How durations are shown"),
// text in quotes, anything else as displayed.
std::string shown_input(const Program& p, const TableSpec& t, std::size_t column, const Value& v) {
  if (v.kind() == ValueKind::Text) return "\"" + v.as_text() + "\"";
  if (v.kind() != ValueKind::Duration) return v.display();
  for (const TableRowSpec& row : t.rows) {
    if (column >= row.cells.size() || row.cells[column].kind == CellKind::Any) continue;
    const CellSpec& c = row.cells[column];
    for (const auto& [node, constant] : {std::pair{c.value, &c.constant}, std::pair{c.hi, &c.constant_hi}}) {
      if (node == kNoNode || constant->kind() != ValueKind::Duration || constant->as_duration() != v.as_duration())
        continue;
      if (std::string text = written_text(p, node); !text.empty()) return text;
    }
  }
  return v.display();
}

std::string describe(const Program& p, const TableSpec& t, const std::vector<const Value*>& input) {
  std::string s;
  for (std::size_t i = 0; i < input.size(); ++i)
    s += fmt::format("{}{} = {}", i ? ", " : "", t.formals[i].name, shown_input(p, t, i, *input[i]));
  return s;
}

}  // namespace

void analyse_table(World& w, const TableSpec& t) {
  if (t.formals.empty()) return;
  std::vector<std::vector<Value>> columns;
  std::size_t total = 1;
  for (std::size_t c = 0; c < t.formals.size(); ++c) {
    auto values = candidates(t, c);
    if (!values || values->empty()) return;
    total *= values->size();
    if (total > kMaxInputs) return;
    columns.push_back(std::move(*values));
  }
  const bool report_uncovered = t.policy == HitPolicy::Unique || t.policy == HitPolicy::First ||
                                t.policy == HitPolicy::CollectMin || t.policy == HitPolicy::CollectMax;
  bool uncovered_reported = false;
  std::vector<std::pair<std::size_t, std::size_t>> overlaps_reported;
  std::vector<std::size_t> at(columns.size(), 0);
  std::vector<const Value*> input(columns.size());  // the input tried, pointing into `columns`
  for (std::size_t n = 0; n < total; ++n) {
    for (std::size_t c = 0; c < columns.size(); ++c) input[c] = &columns[c][at[c]];
    std::vector<std::size_t> hits;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      bool match = true;
      for (std::size_t c = 0; c < input.size() && match; ++c) match = cell_matches(t.rows[r].cells[c], *input[c]);
      if (match) hits.push_back(r);
    }
    if (hits.empty() && report_uncovered && !uncovered_reported) {
      w.report.warning(t.span, msg::kUncovered, t.name)
          .notes.push_back(fmt::format(fmt::runtime(msg::kNoRowMatches), describe(w.program, t, input)));
      uncovered_reported = true;
    }
    if (t.policy == HitPolicy::Unique)
      for (std::size_t i = 0; i + 1 < hits.size(); ++i)
        for (std::size_t j = i + 1; j < hits.size(); ++j) {
          const std::pair<std::size_t, std::size_t> pair{hits[i], hits[j]};
          if (std::find(overlaps_reported.begin(), overlaps_reported.end(), pair) != overlaps_reported.end()) continue;
          overlaps_reported.push_back(pair);
          w.report.error(t.rows[hits[j]].span, msg::kOverlap, hits[i] + 1, hits[j] + 1, t.name)
              .notes.push_back(fmt::format(fmt::runtime(msg::kBothMatch), describe(w.program, t, input)));
        }
    for (std::size_t c = columns.size(); c-- > 0;) {  // next input, last column fastest
      if (++at[c] < columns[c].size()) break;
      at[c] = 0;
    }
  }
}

}  // namespace mentorflow::dsl::detail
