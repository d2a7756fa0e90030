#include "store/event_import.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string>

#include "store/chain.hpp"
#include "store/event_json.hpp"

namespace mentorflow::store {
namespace {

// Events per write: large enough to amortise the write, small enough to keep memory flat.
constexpr std::size_t kBatch = 1000;

}  // namespace

Result<std::vector<Event>> events_from_lines(std::string_view text) {
  std::vector<Event> events;
  std::size_t line = 0;
  for (std::size_t at = 0; at < text.size();) {
    ++line;
    const std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos)
      return Status::invalid_argument(fmt::format("line {} does not end with a newline: the file looks truncated", line));
    auto event = event_from_json(text.substr(at, end - at));
    if (!event.is_ok()) return Status::invalid_argument(fmt::format("line {}: {}", line, event.status().message()));
    events.push_back(std::move(*event));
    at = end + 1;
  }
  return events;
}

Status check_continues(std::span<const Event> events, const EventStore* store) {
  ChainWalker walker;
  if (store) walker = ChainWalker(store->head(), [store](const std::string& s) { return store->stream_version(s); });
  for (std::size_t i = 0; i < events.size(); ++i)
    if (Status s = walker.step(events[i]); !s.is_ok()) return Status::invalid_argument(fmt::format("line {}: {}", i + 1, s.message()));
  return Status::ok();
}

Status append_imported(EventStore& store, std::span<const Event> events,
                       const std::function<void(std::size_t appended)>& progress) {
  for (std::size_t i = 0; i < events.size(); i += kBatch) {
    const auto batch = events.subspan(i, std::min(kBatch, events.size() - i));
    if (Status s = store.append_recorded(batch); !s.is_ok()) return s;
    if (progress) progress(i + batch.size());
  }
  return store.sync();
}

}  // namespace mentorflow::store
