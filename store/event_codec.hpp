#pragma once
// The binary value of an event in the `events` column family (docs/STORE.md, "Event values").
// Internal to store/. The position is the key, so it is not repeated in the value.
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.hpp"
#include "store/event.hpp"

namespace mentorflow::store {

inline constexpr std::uint8_t kEventFormat = 1;

// Appends the encoding of `event` (all but its position) to `out`.
void encode_event_value(const Event& event, std::string& out);

// Fills `out` from a stored value; `position` comes from the key. Corruption naming the position
// if the value is cut short, has trailing bytes or an unknown format byte. Reuses `out`'s buffers.
Status decode_event_value(std::uint64_t position, std::string_view value, Event& out);

}  // namespace mentorflow::store
