#include "api/case_view.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "api/match_outcome.hpp"
#include "engine/events.hpp"
#include "engine/matching/run/matching_record.hpp"

namespace mentorflow::api {
namespace {

constexpr std::size_t kPage = 256;

using nlohmann::json;

// What a hidden entry keeps of a decision: which clause decided and the state it chose (the
// state change is visible anyway); not its outcome, reasons or trace, made of the other's data.
json decision_outline(const json& decision) {
  json out = json::object();
  for (const char* key : {"position", "expression", "state"})
    if (decision.contains(key)) out[key] = decision[key];
  return out;
}

}  // namespace

Result<CaseView> CaseView::read(engine::Engine& engine, const Reader& reader, const dsl::Definition& definition,
                                const engine::CaseState& state, bool for_history) {
  CaseView view;
  view.case_name_ = state.name;
  const auto type = definition.find_case_type(state.case_type);
  // Only parties write on a case (a participant's first command makes them one): without another
  // party, the state has nothing to hide; a history may still hold a matching explanation.
  const bool shared = std::any_of(state.parties.begin(), state.parties.end(),
                                  [&](const auto& party) { return party.second != reader.user; });
  if (reader.whole || !type || (!for_history && !shared)) return view;
  view.whole_ = false;
  const dsl::CaseTypeSpec& spec = definition.case_type(*type);
  for (const dsl::CounterSpec& c : spec.counters) view.counters_.push_back(c.name);
  for (std::uint64_t next = 1; next <= state.version;) {
    auto page = engine.store().read_stream_forward(state.name, next, kPage);
    if (!page.is_ok()) return page.status();
    for (const store::Event& e : *page) {
      if (e.version > state.version) break;
      if (Status st = view.add(engine, reader, definition, spec, e); !st.is_ok()) return st;
    }
    if (page->size() < kPage) break;
    next = page->back().version + 1;
  }
  return view;
}

Status CaseView::add(engine::Engine& engine, const Reader& reader, const dsl::Definition& definition,
                     const dsl::CaseTypeSpec& type, const store::Event& e) {
  namespace events = engine::events;
  // Batches are cut where the history cuts its entries (engine/audit/history.cpp).
  const bool starts = first_ || e.type == events::kCommandAccepted || e.recorded_at != written_at_ ||
                      e.actor != writer_ || e.metadata.correlation_id != correlation_;
  const bool wanted = e.type == events::kCommandAccepted || e.type == events::kFieldsSet ||
                      e.type == events::kDocumentsAttached || e.type == events::kCadenceRecorded ||
                      e.type == events::kMatchExplained;
  json p = json::object();
  if (wanted) {
    auto parsed = e.payload_json();
    if (!parsed.is_ok()) return parsed.status();
    p = std::move(*parsed);
  }
  try {
    if (starts) {
      first_ = false;
      writer_ = e.actor;
      written_at_ = e.recorded_at;
      correlation_ = e.metadata.correlation_id;
      command_ = e.type == events::kCommandAccepted ? p.at("command").get<std::string>() : "";
      seen_ = sees(reader, definition, type, writer_, command_);
    }
    if (!seen_) hidden_.insert(e.position);
    if (e.type == events::kFieldsSet) {
      for (const auto& [field, value] : p.at("fields").items()) fields_[field] = seen_;
    } else if (e.type == events::kDocumentsAttached) {
      for (const auto& [document, variants] : p.at("documents").items())
        for (const auto& [variant, file] : variants.items()) documents_[document][variant] = seen_;
    } else if (e.type == events::kCadenceRecorded) {
      cadence_[p.at("input").get<std::string>()] = seen_;
      if (!p.at("within").get<bool>()) flags_.push_back(seen_);
    } else if (e.type == events::kOutputIssued) {
      outputs_.push_back(seen_);
    } else if (e.type == events::kMatchExplained) {
      matching_[p.at("explanation").get<std::string>()] = match_outcome(engine, e, p);
    }
  } catch (const json::exception& ex) {
    return Status::corruption(fmt::format("the {} at position {} is malformed: {}", e.type, e.position, ex.what()));
  }
  return Status::ok();
}

// The outcome of the run that wrote `explained` on this case, in the reader's words: the run is
// the last MatchingRunRecorded of that clause on its cohort before this event.
std::string CaseView::match_outcome(engine::Engine& engine, const store::Event& event, const json& explained) const {
  const json& match = explained.at("match");
  std::string fallback = "not matched";
  if (match.is_string() && explained.at("choice").is_number_unsigned())
    fallback = fmt::format("proposed {} ({} choice)", engine::matching::short_id(match.get<std::string>()),
                           engine::matching::ordinal(explained.at("choice").get<std::uint32_t>()));
  const std::string run = explained.at("run").get<std::string>();
  const auto clause = explained.at("clause").get<std::uint32_t>();
  for (std::uint64_t from = store::kLatestVersion; from > 0;) {
    auto page = engine.store().read_stream_backward(run, from, kPage);
    if (!page.is_ok() || page->empty()) break;
    for (const store::Event& e : *page) {
      if (e.position >= event.position || e.type != engine::events::kMatchingRunRecorded) continue;
      auto payload = e.payload_json();
      if (!payload.is_ok()) return fallback;
      auto record = engine::matching::MatchingRecord::from_json(*payload);
      if (!record.is_ok() || record->clause != clause) continue;
      std::string outcome = outcome_for(*record, case_name_);
      return outcome.empty() ? fallback : outcome;
    }
    from = page->back().version - 1;
  }
  return fallback;
}

json CaseView::state_json(const engine::CaseState& state) const {
  json j = engine::to_json(state);
  if (whole_) return j;
  for (const auto& [field, seen] : fields_)
    if (!seen) j["fields"].erase(field);
  for (const auto& [document, variants] : documents_) {
    for (const auto& [variant, seen] : variants)
      if (!seen && j["documents"].contains(document)) j["documents"][document].erase(variant);
    if (j["documents"].contains(document) && j["documents"][document].empty()) j["documents"].erase(document);
  }
  for (const auto& [input, seen] : cadence_)
    if (!seen) j["cadence"].erase(input);
  for (const auto& [key, seen_list] : {std::pair{"flags", &flags_}, std::pair{"outputs", &outputs_}}) {
    json kept = json::array();
    const json& all = j[key];
    for (std::size_t i = 0; i < all.size(); ++i)
      if (i < seen_list->size() && (*seen_list)[i]) kept.push_back(all[i]);
    j[key] = std::move(kept);
  }
  return j;
}

json CaseView::history_json(json entries) const {
  if (whole_) return entries;
  for (json& entry : entries) {
    for (json& note : entry["notes"]) {
      const std::string text = note.get<std::string>();
      constexpr std::string_view kMatching = "matching: ";
      if (!text.starts_with(kMatching)) continue;
      auto outcome = matching_.find(text.substr(kMatching.size()));
      note = std::string(kMatching) + (outcome != matching_.end() ? outcome->second : "explained to staff");
    }
    if (!hidden_.count(entry["positions"]["first"].get<std::uint64_t>())) continue;
    entry["inputs"] = json::object();
    for (json& decision : entry["decisions"]) decision = decision_outline(decision);
    json kept = json::array();
    for (const json& note : entry["notes"]) {
      const std::string text = note.get<std::string>();
      for (const std::string& counter : counters_)
        if (text.starts_with(counter + " now ")) kept.push_back(note);  // progress, as the state shows it
    }
    entry["notes"] = std::move(kept);
    entry["redacted"] = true;
  }
  return entries;
}

}  // namespace mentorflow::api
