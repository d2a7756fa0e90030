// Read models: their key layout, the summary encoding, and the queries that read them. The
// projection that writes them is engine/read_models/projector.cpp.
#include "engine/read_models/read_model.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <type_traits>
#include <nlohmann/json.hpp>

#include "dsl/json_text.hpp"
#include "engine/read_models/read_model_keys.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::engine::read_models {

namespace views {

namespace {
// The time in a due key: RFC 3339 UTC with six fractional digits, fixed width, so keys sort by
// time and read plainly in `ldb scan`.
constexpr std::size_t kDueTimeSize = 27;  // "2021-10-07T10:30:00.000000Z"

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return n;
}
}  // namespace

std::string summary_key(std::string_view case_name) { return fmt::format("{}{}", kSummaryPrefix, case_name); }

std::string state_key(std::string_view edition, std::string_view type, std::string_view state, std::string_view name) {
  return fmt::format("{}{}/{}/{}/{}", kStatePrefix, edition, type, state, name);
}

std::string state_prefix(std::string_view edition, std::string_view type, std::string_view state) {
  return fmt::format("{}{}/{}/{}/", kStatePrefix, edition, type, state);
}

std::string count_key(std::string_view edition, std::string_view type, std::string_view state) {
  return fmt::format("{}{}/{}/{}", kCountPrefix, edition, type, state);
}

std::string count_prefix(std::string_view edition) { return fmt::format("{}{}/", kCountPrefix, edition); }

std::string party_key(std::string_view user, std::string_view case_name) {
  return fmt::format("{}{}/{}", kPartyPrefix, user, case_name);
}

std::string party_prefix(std::string_view user) { return fmt::format("{}{}/", kPartyPrefix, user); }

std::string edition_key(std::string_view edition) { return fmt::format("{}{}", kEditionPrefix, edition); }

std::string due_key(UtcMicros due, std::string_view case_name, std::string_view timer_key) {
  return fmt::format("{}{}/{}/{}", kDuePrefix, store::format_utc(due), case_name, timer_key);
}

std::optional<DueTimer> parse_due_key(std::string_view key) {
  if (!key.starts_with(kDuePrefix)) return std::nullopt;
  key.remove_prefix(kDuePrefix.size());
  if (key.size() < kDueTimeSize + 1 || key[kDueTimeSize] != '/') return std::nullopt;
  auto due = store::parse_utc(key.substr(0, kDueTimeSize));
  const std::string_view rest = key.substr(kDueTimeSize + 1);
  const auto slash = rest.rfind('/');  // timer keys hold no '/', case names do
  if (!due || slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) return std::nullopt;
  return DueTimer{*due, std::string(rest.substr(0, slash)), std::string(rest.substr(slash + 1))};
}

std::optional<StateCount> parse_count_key(std::string_view key, std::string_view value) {
  if (!key.starts_with(kCountPrefix)) return std::nullopt;
  key.remove_prefix(kCountPrefix.size());
  const auto first = key.find('/');
  const auto second = first == std::string_view::npos ? first : key.find('/', first + 1);
  auto cases = parse_decimal(value);
  if (second == std::string_view::npos || !cases) return std::nullopt;
  return StateCount{std::string(key.substr(0, first)), std::string(key.substr(first + 1, second - first - 1)),
                    std::string(key.substr(second + 1)), *cases};
}

