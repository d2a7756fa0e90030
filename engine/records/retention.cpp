#include "engine/records/retention.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <limits>
#include <map>
#include <set>

#include "dsl/time/calendar.hpp"
#include "dsl/time/time_text.hpp"
#include "engine/edition_zone.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {
namespace {

constexpr std::size_t kBackwardBatch = 8;

bool is_hold_event(const std::string& type) {
  return type == events::kLegalHoldPlaced || type == events::kLegalHoldReleased;
}

// The latest day a date or date-time value (or a list of them) falls on in `zone`; nullopt for
// other values.
std::optional<std::int64_t> latest_day(const dsl::Value& v, const std::string& zone) {
  switch (v.kind()) {
    case dsl::ValueKind::Date: return v.as_int();
    case dsl::ValueKind::DateTime: return dsl::local_day(v.as_int(), zone);
    case dsl::ValueKind::List:
    case dsl::ValueKind::Set: {
      std::optional<std::int64_t> latest;
      for (const dsl::Value& item : v.items())
        if (auto day = latest_day(item, zone); day && (!latest || *day > *latest)) latest = day;
      return latest;
    }
    default: return std::nullopt;
  }
}

// When the last event of `stream` other than a legal hold was recorded; nullopt when it has none.
Result<std::optional<UtcMicros>> last_activity(const store::EventStore& store, const std::string& stream,
                                              std::uint64_t version) {
  while (version > 0) {
    auto batch = store.read_stream_backward(stream, version, kBackwardBatch);
    if (!batch.is_ok()) return batch.status();
    if (batch->empty()) break;
    for (const store::Event& e : *batch)
      if (!is_hold_event(e.type)) return std::optional<UtcMicros>(e.recorded_at);
    version = batch->back().version - 1;
  }
  return std::optional<UtcMicros>();
}

// The edition's closing day and due date, from its definition and its cases.
Result<EditionRetention> edition_retention(Engine& engine, const std::string& edition,
                                           const std::vector<read_models::CaseSummary>& cases) {
  auto definition = engine.definition_of_edition(edition);
  if (!definition.is_ok()) return definition.status();
  EditionRetention r;
  r.edition = edition;
  r.zone = edition_zone(*definition);
  r.retention = (*definition)->retention();
  r.closed_on = std::numeric_limits<std::int64_t>::min();
  for (std::size_t i = 0; i < (*definition)->params().size(); ++i)
    if (auto day = latest_day((*definition)->param_value(i), r.zone); day && *day > r.closed_on)
      r.closed_on = *day, r.closed_by = "parameter " + (*definition)->params()[i].name;
  for (const read_models::CaseSummary& c : cases) {
    if (c.updated_at == 0 || dsl::local_day(c.updated_at, r.zone) <= r.closed_on) continue;  // nothing later
    auto last = last_activity(engine.store(), c.name, c.version);
    if (!last.is_ok()) return last.status();
    if (*last && dsl::local_day(**last, r.zone) > r.closed_on)
      r.closed_on = dsl::local_day(**last, r.zone), r.closed_by = "the last event of " + c.name;
  }
  if (r.closed_by.empty()) r.closed_on = 0, r.closed_by = "nothing (no date and no case)";
  if (r.retention.set()) {
    r.due_from = dsl::retention_due_day(r.retention, r.closed_on);
    r.due_at = dsl::start_of_day(r.due_from, r.zone);
  }
  return r;
}

// Whether `text` holds `id` apart from letters and digits (a case name's last part, a party).
bool names_apart(std::string_view text, std::string_view id) {
  const auto letter_or_digit = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = text.find(id); at != std::string_view::npos; at = text.find(id, at + 1))
    if ((at == 0 || !letter_or_digit(text[at - 1])) &&
        (at + id.size() == text.size() || !letter_or_digit(text[at + id.size()])))
      return true;
  return false;
}

// A case under a legal hold, with every event's payload as parsed through the engine's store
// (sealed values opened): who it names is held with it, as an erasure finds them
// (engine/privacy/subject_footprint.hpp).
struct HeldCase {
  LegalHoldOn hold;
  std::string text;
};

Result<std::vector<HeldCase>> held_cases(Engine& engine, const std::vector<read_models::CaseSummary>& cases) {
  std::vector<HeldCase> held;
  for (const read_models::CaseSummary& c : cases) {
    auto state = engine.load(c.name);
    if (!state.is_ok()) return state.status();
    if (state->hold.is_null()) continue;
    HeldCase h{{c.name, state->hold.value("reason", std::string()), state->hold.value("by", std::string()),
                state->hold.value("at", UtcMicros{0})},
               {}};
    auto recorded = engine.store().read_stream_forward(c.name, 1, SIZE_MAX);
    if (!recorded.is_ok()) return recorded.status();
    for (const store::Event& e : *recorded) {
      if (is_hold_event(e.type)) continue;  // the hold's reason names no one
      auto payload = e.payload_json();       // parsed: sealed values opened, as an erasure reads them
      if (!payload.is_ok()) return payload.status();
      h.text += payload->dump() + "\n";
    }
    held.push_back(std::move(h));
  }
  return held;
}

}  // namespace

