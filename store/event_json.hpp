#pragma once
// Events as JSON Lines: the export format (docs/STORE.md, "Export format"). One event per line,
// keys always in envelope order, payload and explanation in canonical form, so that exporting
// what an import wrote gives back the same bytes.
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "store/event.hpp"

namespace mentorflow::store {

// One line of JSON, without the newline.
std::string event_to_json(const Event& event);

// Reads one exported line back. InvalidArgument naming the field that is missing, has the wrong
// type or is not expected. Does not check the chain: that is ChainWalker's job.
Result<Event> event_from_json(std::string_view line);

}  // namespace mentorflow::store