namespace {

// JSON text written directly rather than through nlohmann::json, which would build a tree of
// maps first: summaries are encoded once per case per write, the bulk of a replay's work. The
// text is what nlohmann's dump() gives for the same values (keys sorted, no spaces, only '"',
// '\\' and control characters escaped: dsl::append_json_string), which
// tests/engine/read_model_test.cpp checks.

// A whole number as JSON writes it. std::to_chars rather than fmt::format_to into the string:
// clang 14 (the fuzz build, scripts/fuzz.sh) names that fmt 9 instantiation otherwise than the g++
// that built Debian's libfmt, and cannot link it.
template <class Int>
void put_int(std::string& out, Int value) {
  static_assert(std::is_integral_v<Int>);
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

template <class Value>
void put_map(std::string& out, const std::map<std::string, Value>& map) {
  out += '{';
  for (const auto& [key, value] : map) {
    if (out.back() != '{') out += ',';
    dsl::append_json_string(out, key);
    out += ':';
    if constexpr (std::is_same_v<Value, std::string>) dsl::append_json_string(out, value);
    else put_int(out, value);
  }
  out += '}';
}

void put_field(std::string& out, std::string_view key) {
  out += out.size() == 1 ? "" : ",";
  dsl::append_json_string(out, key);
  out += ':';
}

}  // namespace

std::string encode_summary(const CaseSummary& s) {
  std::string out = "{";
  out.reserve(256);
  put_field(out, "case"), dsl::append_json_string(out, s.name);
  put_field(out, "case_type"), dsl::append_json_string(out, s.case_type);
  put_field(out, "counters"), put_map(out, s.counters);
  put_field(out, "definition"), dsl::append_json_string(out, s.definition_id);
  put_field(out, "edition"), dsl::append_json_string(out, s.edition);
  put_field(out, "flags"), put_int(out, s.flags);
  put_field(out, "parties"), put_map(out, s.parties);
  put_field(out, "position"), put_int(out, s.position);
  put_field(out, "state"), dsl::append_json_string(out, s.state);
  put_field(out, "timers"), put_map(out, s.timers);
  put_field(out, "updated_at"), put_int(out, s.updated_at);
  put_field(out, "version"), put_int(out, s.version);
  out += '}';
  return out;
}

Result<CaseSummary> decode_summary(std::string_view case_name, std::string_view text) {
  const auto damaged = [&](std::string_view why) {
    return Status::corruption(fmt::format("the read model of case '{}' is damaged ({}): run mentorflow replay", case_name, why));
  };
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return damaged("not JSON");
  try {
    CaseSummary s;
    s.name = j.at("case").get<std::string>();
    s.case_type = j.at("case_type").get<std::string>();
    s.counters = j.at("counters").get<std::map<std::string, std::int64_t>>();
    s.definition_id = j.at("definition").get<std::string>();
    s.edition = j.at("edition").get<std::string>();
    s.flags = j.value("flags", 0u);  // absent in views an older mentorflow wrote (rebuilt at the next catch-up)
    s.parties = j.at("parties").get<std::map<std::string, std::string>>();
    s.position = j.at("position").get<std::uint64_t>();
    s.state = j.at("state").get<std::string>();
    s.timers = j.at("timers").get<std::map<std::string, std::int64_t>>();
    s.updated_at = j.at("updated_at").get<std::int64_t>();
    s.version = j.at("version").get<std::uint64_t>();
    return s;
  } catch (const nlohmann::json::exception& e) {
    return damaged(e.what());
  }
}

std::string encode_edition(const EditionSummary& e) {
  return nlohmann::json{{"edition", e.edition},          {"workflow", e.workflow}, {"title", e.title},
                        {"definition", e.definition_id}, {"published_at", e.published_at}, {"position", e.position}}
      .dump();
}

Result<EditionSummary> decode_edition(std::string_view edition, std::string_view text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  try {
    if (j.is_discarded()) throw std::runtime_error("not JSON");
    return EditionSummary{j.at("edition").get<std::string>(),    j.at("workflow").get<std::string>(),
                          j.at("title").get<std::string>(),      j.at("definition").get<std::string>(),
                          j.at("published_at").get<std::int64_t>(), j.at("position").get<std::uint64_t>()};
  } catch (const std::exception& e) {
    return Status::corruption(
        fmt::format("the read model of edition '{}' is damaged ({}): run mentorflow replay", edition, e.what()));
  }
}

}  // namespace views

Result<std::vector<EditionSummary>> editions(const store::EventStore& store) {
  std::vector<EditionSummary> out;
  Status bad;
  Status scanned = store.scan_views(views::kEditionPrefix, [&](std::string_view key, std::string_view value) {
    auto e = views::decode_edition(key.substr(views::kEditionPrefix.size()), value);
    if (!e.is_ok()) bad = e.status();
    else out.push_back(std::move(*e));
    return bad.is_ok();
  });
  if (!scanned.is_ok()) return scanned;
  if (!bad.is_ok()) return bad;
  return out;
}

