#include "store/prepare_events.hpp"

#include <fmt/core.h>

#include "store/keys.hpp"

namespace mentorflow::store {

namespace {

Status validate(const NewEvent& e) {
  if (e.type.empty()) return Status::invalid_argument("an event needs a type");
  if (!e.payload.is_object()) return Status::invalid_argument(fmt::format("the payload of a {} event must be a JSON object", e.type));
  for (const std::string* text : {&e.type, &e.actor.user, &e.actor.role, &e.definition_id, &e.metadata.correlation_id, &e.metadata.causation_id})
    if (!is_valid_utf8(*text)) return Status::invalid_argument(fmt::format("a field of a {} event is not valid UTF-8", e.type));
  return Status::ok();
}

}  // namespace

Status prepare_segment_events(std::string_view stream, const std::vector<NewEvent>& events, std::vector<Event>& fresh) {
  if (!events.empty()) return prepare_events(stream, events, fresh);
  if (std::string problem = stream_name_problem(stream); !problem.empty()) return Status::invalid_argument(problem);
  return Status::ok();
}

Status check_writes_something(const std::vector<StreamAppend>& appends) {
  for (const StreamAppend& a : appends)
    if (!a.events.empty()) return Status::ok();
  return Status::invalid_argument("a multi-stream append needs at least one event");
}

Status prepare_events(std::string_view stream, const std::vector<NewEvent>& events, std::vector<Event>& fresh) {
  if (std::string problem = stream_name_problem(stream); !problem.empty()) return Status::invalid_argument(problem);
  if (events.empty()) return Status::invalid_argument(fmt::format("an append to stream '{}' needs at least one event", stream));
  fresh.reserve(fresh.size() + events.size());
  for (const NewEvent& n : events) {
    if (Status s = validate(n); !s.is_ok()) return s;
    auto payload = canonical_json(n.payload);
    if (!payload.is_ok()) return payload.status();
    auto explanation = n.explanation_text.empty() ? canonical_json(n.explanation) : Result<std::string>(n.explanation_text);
    if (!explanation.is_ok()) return explanation.status();
    if (!n.explanation_text.empty() && !is_valid_utf8(n.explanation_text))
      return Status::invalid_argument(fmt::format("the explanation of a {} event is not valid UTF-8", n.type));
    Event& e = fresh.emplace_back();
    e.stream = stream;
    e.type = n.type;
    e.actor = n.actor;
    e.definition_id = n.definition_id;
    e.payload = std::move(*payload);
    e.explanation = std::move(*explanation);
    e.metadata = n.metadata;
  }
  return Status::ok();
}

}  // namespace mentorflow::store
