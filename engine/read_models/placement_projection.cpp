// The placement-search projection: offers from the FieldsSet that gives a case its `places`,
// their state from the case's summary, places taken by the FieldsSet that gives a case its `offer`.
#include "engine/read_models/placement_projection.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "engine/events.hpp"
#include "engine/published_definition.hpp"

namespace mentorflow::engine::read_models {
namespace {

using nlohmann::json;

constexpr std::string_view kOfferPrefix = "offer/";
constexpr std::string_view kTakerPrefix = "taker/";
constexpr std::string_view kVocabularyPrefix = "vocabulary/";
// A case in this state holds no place (MILEAGE's `withdraw_placement`).
constexpr std::string_view kReleasedState = "withdrawn";

std::string offer_key(std::string_view name) { return fmt::format("{}{}", kOfferPrefix, name); }
std::string taker_key(std::string_view name) { return fmt::format("{}{}", kTakerPrefix, name); }

// Copies the attributes `fields` sets; whether any was there.
bool set_attributes(PlacementOffer& o, const json& fields) {
  bool any = false;
  const auto text = [&](const char* key, std::string& out) {
    if (auto it = fields.find(key); it != fields.end() && it->is_string()) out = it->get<std::string>(), any = true;
  };
  const auto integer = [&](const char* key, std::int64_t& out) {
    if (auto it = fields.find(key); it != fields.end() && it->is_number_integer()) out = it->get<std::int64_t>(), any = true;
  };
  for (auto [key, out] : {std::pair{"ngo", &o.ngo}, {"title", &o.title}, {"area", &o.area}, {"location", &o.location},
                          {"language", &o.language}, {"starts", &o.starts}, {"ends", &o.ends}})
    text(key, *out);
  integer("places", o.places);
  integer("hours", o.hours);
  if (auto it = fields.find("fewer_opportunities_support"); it != fields.end() && it->is_boolean())
    o.fewer_opportunities_support = it->get<bool>(), any = true;
  return any;
}

}  // namespace

void PlacementProjection::reset(bool views_empty) {
  views_empty_ = views_empty;
  known_loaded_ = false;
  offers_.clear();
  takers_.clear();
  dirty_offers_.clear();
  dirty_takers_.clear();
  new_vocabularies_.clear();
}

void PlacementProjection::observe_edition(const store::Event& e) {
  if (e.type != events::kDefinitionPublished) return;
  const auto definition = compile_published(e);
  if (!definition.is_ok()) return;  // the engine reports it when the edition is used
  if (auto vocabulary = placement_vocabulary(*definition)) new_vocabularies_[e.stream] = std::move(*vocabulary);
}

Status PlacementProjection::load_known() {
  if (known_loaded_) return Status::ok();
  known_loaded_ = true;
  if (views_empty_) return Status::ok();
  Status failed;
  Status scanned = store_.scan_views(kOfferPrefix, [&](std::string_view key, std::string_view value) {
    const std::string name(key.substr(kOfferPrefix.size()));
    if (offers_.count(name)) return true;  // already loaded, perhaps changed since
    auto parsed = json::parse(value, nullptr, false);
    auto offer = placement_offer_from_json(parsed);
    if (!offer.is_ok()) {
      failed = Status::corruption(fmt::format("the placement entry of {} is damaged: run mentorflow replay", name));
      return false;
    }
    offers_.emplace(name, std::move(*offer));
    return true;
  });
  return scanned.is_ok() ? failed : scanned;
}

Result<std::optional<std::string>> PlacementProjection::taker(const std::string& name) {
  if (auto it = takers_.find(name); it != takers_.end()) return it->second;
  std::optional<std::string> held;
  if (!views_empty_) {
    auto stored = store_.get_view(taker_key(name));
    if (!stored.is_ok()) return stored.status();
    held = *stored;
  }
  return takers_.emplace(name, held).first->second;
}

Status PlacementProjection::observe(const store::Event& e, const CaseSummary& summary) {
  // Most events touch no offer: decided from the type, and for FieldsSet from the raw payload.
  const bool fields_set = e.type == events::kFieldsSet;
  const bool state_changed = !fields_set && e.type == events::kStateChanged;
  if (!fields_set && !state_changed && e.type != events::kCaseOpened) return Status::ok();
  const bool names_offer = fields_set && (e.payload.find("\"places\"") != std::string::npos ||
                                          e.payload.find("\"offer\"") != std::string::npos);
  if (Status s = load_known(); !s.is_ok()) return s;
  if (state_changed && summary.state == kReleasedState) return release(e.stream);
  if (!names_offer && offers_.empty()) return Status::ok();
  auto found = offers_.find(e.stream);
  if (!names_offer && found == offers_.end()) return Status::ok();
  if (!fields_set) {
    found->second.state = summary.state;
    found->second.edition = summary.edition;
    dirty_offers_.insert(e.stream);
    return Status::ok();
  }

  auto payload = e.payload_json();
  if (!payload.is_ok()) return payload.status();
  const auto fields = payload->find("fields");
  if (fields == payload->end() || !fields->is_object()) return Status::ok();

  const auto places = fields->find("places");
  if (found == offers_.end() && places != fields->end() && places->is_number_integer()) {
    found = offers_.emplace(e.stream, PlacementOffer{}).first;
    found->second.offer = e.stream;
  }
  if (found != offers_.end()) {
    found->second.state = summary.state;
    found->second.edition = summary.edition;
    set_attributes(found->second, *fields);
    dirty_offers_.insert(e.stream);
  }

  const auto named = fields->find("offer");
  if (named == fields->end() || !named->is_string()) return Status::ok();
  const std::string target = named->get<std::string>();
  if (summary.state == kReleasedState) return Status::ok();
  auto held = taker(e.stream);
  if (!held.is_ok()) return held.status();
  if (*held == target) return Status::ok();
  if (Status s = release(e.stream); !s.is_ok()) return s;
  auto now_held = offers_.find(target);
  if (now_held != offers_.end()) {
    auto& by = now_held->second.taken_by;
    by.insert(std::upper_bound(by.begin(), by.end(), e.stream), e.stream);
    dirty_offers_.insert(target);
    takers_[e.stream] = target;
  } else {
    takers_[e.stream] = std::nullopt;  // not an offer: holds nothing
  }
  dirty_takers_.insert(e.stream);
  return Status::ok();
}

Status PlacementProjection::release(const std::string& taker_name) {
  auto held = taker(taker_name);
  if (!held.is_ok()) return held.status();
  if (!*held) return Status::ok();
  if (auto offer = offers_.find(**held); offer != offers_.end()) {
    auto& by = offer->second.taken_by;
    by.erase(std::remove(by.begin(), by.end(), taker_name), by.end());
    dirty_offers_.insert(offer->first);
  }
  takers_[taker_name] = std::nullopt;
  dirty_takers_.insert(taker_name);
  return Status::ok();
}

void PlacementProjection::stage(store::ViewBatch& batch) {
  for (const std::string& name : dirty_offers_) batch.put(offer_key(name), to_json(offers_.at(name)).dump());
  for (const std::string& name : dirty_takers_) {
    const auto& held = takers_.at(name);
    if (held) batch.put(taker_key(name), *held);
    else batch.erase(taker_key(name));
  }
  for (const auto& [edition, vocabulary] : new_vocabularies_)
    batch.put(fmt::format("{}{}", kVocabularyPrefix, edition), to_json(vocabulary).dump());
  dirty_offers_.clear();
  dirty_takers_.clear();
  new_vocabularies_.clear();
}

}  // namespace mentorflow::engine::read_models