Result<std::vector<std::string>> cases_of_party(const store::EventStore& store, const std::string& user) {
  std::vector<std::string> names;
  const std::string prefix = views::party_prefix(user);
  Status scanned = store.scan_views(prefix, [&](std::string_view key, std::string_view) {
    names.emplace_back(key.substr(prefix.size()));
    return true;
  });
  if (!scanned.is_ok()) return scanned;
  return names;
}

Result<std::optional<CaseSummary>> case_summary(const store::EventStore& store, const std::string& case_name) {
  auto value = store.get_view(views::summary_key(case_name));
  if (!value.is_ok()) return value.status();
  if (!*value) return std::optional<CaseSummary>();
  auto summary = views::decode_summary(case_name, **value);
  if (!summary.is_ok()) return summary.status();
  return std::optional<CaseSummary>(std::move(*summary));
}

Result<std::vector<CaseSummary>> case_summaries(const store::EventStore& store, const std::string& prefix) {
  std::vector<CaseSummary> summaries;
  Status bad;
  const std::string key_prefix = views::summary_key(prefix);
  Status scanned = store.scan_views(key_prefix, [&](std::string_view key, std::string_view value) {
    const std::string_view name = key.substr(views::kSummaryPrefix.size());
    auto summary = views::decode_summary(name, value);
    if (!summary.is_ok()) bad = summary.status();
    else summaries.push_back(std::move(*summary));
    return bad.is_ok();
  });
  if (!scanned.is_ok()) return scanned;
  if (!bad.is_ok()) return bad;
  return summaries;
}

Result<std::vector<std::string>> cases_in_state(const store::EventStore& store, const std::string& edition,
                                                const std::string& case_type, const std::string& state) {
  std::vector<std::string> names;
  const std::string prefix = views::state_prefix(edition, case_type, state);
  Status scanned = store.scan_views(prefix, [&](std::string_view key, std::string_view) {
    names.emplace_back(key.substr(prefix.size()));
    return true;
  });
  if (!scanned.is_ok()) return scanned;
  return names;
}

Result<std::vector<StateCount>> state_counts(const store::EventStore& store, const std::string& edition) {
  std::vector<StateCount> counts;
  Status bad;
  const std::string prefix = edition.empty() ? std::string(views::kCountPrefix) : views::count_prefix(edition);
  Status scanned = store.scan_views(prefix, [&](std::string_view key, std::string_view value) {
    auto count = views::parse_count_key(key, value);
    if (!count) bad = Status::corruption(fmt::format("the read-model count '{}' is damaged: run mentorflow replay", key));
    else counts.push_back(std::move(*count));
    return bad.is_ok();
  });
  if (!scanned.is_ok()) return scanned;
  if (!bad.is_ok()) return bad;
  return counts;
}

Result<std::vector<DueTimer>> timers_due_by(const store::EventStore& store, UtcMicros until) {
  std::vector<DueTimer> due;
  Status bad;
  Status scanned = store.scan_views(views::kDuePrefix, [&](std::string_view key, std::string_view) {
    auto timer = views::parse_due_key(key);
    if (!timer) bad = Status::corruption(fmt::format("the read-model timer '{}' is damaged: run mentorflow replay", key));
    else if (timer->due <= until) due.push_back(std::move(*timer));
    return bad.is_ok() && (!timer || timer->due <= until);  // keys are in time order: stop at the first later one
  });
  if (!scanned.is_ok()) return scanned;
  if (!bad.is_ok()) return bad;
  // Key order puts "a/b/c-2/..." before "a/b/c/..."; callers expect (due, case, key) order.
  std::sort(due.begin(), due.end(), [](const DueTimer& a, const DueTimer& b) {
    return std::tie(a.due, a.case_name, a.key) < std::tie(b.due, b.case_name, b.key);
  });
  return due;
}

}  // namespace mentorflow::engine::read_models
