// Operators, built-in functions and tables on Values: the generic half of the evaluator.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "dsl/eval/evaluator.hpp"
#include "dsl/text.hpp"
#include "dsl/time/calendar.hpp"
#include "dsl/time/civil_time.hpp"
#include "dsl/time/time_text.hpp"
#include "dsl/time/time_zone.hpp"

namespace mentorflow::dsl::detail {

namespace {

std::int64_t utf8_length(const std::string& s) {
  std::int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// `s` without white space at either end (dsl/text.hpp: Unicode's, as a reason pasted from a web
// form may be nothing but U+00A0); `s` is UTF-8 (every text value is).
std::string trimmed(const std::string& s) {
  std::size_t first = s.size(), last = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? lead : lead & (0x7F >> n);
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (!is_white_space(c)) {
      first = std::min(first, i);
      last = i + n;
    }
    i += n;
  }
  return first < last ? s.substr(first, last - first) : std::string();
}

}  // namespace

Value Evaluator::compare_values(const ExprNode& n) {
  Value a = value(n.a), b = value(n.b);
  if (error_) return Value();
  return Value::boolean(compare_holds(static_cast<CmpOp>(n.aux), compare(a, b), 0));
}

Value Evaluator::arith_values(const ExprNode& n) {
  const NodeId id = static_cast<NodeId>(&n - p_.pool.nodes.data());
  Value a = value(n.a), b = value(n.b);
  if (error_) return Value();
  const std::int64_t x = a.as_int(), y = b.as_int();
  std::int64_t r = 0;
  auto overflow = [&] { return fail(id, "number too large"); };
  auto number = [&](double d) { return std::isfinite(d) ? Value::number(d) : fail(id, "number too large"); };
  // A date moves by whole days: the calendar days and any whole days of elapsed time.
  auto whole_days = [&](const Duration& d) -> std::optional<std::int64_t> {
    if (d.seconds % kSecondsPerDay != 0) {
      fail(id, fmt::format("dates move by whole days, not by {}", format_duration(d)));
      return std::nullopt;
    }
    return d.days + d.seconds / kSecondsPerDay;
  };
  auto duration = [&](std::optional<Duration> d) {
    return d && fits(*d) ? Value::duration(*d) : fail(id, "duration too large");
  };
  auto moved = [&](const Duration& d) {  // a date-time moved in the calendar (dsl/time/calendar.hpp)
    auto at = add_duration(x, d, calendar_zone(p_.zone, a.as_text()));
    return at ? Value::datetime(*at, a.as_text()) : fail(id, "date-time out of range");
  };
  switch (static_cast<ArithOp>(n.aux)) {
    case ArithOp::AddInt: return __builtin_add_overflow(x, y, &r) ? overflow() : Value::integer(r);
    case ArithOp::SubInt: return __builtin_sub_overflow(x, y, &r) ? overflow() : Value::integer(r);
    case ArithOp::MulInt: return __builtin_mul_overflow(x, y, &r) ? overflow() : Value::integer(r);
    case ArithOp::DivInt:
      return y == 0 ? fail(id, "division by zero") : number(static_cast<double>(x) / static_cast<double>(y));
    case ArithOp::ModInt:
      if (y == 0) return fail(id, "division by zero");
      return y == -1 ? Value::integer(0) : Value::integer(x % y);
    case ArithOp::AddNum: return number(a.as_number() + b.as_number());
    case ArithOp::SubNum: return number(a.as_number() - b.as_number());
    case ArithOp::MulNum: return number(a.as_number() * b.as_number());
    case ArithOp::DivNum: return b.as_number() == 0 ? fail(id, "division by zero") : number(a.as_number() / b.as_number());
    case ArithOp::AddDur: return duration(add(a.as_duration(), b.as_duration()));
    case ArithOp::SubDur: return duration(subtract(a.as_duration(), b.as_duration()));
    case ArithOp::MulDurNum: return duration(scale(a.as_duration(), b.as_number()));
    case ArithOp::MulNumDur: return duration(scale(b.as_duration(), a.as_number()));
    case ArithOp::DivDurNum:
      return b.as_number() == 0 ? fail(id, "division by zero") : duration(scale(a.as_duration(), 1.0 / b.as_number()));
    case ArithOp::DivDurDur: {
      const std::int64_t lx = nominal_seconds(a.as_duration()), ly = nominal_seconds(b.as_duration());
      return ly == 0 ? fail(id, "division by zero") : number(static_cast<double>(lx) / static_cast<double>(ly));
    }
    case ArithOp::AddDateDur:
      if (auto d = whole_days(b.as_duration())) return Value::date(x + *d);
      return Value();
    case ArithOp::SubDateDur:
      if (auto d = whole_days(b.as_duration())) return Value::date(x - *d);
      return Value();
    case ArithOp::SubDateDate: return duration(Duration{x - y, 0});
    case ArithOp::AddDtDur: return moved(b.as_duration());
    case ArithOp::SubDtDur: return moved(negate(b.as_duration()));
    case ArithOp::SubDtDt: return duration(duration_between(y, x, calendar_zone(p_.zone, a.as_text())));
    case ArithOp::Concat: return Value::text(a.as_text() + b.as_text());
  }
  return fail(id, "unknown operation");
}

Value Evaluator::builtin(const ExprNode& n) {
  const NodeId id = static_cast<NodeId>(&n - p_.pool.nodes.data());
  std::vector<Value> args;
  for (NodeId i = 0; i < n.c; ++i) args.push_back(value(p_.pool.lists[n.b + i]));
  if (error_) return Value();
  auto extreme = [&](const std::vector<Value>& items, bool want_max) {
    if (items.empty()) return fail(id, fmt::format("{} of an empty list", want_max ? "max" : "min"));
    const Value* best = &items.front();
    for (const Value& v : items)
      if (want_max ? compare(v, *best) > 0 : compare(v, *best) < 0) best = &v;
    return *best;
  };
  switch (static_cast<Builtin>(n.aux)) {
    case Builtin::Count: return Value::integer(static_cast<std::int64_t>(args[0].items().size()));
    case Builtin::Len:
      if (args[0].kind() == ValueKind::Text) return Value::integer(utf8_length(args[0].as_text()));
      return Value::integer(static_cast<std::int64_t>(args[0].items().size()));
    case Builtin::Min: return extreme(args, false);
    case Builtin::Max: return extreme(args, true);
    case Builtin::MinList: return extreme(args[0].items(), false);
    case Builtin::MaxList: return extreme(args[0].items(), true);
    case Builtin::Sum: {
      if (n.kind == ValueKind::Number) {
        double s = 0;
        for (const Value& v : args[0].items()) s += v.as_number();
        return std::isfinite(s) ? Value::number(s) : fail(id, "number too large");
      }
      if (n.kind == ValueKind::Duration) {
        std::optional<Duration> s = Duration{};
        for (const Value& v : args[0].items())
          if (s) s = add(*s, v.as_duration());
        return s ? Value::duration(*s) : fail(id, "duration too large");
      }
      std::int64_t s = 0;
      for (const Value& v : args[0].items())
        if (__builtin_add_overflow(s, v.as_int(), &s)) return fail(id, "number too large");
      return Value::integer(s);
    }
    case Builtin::DaysBetween: return Value::integer(args[1].as_int() - args[0].as_int());
    case Builtin::WeeksBetween: return Value::integer((args[1].as_int() - args[0].as_int()) / 7);
    case Builtin::Trim: return Value::text(trimmed(args[0].as_text()));
    case Builtin::StartOfDay: {
      const std::string zone = edition_zone(p_);
      return Value::datetime(start_of_day(args[0].as_int(), zone), zone);
    }
    case Builtin::DateOf: return Value::date(local_day(args[0].as_int(), args[0].as_text()));
  }
  return fail(id, "unknown function");
}

Value Evaluator::table_node(const ExprNode& n) {
  std::vector<Value> args;
  for (NodeId i = 0; i < n.c; ++i) args.push_back(value(p_.pool.lists[n.b + i]));
  if (error_) return Value();
  return call_table(n.a, std::move(args), static_cast<NodeId>(&n - p_.pool.nodes.data()));
}

namespace {

std::string describe_inputs(const TableSpec& t, const std::vector<Value>& args) {
  std::string s;
  for (std::size_t i = 0; i < t.formals.size() && i < args.size(); ++i)
    s += fmt::format("{}{} = {}", i ? ", " : "", t.formals[i].name, args[i].display());
  return s;
}

}  // namespace

Value Evaluator::call_table(Index index, std::vector<Value> args, NodeId call) {
  const TableSpec& t = p_.tables[index];
  std::vector<std::uint32_t> hits;
  for (std::uint32_t r = 0; r < t.rows.size(); ++r) {
    const TableRowSpec& row = t.rows[r];
    bool match = true;
    for (std::size_t c = 0; c < row.cells.size() && match; ++c) match = cell_matches(row.cells[c], args[c]);
    if (!match) continue;
    hits.push_back(r);
    if (t.policy == HitPolicy::First || (t.policy == HitPolicy::Unique && hits.size() > 1)) break;
  }
  std::uint32_t step = kNoParent, saved_parent = parent_;
  if (trace_) {
    step = push_step(TraceStep::Kind::Table, call, index);
    trace_->steps[step].args = args;
    trace_->steps[step].rows = hits;
    parent_ = step;
  }
  const bool needs_one = t.policy == HitPolicy::Unique || t.policy == HitPolicy::First ||
                         t.policy == HitPolicy::CollectMin || t.policy == HitPolicy::CollectMax;
  Value result;
  if (needs_one && hits.empty()) {
    fail(call, fmt::format("no row of table '{}' matches {}", t.name, describe_inputs(t, args)));
  } else if (t.policy == HitPolicy::Unique && hits.size() > 1) {
    fail(call, fmt::format("rows {} and {} of table '{}' both match {}", hits[0] + 1, hits[1] + 1, t.name,
                           describe_inputs(t, args)));
  } else if (t.policy == HitPolicy::CollectCount) {
    result = Value::integer(static_cast<std::int64_t>(hits.size()));
  } else {
    const Frame saved = frame_;
    frame_ = Frame{args.data(), nullptr};
    std::vector<Value> outputs;
    for (std::uint32_t r : hits) outputs.push_back(value(t.rows[r].output));
    frame_ = saved;
    if (!error_) {
      switch (t.policy) {
        case HitPolicy::Unique:
        case HitPolicy::First: result = outputs.front(); break;
        case HitPolicy::Collect: result = Value::list(std::move(outputs)); break;
        case HitPolicy::CollectMin:
        case HitPolicy::CollectMax: {
          const bool want_max = t.policy == HitPolicy::CollectMax;
          result = outputs.front();
          for (const Value& v : outputs)
            if (want_max ? compare(v, result) > 0 : compare(v, result) < 0) result = v;
          break;
        }
        case HitPolicy::CollectSum: {
          const ValueKind kind = value_kind(t.output);
          if (kind == ValueKind::Number) {
            double s = 0;
            for (const Value& v : outputs) s += v.as_number();
            result = Value::number(s);
          } else if (kind == ValueKind::Duration) {
            std::optional<Duration> s = Duration{};
            for (const Value& v : outputs)
              if (s) s = add(*s, v.as_duration());
            if (s) result = Value::duration(*s);
            else fail(call, "duration too large");
          } else {
            std::int64_t s = 0;
            for (const Value& v : outputs)
              if (__builtin_add_overflow(s, v.as_int(), &s)) fail(call, "number too large");
            result = Value::integer(s);
          }
          break;
        }
        case HitPolicy::CollectCount: break;
      }
    }
  }
  if (trace_) {
    trace_->steps[step].value = error_ ? Value() : result;
    parent_ = saved_parent;
  }
  return error_ ? Value() : result;
}

}  // namespace mentorflow::dsl::detail
