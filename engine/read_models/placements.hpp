#pragma once
// The placement search (MILEAGE's "online app for up-to-date search of study placements"): a read
// model of the placement offers kept current from the log — what each offers, its state, and the
// places left as placements are taken — and the query the CLI (`mentorflow placements`) and the
// HTTP API both call. Design and conventions: docs/ENGINE.md, "Placement search".
//
// An offer is a case whose fields include an int `places` (MILEAGE's `placement_offer`); a place
// is taken by a case whose `offer` field names the offer (the `placement` that confirming a
// request creates) and given back when that case is `withdrawn` or its `offer` names another. Kept by the read-model
// catch-up (engine/read_models/read_model.hpp) and rebuilt by `mentorflow replay`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine::read_models {

struct PlacementOffer {
  std::string offer;    // the offer case, EDITION/TYPE/ID
  std::string edition;
  std::string state;    // `open` is what students may choose
  std::string ngo, title, area, location, language;
  std::string starts, ends;  // dates, `2024-03-01`; empty when not recorded
  std::int64_t places = 0, hours = 0;
  bool fewer_opportunities_support = false;
  std::vector<std::string> taken_by;  // the cases holding a place, in name order

  std::int64_t places_left() const;
  bool operator==(const PlacementOffer&) const = default;
};

struct PlacementFilter {
  std::string edition;                 // "" for every edition
  std::optional<std::string> state = "open";  // nullopt for any state
  std::optional<std::string> area, location, language;  // exact, case-insensitive
  std::optional<std::string> from, until;  // dates: the placement starts on or after `from`, ends on or before `until`
  bool fewer_opportunities = false;    // only offers that support students with fewer opportunities
  bool with_places = false;            // only offers with places left
};

// The offers that pass `filter`, in edition then case-name order. They reflect the views'
// checkpoint: catch up first (catch_up_read_models) for the latest events. InvalidArgument for a
// date that is not YYYY-MM-DD, or a state or enumerated value no offer of the searched editions
// can have (one sentence naming the known ones, placement_vocabulary.hpp); Corruption ("run
// mentorflow replay") for a damaged entry.
Result<std::vector<PlacementOffer>> search_placements(const store::EventStore& store, const PlacementFilter& filter);

// An offer as a JSON object (its fields, `taken_by` and `places_left`), and back (the view's value).
nlohmann::json to_json(const PlacementOffer& offer);
Result<PlacementOffer> placement_offer_from_json(const nlohmann::json& json);

}  // namespace mentorflow::engine::read_models
