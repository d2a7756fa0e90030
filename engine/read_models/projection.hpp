#pragma once
// A projection of the read models kept from one catch-up to the next (the follower's, engine/read_models/read_model_follower.hpp):
// the case summaries and counts it has read or written stay in memory while the views' checkpoint
// is where its last catch-up left it, so the next catch-up reads only the events since, not the
// summaries of the cases they touch. When anyone else moved the views (another node, a replay),
// it forgets them and reads them again, as a fresh catch-up does.
//
// Not thread-safe: one thread uses it. The store must outlive it.
#include <memory>

#include "engine/read_models/read_model.hpp"
#include "store/event_store.hpp"

namespace mentorflow::engine::read_models {

class ReadModelProjection {
 public:
  explicit ReadModelProjection(store::EventStore& store);
  ~ReadModelProjection();
  ReadModelProjection(const ReadModelProjection&) = delete;
  ReadModelProjection& operator=(const ReadModelProjection&) = delete;

  // As catch_up_read_models (engine/read_models/read_model.hpp).
  Result<CatchUp> catch_up();

 private:
  struct Kept;  // the projector (engine/read_models/projector.cpp)
  std::unique_ptr<Kept> kept_;
};

}  // namespace mentorflow::engine::read_models
