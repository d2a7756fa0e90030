// Writing a decided command: every stream it touches (its own case, and any a `create`, `for each`,
// `do` or `match` reached) in one multi-stream batch, so a command happens completely or not at all.
#include <fmt/core.h>

#include <algorithm>

#include "engine/plan.hpp"
#include "engine/read_models/read_model.hpp"

namespace mentorflow::engine {

Status append_plan(store::EventStore& store, Plan& plan, std::vector<store::Event>* recorded) {
  std::vector<store::StreamAppend> appends;
  for (StreamWrite& w : plan.writes)
    if (!w.events.empty())
      appends.push_back({w.stream, store::ExpectedVersion::exact(w.expected_version), std::move(w.events)});
  if (appends.empty()) return Status::ok();
  const std::size_t writes = appends.size();
  // The cases read and not written, checked: named with no events (store/event_store.hpp).
  for (const auto& read : plan.reads) {
    const std::string& stream = read.first;
    if (std::none_of(appends.begin(), appends.begin() + static_cast<std::ptrdiff_t>(writes),
                     [&](const store::StreamAppend& a) { return a.stream == stream; }))
      appends.push_back({stream, store::ExpectedVersion::exact(read.second), {}});
  }
  auto written = store.append_multi(appends, recorded);
  if (!written.is_ok()) {
    if (written.status().is_conflict())
      return Status::conflict(fmt::format("{} changed while the command was being decided: {}",
                                          plan.accepted.case_name, written.status().message()));
    return written.status();
  }
  const store::AppendResult& own = written->front();
  plan.accepted.first_position = own.first_position;
  plan.accepted.last_position = (*written)[writes - 1].last_position;
  for (const store::NewEvent& e : appends.front().events) plan.accepted.event_types.push_back(e.type);
  return Status::ok();
}

Status append_gathered(store::EventStore& store, std::vector<StreamWrite> writes, BatchPositions& written) {
  Plan plan;
  plan.writes = std::move(writes);
  if (plan.writes.empty()) return Status::ok();
  plan.accepted.case_name = plan.writes.front().stream;
  if (Status st = append_plan(store, plan); !st.is_ok()) return st;
  (void)read_models::catch_up_read_models(store);  // a cache for queries: replay rebuilds it if this fails
  written.first_position = plan.accepted.first_position;
  written.last_position = plan.accepted.last_position;
  return Status::ok();
}

}  // namespace mentorflow::engine
