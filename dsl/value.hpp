#pragma once
// Runtime values of the language: what fields, inputs, parameters and rule results hold. A value
// knows its kind; scalars (int, bool, date, duration, cefr, enum index, datetime instant) live in
// one 64-bit word and copy without allocating; text, lists and names live on the heap.
// JSON forms (how commands arrive and state is stored) are in value_json.hpp and documented in
// docs/LANGUAGE.md, "Values as JSON". Not thread-safe to mutate; const values may be shared.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/time/duration.hpp"

namespace mentorflow::dsl {

enum class ValueKind : std::uint8_t { Absent, Bool, Int, Number, Text, Date, DateTime, Duration, Cefr, Enum, List, Set, Ref };

// "A1".."C2" as 0..5, and back.
int cefr_level(std::string_view text);  // -1 when not a level
std::string_view cefr_name(int level);

class Value {
 public:
  Value() = default;  // absent: an optional with nothing in it, or a field never set
  ~Value() { if (heap_ && owns_heap()) release(); }
  Value(const Value& other)
      : kind_(other.kind_), i_(other.i_), heap_(other.heap_ && other.owns_heap() ? clone(*other.heap_) : other.heap_) {}
  Value(Value&& other) noexcept : kind_(other.kind_), i_(other.i_), heap_(std::exchange(other.heap_, nullptr)) {}
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;

  static Value boolean(bool b) { return Value(ValueKind::Bool, b ? 1 : 0); }
  static Value integer(std::int64_t i) { return Value(ValueKind::Int, i); }
  static Value number(double d);
  static Value text(std::string s);
  static Value date(std::int64_t days_since_1970) { return Value(ValueKind::Date, days_since_1970); }
  // An instant (UTC microseconds since 1970) with the IANA zone it is read in ("Europe/Rome").
  static Value datetime(std::int64_t utc_micros, std::string zone);
  // A duration, which must fit (dsl/time/duration.hpp): calendar days and elapsed seconds.
  static Value duration(const Duration& d) { return Value(ValueKind::Duration, duration_word(d)); }
  static Value cefr(int level) { return Value(ValueKind::Cefr, level); }
  static Value enumeration(int index, std::string name);
  static Value list(std::vector<Value> items);
  static Value set(std::vector<Value> items);  // sorted, duplicates dropped
  static Value ref(std::string case_id);

  ValueKind kind() const { return kind_; }
  bool is_absent() const { return kind_ == ValueKind::Absent; }

  // The 64-bit word: bool 0/1, int, date days, datetime micros, duration packed (use
  // as_duration), cefr level, enum index. Number: its value truncated (use as_number).
  std::int64_t as_int() const { return kind_ == ValueKind::Number ? static_cast<std::int64_t>(d_) : i_; }
  bool as_bool() const { return i_ != 0; }
  Duration as_duration() const { return duration_of_word(i_); }
  double as_number() const { return kind_ == ValueKind::Number ? d_ : static_cast<double>(i_); }
  // Text: the text; Enum: the value's name; Ref: the case id; DateTime: the zone name.
  const std::string& as_text() const;
  // List/Set: the items (empty for other kinds).
  const std::vector<Value>& items() const;

  // As a designer writes it: 6, 1.5, B2, bachelor, 90min, 2025-09-01, 2021-10-07 12:30 Europe/Rome,
  // [it, en]; text as is at the top level and quoted inside lists; "absent" for absent.
  std::string display() const;

  // Same kind family and same value (an int equals the number with its value).
  friend bool operator==(const Value& a, const Value& b);
  // A total order used for sets and table analysis: by kind, then by value.
  friend int compare(const Value& a, const Value& b);

 private:
  struct Heap;
  Value(ValueKind kind, std::int64_t i) : kind_(kind), i_(i) {}
  static Heap* clone(const Heap& heap);
  // The interned, never freed block holding `name` (enum value names and zone names: few, shared by
  // every value that has them, so copying such a value allocates nothing).
  static Heap* interned(std::string name);
  bool owns_heap() const { return kind_ != ValueKind::Enum && kind_ != ValueKind::DateTime; }
  void release();

  ValueKind kind_ = ValueKind::Absent;
  union {
    std::int64_t i_ = 0;
    double d_;
  };
  Heap* heap_ = nullptr;  // Text, Ref: text, owned; List, Set: items, owned; Enum, DateTime: interned name
};

}  // namespace mentorflow::dsl
