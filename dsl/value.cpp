#include "dsl/value.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "dsl/time/time_text.hpp"

namespace mentorflow::dsl {

struct Value::Heap {
  std::string text;
  std::vector<Value> items;
};

namespace {
constexpr std::string_view kCefr[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
const std::string kEmptyText;
const std::vector<Value> kNoItems;
}  // namespace

int cefr_level(std::string_view text) {
  for (int i = 0; i < 6; ++i)
    if (kCefr[i] == text) return i;
  return -1;
}

std::string_view cefr_name(int level) { return level >= 0 && level < 6 ? kCefr[level] : "?"; }

Value::Heap* Value::clone(const Heap& heap) { return new Heap(heap); }

Value::Heap* Value::interned(std::string name) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::unique_ptr<Heap>> names;
  std::lock_guard lock(mutex);
  auto& slot = names[name];
  if (!slot) slot = std::make_unique<Heap>(Heap{std::move(name), {}});
  return slot.get();
}
void Value::release() { delete heap_; }

Value& Value::operator=(const Value& other) {
  if (this != &other) *this = Value(other);
  return *this;
}

Value& Value::operator=(Value&& other) noexcept {
  if (this != &other) {
    if (heap_ && owns_heap()) release();
    kind_ = other.kind_;
    i_ = other.i_;
    heap_ = std::exchange(other.heap_, nullptr);
  }
  return *this;
}

Value Value::number(double d) {
  Value v(ValueKind::Number, 0);
  v.d_ = d;
  return v;
}

Value Value::text(std::string s) {
  Value v(ValueKind::Text, 0);
  v.heap_ = new Heap{std::move(s), {}};
  return v;
}

Value Value::datetime(std::int64_t utc_micros, std::string zone) {
  Value v(ValueKind::DateTime, utc_micros);
  v.heap_ = interned(std::move(zone));
  return v;
}

Value Value::enumeration(int index, std::string name) {
  Value v(ValueKind::Enum, index);
  v.heap_ = interned(std::move(name));
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v(ValueKind::List, 0);
  v.heap_ = new Heap{{}, std::move(items)};
  return v;
}

Value Value::set(std::vector<Value> items) {
  std::sort(items.begin(), items.end(), [](const Value& a, const Value& b) { return compare(a, b) < 0; });
  items.erase(std::unique(items.begin(), items.end()), items.end());
  Value v(ValueKind::Set, 0);
  v.heap_ = new Heap{{}, std::move(items)};
  return v;
}

Value Value::ref(std::string case_id) {
  Value v(ValueKind::Ref, 0);
  v.heap_ = new Heap{std::move(case_id), {}};
  return v;
}

const std::string& Value::as_text() const { return heap_ ? heap_->text : kEmptyText; }
const std::vector<Value>& Value::items() const { return heap_ ? heap_->items : kNoItems; }

std::string Value::display() const {
  switch (kind_) {
    case ValueKind::Absent: return "absent";
    case ValueKind::Bool: return i_ ? "true" : "false";
    case ValueKind::Int: return std::to_string(i_);
    case ValueKind::Number: return fmt::format("{}", d_);
    case ValueKind::Text:
    case ValueKind::Enum:
    case ValueKind::Ref: return as_text();
    case ValueKind::Date: return format_date(i_);
    case ValueKind::DateTime: return format_datetime(i_, as_text());
    case ValueKind::Duration: return format_duration(as_duration());
    case ValueKind::Cefr: return std::string(cefr_name(static_cast<int>(i_)));
    case ValueKind::List:
    case ValueKind::Set: {
      std::string s = "[";
      for (std::size_t i = 0; i < items().size(); ++i) {
        const Value& item = items()[i];
        s += i ? ", " : "";
        s += item.kind() == ValueKind::Text ? "\"" + item.as_text() + "\"" : item.display();
      }
      return s + "]";
    }
  }
  return "?";
}

namespace {
bool numeric(ValueKind k) { return k == ValueKind::Int || k == ValueKind::Number; }
}  // namespace

bool operator==(const Value& a, const Value& b) { return compare(a, b) == 0; }

int compare(const Value& a, const Value& b) {
  if (numeric(a.kind_) && numeric(b.kind_)) {
    if (a.kind_ == ValueKind::Int && b.kind_ == ValueKind::Int) return a.i_ < b.i_ ? -1 : a.i_ > b.i_;
    const double x = a.as_number(), y = b.as_number();
    return x < y ? -1 : x > y;
  }
  if (a.kind_ != b.kind_) return a.kind_ < b.kind_ ? -1 : 1;
  switch (a.kind_) {
    case ValueKind::Absent: return 0;
    case ValueKind::Text:
    case ValueKind::Ref: return a.as_text().compare(b.as_text()) < 0 ? -1 : a.as_text() != b.as_text();
    case ValueKind::List:
    case ValueKind::Set: {
      const auto &x = a.items(), &y = b.items();
      for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (int c = compare(x[i], y[i])) return c;
      return x.size() < y.size() ? -1 : x.size() > y.size();
    }
    default: return a.i_ < b.i_ ? -1 : a.i_ > b.i_;  // DateTime: the instant, whatever the zone
  }
}

}  // namespace mentorflow::dsl