Result<RetentionReport> subjects_due_for_erasure(Engine& engine, UtcMicros at, const store::Subjects* subjects) {
  store::EventStore& store = engine.store();
  if (!store.read_only())
    if (auto caught = read_models::catch_up_read_models(store); !caught.is_ok()) return caught.status();
  auto editions = read_models::editions(store);
  if (!editions.is_ok()) return editions.status();
  RetentionReport report;
  report.at = at;
  std::map<std::string, RetainedSubject> people;
  std::map<std::string, const EditionRetention*> by_name;
  std::vector<HeldCase> held;
  report.editions.reserve(editions->size());
  for (const read_models::EditionSummary& e : *editions) {
    auto cases = read_models::case_summaries(store, e.edition + "/");
    if (!cases.is_ok()) return cases.status();
    auto r = edition_retention(engine, e.edition, *cases);
    if (!r.is_ok()) return r.status();
    report.editions.push_back(std::move(*r));
    auto holds = held_cases(engine, *cases);
    if (!holds.is_ok()) return holds.status();
    std::move(holds->begin(), holds->end(), std::back_inserter(held));
    for (const read_models::CaseSummary& c : *cases)
      for (const auto& [party, user] : c.parties) {
        RetainedSubject& p = people[user];
        p.user = user;
        p.editions.push_back(e.edition);
        p.cases.push_back(c.name);
      }
  }
  std::sort(report.editions.begin(), report.editions.end(),
            [](const EditionRetention& a, const EditionRetention& b) { return a.edition < b.edition; });
  for (const EditionRetention& r : report.editions) by_name[r.edition] = &r;

  for (auto& [user, p] : people) {
    if (subjects && subjects->erased(user)) continue;
    std::sort(p.editions.begin(), p.editions.end());
    p.editions.erase(std::unique(p.editions.begin(), p.editions.end()), p.editions.end());
    std::sort(p.cases.begin(), p.cases.end());
    p.cases.erase(std::unique(p.cases.begin(), p.cases.end()), p.cases.end());
    bool due = true;
    for (const std::string& edition : p.editions) {
      const EditionRetention& r = *by_name.at(edition);
      due = due && r.retention.set() && r.due_at <= at;
      p.due_since = std::max(p.due_since, r.due_from);
    }
    if (!due) continue;
    for (const HeldCase& h : held)
      if (std::binary_search(p.cases.begin(), p.cases.end(), h.hold.case_name) || names_apart(h.text, user))
        p.holds.push_back(h.hold);
    (p.holds.empty() ? report.due : report.held).push_back(std::move(p));
  }
  return report;
}

nlohmann::json retention_json(const RetentionReport& report) {
  using nlohmann::json;
  json editions = json::array();
  std::map<std::string, std::string> zones;
  for (const EditionRetention& r : report.editions) {
    zones[r.edition] = r.zone;
    editions.push_back({{"edition", r.edition},
                        {"retention", r.retention.set() ? json(r.retention.written) : json(nullptr)},
                        {"closed_on", dsl::format_date(r.closed_on)},
                        {"closed_by", r.closed_by},
                        {"due_from", r.retention.set() ? json(dsl::format_date(r.due_from)) : json(nullptr)}});
  }
  const auto subject = [&](const RetainedSubject& p) {
    json j = {{"subject", p.user}, {"editions", p.editions}, {"cases", p.cases},
              {"due_since", dsl::format_date(p.due_since)}};
    if (p.holds.empty()) return j;
    json holds = json::array();
    for (const LegalHoldOn& h : p.holds) {
      const std::string zone = zones[h.case_name.substr(0, h.case_name.find('/'))];
      holds.push_back({{"case", h.case_name}, {"reason", h.reason}, {"by", h.by},
                       {"at", dsl::format_datetime_json(h.at, zone)}});
    }
    j["holds"] = std::move(holds);
    return j;
  };
  json due = json::array(), held = json::array();
  for (const RetainedSubject& p : report.due) due.push_back(subject(p));
  for (const RetainedSubject& p : report.held) held.push_back(subject(p));
  return {{"at", dsl::format_datetime_json(report.at, "UTC")}, {"editions", std::move(editions)},
          {"due", std::move(due)}, {"held", std::move(held)}};
}

}  // namespace mentorflow::engine
