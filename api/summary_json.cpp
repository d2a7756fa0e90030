#include "api/summary_json.hpp"

#include "engine/timers/schedule.hpp"
#include "store/utc_time.hpp"

namespace mentorflow::api {

nlohmann::json summary_json(const engine::read_models::CaseSummary& s) {
  nlohmann::json timers = nlohmann::json::array();
  for (const auto& [key, due] : s.timers)
    timers.push_back({{"timer", engine::timers::timer_name_of(key)}, {"due", store::format_utc(due)}});
  return {{"case", s.name},         {"edition", s.edition},   {"type", s.case_type},
          {"state", s.state},       {"version", s.version},   {"updated_at", store::format_utc(s.updated_at)},
          {"parties", s.parties},   {"counters", s.counters}, {"flags", s.flags},
          {"timers", std::move(timers)}};
}

}  // namespace mentorflow::api
