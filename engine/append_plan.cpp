// Writing a decided command: one stream through append(), several (create, for each) through one
// multi-stream batch, so a command happens completely or not at all.
#include <fmt/core.h>

#include "engine/engine_impl.hpp"

namespace mentorflow::engine {

Status append_plan(store::EventStore& store, Plan& plan) {
  std::vector<store::StreamAppend> appends;
  for (StreamWrite& w : plan.writes)
    if (!w.events.empty())
      appends.push_back({w.stream, store::ExpectedVersion::exact(w.expected_version), std::move(w.events)});
  if (appends.empty()) return Status::ok();
  auto written = store.append_multi(appends);
  if (!written.is_ok()) {
    if (written.status().is_conflict())
      return Status::conflict(fmt::format("{} changed while the command was being decided: {}",
                                          plan.accepted.case_name, written.status().message()));
    return written.status();
  }
  const store::AppendResult& own = written->front();
  plan.accepted.first_position = own.first_position;
  plan.accepted.last_position = written->back().last_position;
  for (const store::NewEvent& e : appends.front().events) plan.accepted.event_types.push_back(e.type);
  return Status::ok();
}

}  // namespace mentorflow::engine
