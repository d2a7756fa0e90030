// Activities from a case's stream: a CommandAccepted opens a batch (its command and inputs), and
// each CounterIncremented in that batch is one activity dated by the batch's inputs.
#include "engine/calendar/case_activities.hpp"

#include <fmt/core.h>

#include "dsl/time/time_text.hpp"
#include "engine/events.hpp"

namespace mentorflow::engine::calendar {
namespace {

using nlohmann::json;

constexpr std::size_t kReadBatch = 1024;

// When and how long, from the command's inputs: its first date-time, date and duration input,
// in declared order (`held_on`, `length`).
struct Dating {
  std::optional<UtcMicros> at;
  std::optional<std::string> on;
  std::optional<std::int64_t> length_seconds;
};

Dating dating_of(const dsl::CommandSpec* command, const json& inputs) {
  Dating d;
  if (!command || !inputs.is_object()) return d;
  for (const dsl::InputSpec& in : command->inputs) {
    auto it = inputs.find(in.name);
    if (it == inputs.end() || !it->is_string()) continue;
    const std::string text = it->get<std::string>();
    if (!d.at && in.type.is(dsl::TypeKind::DateTime))
      if (auto t = dsl::parse_datetime(text)) d.at = t->utc_micros;
    if (!d.on && in.type.is(dsl::TypeKind::Date))
      if (auto days = dsl::parse_date(text)) d.on = dsl::format_date(*days);
    if (!d.length_seconds && in.type.is(dsl::TypeKind::Duration))
      if (auto length = dsl::parse_duration(text)) d.length_seconds = dsl::nominal_seconds(*length);
  }
  return d;
}

}  // namespace

Result<std::vector<Activity>> case_activities(const store::EventStore& store, const dsl::Definition& definition,
                                              const CaseName& name, std::uint64_t up_to_version) {
  const std::string case_name = name.stream();
  const auto type = definition.find_case_type(name.type);
  const dsl::CaseTypeSpec* spec = type ? &definition.case_type(*type) : nullptr;

  std::vector<Activity> out;
  std::string command;
  Dating dating;
  for (std::uint64_t from = 1;;) {
    auto batch = store.read_stream_forward(case_name, from, kReadBatch);
    if (!batch.is_ok()) return batch.status();
    for (const store::Event& e : *batch) {
      if (up_to_version && e.version > up_to_version) return out;
      if (e.type == events::kCommandAccepted) {
        auto p = e.payload_json();
        if (!p.is_ok()) return p.status();
        const auto c = p->find("command");
        command = c != p->end() && c->is_string() ? c->get<std::string>() : "";
        const dsl::CommandSpec* spec_command = nullptr;
        if (spec)
          if (auto c = spec->find_command(command)) spec_command = &spec->commands[*c];
        const auto inputs = p->find("inputs");
        dating = dating_of(spec_command, inputs != p->end() ? *inputs : json::object());
      } else if (e.type == events::kCounterIncremented) {
        auto p = e.payload_json();
        if (!p.is_ok()) return p.status();
        const auto counter = p->find("counter");
        const auto value = p->find("value");
        if (counter == p->end() || !counter->is_string() || value == p->end() || !value->is_number_integer())
          return Status::corruption(fmt::format("event {} (position {}) has a malformed payload", e.type, e.position));
        Activity a;
        a.counter = counter->get<std::string>();
        a.number = value->get<std::int64_t>();
        a.command = command;
        a.at = dating.at.value_or(e.recorded_at);
        a.dated_by_input = dating.at.has_value();
        if (!dating.at) a.on = dating.on;  // a time of day, when there is one, says more
        a.length_seconds = dating.length_seconds;
        a.position = e.position;
        a.recorded_at = e.recorded_at;
        a.actor = e.actor;
        out.push_back(std::move(a));
      }
    }
    if (batch->size() < kReadBatch) return out;
    from = batch->back().version + 1;
  }
}

}  // namespace mentorflow::engine::calendar
