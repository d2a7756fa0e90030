// The placement search: reads the `offer/` entries of the views (engine/read_models/placement_projection.cpp
// writes them) and filters them.
#include "engine/read_models/placements.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <tuple>

#include "dsl/time/time_text.hpp"
#include "engine/read_models/placement_vocabulary.hpp"

namespace mentorflow::engine::read_models {
namespace {

using nlohmann::json;

constexpr std::string_view kOfferPrefix = "offer/";
constexpr std::string_view kVocabularyPrefix = "vocabulary/";

bool same_text(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

bool passes(const PlacementOffer& o, const PlacementFilter& f) {
  if (!f.edition.empty() && o.edition != f.edition) return false;
  if (f.state && o.state != *f.state) return false;
  if (f.area && !same_text(o.area, *f.area)) return false;
  if (f.location && !same_text(o.location, *f.location)) return false;
  if (f.language && !same_text(o.language, *f.language)) return false;
  // ISO dates compare as text
  if (f.from && (o.starts.empty() || o.starts < *f.from)) return false;
  if (f.until && (o.ends.empty() || o.ends > *f.until)) return false;
  if (f.fewer_opportunities && !o.fewer_opportunities_support) return false;
  if (f.with_places && o.places_left() <= 0) return false;
  return true;
}

// The vocabularies of the editions `filter` searches (placement_vocabulary.hpp).
Result<std::vector<PlacementVocabulary>> vocabularies(const store::EventStore& store, const PlacementFilter& filter) {
  std::vector<PlacementVocabulary> out;
  Status failed;
  const std::string prefix = fmt::format("{}{}", kVocabularyPrefix, filter.edition);
  Status scanned = store.scan_views(prefix, [&](std::string_view key, std::string_view value) {
    if (!filter.edition.empty() && key.size() != prefix.size()) return true;  // another edition, longer name
    auto vocabulary = placement_vocabulary_from_json(json::parse(value, nullptr, false));
    if (!vocabulary.is_ok()) {
      failed = Status::corruption(
          fmt::format("the placement entry '{}' is damaged: run mentorflow replay", std::string(key)));
      return false;
    }
    out.push_back(std::move(*vocabulary));
    return true;
  });
  if (!scanned.is_ok()) return scanned;
  if (!failed.is_ok()) return failed;
  return out;
}

// The values `attribute` ("state", or an offer field) may take in the searched editions; nullopt
// when some edition does not enumerate it (a text field may hold anything).
std::optional<std::vector<std::string>> known_values(const std::vector<PlacementVocabulary>& known,
                                                     const std::string& attribute) {
  std::vector<std::string> values;
  for (const PlacementVocabulary& v : known) {
    const auto it = v.enumerated.find(attribute);
    const std::vector<std::string>* of = attribute == "state" ? &v.states : it == v.enumerated.end() ? nullptr : &it->second;
    if (!of) return std::nullopt;
    for (const std::string& x : *of)
      if (std::find(values.begin(), values.end(), x) == values.end()) values.push_back(x);
  }
  return values;
}

// A filter asking for what no offer of the searched editions can have is a mistake, not an empty
// answer: InvalidArgument naming the known values. States compare exactly, the rest without case.
Status check_value(const std::vector<PlacementVocabulary>& known, const std::string& attribute,
                   const std::optional<std::string>& value, std::string_view what, std::string_view whats) {
  if (!value || known.empty()) return Status::ok();
  const auto values = known_values(known, attribute);
  const auto same = [&](const std::string& x) { return attribute == "state" ? x == *value : same_text(x, *value); };
  if (!values || std::any_of(values->begin(), values->end(), same)) return Status::ok();
  std::string list;
  for (const std::string& x : *values) list += (list.empty() ? "" : ", ") + x;
  return Status::invalid_argument(fmt::format("unknown {} '{}': the known {} are {}", what, *value, whats, list));
}

Status check_filter(const std::vector<PlacementVocabulary>& known, const PlacementFilter& f) {
  for (const auto& [attribute, value, what, whats] :
       {std::tuple{"state", &f.state, "offer state", "offer states"}, {"area", &f.area, "field of work", "fields of work"},
        {"location", &f.location, "location", "locations"}, {"language", &f.language, "language", "languages"}})
    if (Status s = check_value(known, attribute, *value, what, whats); !s.is_ok()) return s;
  return Status::ok();
}

}  // namespace

std::int64_t PlacementOffer::places_left() const {
  return std::max<std::int64_t>(0, places - static_cast<std::int64_t>(taken_by.size()));
}

json to_json(const PlacementOffer& o) {
  return {{"offer", o.offer},
          {"edition", o.edition},
          {"state", o.state},
          {"ngo", o.ngo},
          {"title", o.title},
          {"area", o.area},
          {"location", o.location},
          {"language", o.language},
          {"starts", o.starts},
          {"ends", o.ends},
          {"places", o.places},
          {"hours", o.hours},
          {"fewer_opportunities_support", o.fewer_opportunities_support},
          {"taken_by", o.taken_by},
          {"places_left", o.places_left()}};
}

Result<PlacementOffer> placement_offer_from_json(const json& j) {
  if (!j.is_object()) return Status::invalid_argument("a placement offer is a JSON object");
  try {
    PlacementOffer o;
    o.offer = j.at("offer").get<std::string>();
    o.edition = j.at("edition").get<std::string>();
    o.state = j.at("state").get<std::string>();
    o.ngo = j.at("ngo").get<std::string>();
    o.title = j.at("title").get<std::string>();
    o.area = j.at("area").get<std::string>();
    o.location = j.at("location").get<std::string>();
    o.language = j.at("language").get<std::string>();
    o.starts = j.at("starts").get<std::string>();
    o.ends = j.at("ends").get<std::string>();
    o.places = j.at("places").get<std::int64_t>();
    o.hours = j.at("hours").get<std::int64_t>();
    o.fewer_opportunities_support = j.at("fewer_opportunities_support").get<bool>();
    o.taken_by = j.at("taken_by").get<std::vector<std::string>>();
    return o;
  } catch (const json::exception& e) {
    return Status::invalid_argument(fmt::format("not a placement offer: {}", e.what()));
  }
}

Result<std::vector<PlacementOffer>> search_placements(const store::EventStore& store, const PlacementFilter& filter) {
  for (const auto* date : {&filter.from, &filter.until})
    if (*date && !dsl::parse_date(**date))
      return Status::invalid_argument(fmt::format("'{}' is not a date (YYYY-MM-DD)", **date));
  auto known = vocabularies(store, filter);
  if (!known.is_ok()) return known.status();
  if (Status s = check_filter(*known, filter); !s.is_ok()) return s;
  std::vector<PlacementOffer> out;
  Status failed;
  const std::string prefix = fmt::format("{}{}", kOfferPrefix, filter.edition.empty() ? "" : filter.edition + "/");
  Status scanned = store.scan_views(prefix, [&](std::string_view key, std::string_view value) {
    auto offer = placement_offer_from_json(json::parse(value, nullptr, false));
    if (!offer.is_ok()) {
      failed = Status::corruption(
          fmt::format("the placement entry '{}' is damaged: run mentorflow replay", std::string(key)));
      return false;
    }
    if (passes(*offer, filter)) out.push_back(std::move(*offer));
    return true;
  });
  if (!scanned.is_ok()) return scanned;
  if (!failed.is_ok()) return failed;
  std::stable_sort(out.begin(), out.end(), [](const PlacementOffer& a, const PlacementOffer& b) {
    return std::tie(a.edition, a.offer) < std::tie(b.edition, b.offer);
  });
  return out;
}

}  // namespace mentorflow::engine::read_models
