#pragma once
// Internal to engine/read_models/projector.cpp: keeps the placement-search read model (engine/read_models/placements.hpp)
// while the catch-up reads the log. Keys: `offer/NAME` -> the offer (JSON, placements.hpp's
// to_json), `taker/NAME` -> the offer a case holds a place in, `vocabulary/EDITION` -> what the
// search's filters may ask for in that edition (placement_vocabulary.hpp).
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "engine/read_models/placement_vocabulary.hpp"
#include "engine/read_models/placements.hpp"
#include "engine/read_models/read_model.hpp"
#include "store/event_store.hpp"
#include "store/views.hpp"

namespace mentorflow::engine::read_models {

class PlacementProjection {
 public:
  explicit PlacementProjection(const store::EventStore& store) : store_(store) {}

  // Forgets what it holds; `views_empty`: nothing is in the views (a replay from the start).
  void reset(bool views_empty);
  // Applies one case event, already applied to its case's `summary`.
  Status observe(const store::Event& event, const CaseSummary& summary);
  // Applies one event of an edition's own stream: its DefinitionPublished gives the edition's
  // vocabulary (compiled from the texts it holds; none when they no longer compile, as the engine
  // then refuses the edition's commands anyway). Other events are passed over.
  void observe_edition(const store::Event& event);
  // Puts the entries changed since the last stage into `batch` (keys above).
  void stage(store::ViewBatch& batch);

 private:
  Result<std::optional<std::string>> taker(const std::string& name);
  Status load_known();
  // `taker_name` gives back the place it holds, if any.
  Status release(const std::string& taker_name);

  const store::EventStore& store_;
  bool views_empty_ = true, known_loaded_ = false;
  std::unordered_map<std::string, PlacementOffer> offers_;  // every offer: the views' and those met since
  std::unordered_map<std::string, std::optional<std::string>> takers_;
  std::unordered_set<std::string> dirty_offers_, dirty_takers_;
  std::unordered_map<std::string, PlacementVocabulary> new_vocabularies_;  // by edition, not yet staged
};

}  // namespace mentorflow::engine::read_models
