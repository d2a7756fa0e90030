#pragma once
// Opening what sealing sealed (engine/privacy/seal_event.hpp) when a reader parses an event: its
// sealed values replaced by what they hold, or by "[erased]" when their subject's data key is
// gone. Set on the events a sealing store hands out (store::Event::opener), so only what is
// parsed is opened: a replay that parses a few event types pays for those alone.
#include <nlohmann/json.hpp>

#include "base/status.hpp"
#include "engine/privacy/seal_event.hpp"
#include "store/event.hpp"

namespace mentorflow::engine {

class SealedOpener final : public store::PayloadOpener {
 public:
  explicit SealedOpener(KeyOf key_of) : key_of_(std::move(key_of)) {}

  // Corruption naming the event's position when a sealed value does not open with its subject's
  // key (altered, or moved from another event, member or case).
  Status open(const store::Event& event, bool explanation, nlohmann::json& parsed) const override;

 private:
  KeyOf key_of_;
};

}  // namespace mentorflow::engine
