// Idempotency keys: checking them, folding them into the case, and reading a first outcome back
// from the log when the same command comes again.
#include "engine/idempotency.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cassert>

#include "engine/audit/cadence_flag.hpp"
#include "engine/events.hpp"
#include "engine/plan.hpp"
#include "store/hash.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;

// Every find_keyed refusal starts so, and is_key_reused recognises it by that.
constexpr std::string_view kReusedPrefix = "idempotency key '";

std::string actor_text(const store::Actor& a) { return a.role + ":" + a.user; }

// What differs between the command first recorded with a key and the request now, in words.
std::string difference(const KeyedCommand& first, const CommandRequest& request, const std::string& digest) {
  if (first.command != request.command)
    return fmt::format("it was first used for {}, not {}", first.command, request.command);
  if (first.actor != request.actor)
    return fmt::format("it was first used by {}, not {}", actor_text(first.actor), actor_text(request.actor));
  if (first.inputs_sha256 != digest) return fmt::format("it was first used for {} with other inputs", first.command);
  return {};
}

// The notes the command gave (decisions, cadence flags, outputs issued), as plan_command words
// them (engine/effects.cpp), from the events it recorded on its own case.
void add_notes(const store::Event& e, const json& p, const dsl::Definition* definition, const std::string& case_type,
               std::vector<std::string>& notes) {
  if (e.type == events::kDecisionRecorded) {
    notes.push_back(fmt::format("{}: {}", p.at("state").get<std::string>(), p.at("explanation").get<std::string>()));
  } else if (e.type == events::kCadenceRecorded) {
    if (auto text = cadence_flag_text(p, definition, case_type)) notes.push_back("flagged: " + *text);
  } else if (e.type == events::kOutputIssued) {
    std::string title = p.at("output").get<std::string>();
    if (definition)
      if (auto type = definition->find_case_type(case_type))
        for (const dsl::OutputSpec& o : definition->case_type(*type).outputs)
          if (o.name == title) title = o.title;
    notes.push_back("issued " + title);
  }
}

// The outcome of the batch that starts at `first.position`, as handle() returned it then.
Result<Accepted> first_outcome(Engine& engine, const CaseState& state, const KeyedCommand& first) {
  auto batch = engine.store().read_all(first.position, first.events);
  if (!batch.is_ok()) return batch.status();
  if (batch->empty() || batch->front().stream != state.name)
    return Status::corruption(fmt::format("the command recorded at position {} of {} is not in the log",
                                          first.position, state.name));
  Accepted a;
  a.case_name = state.name;
  a.replayed = true;
  a.first_position = batch->front().position;
  a.last_position = batch->back().position;
  auto definition = engine.definition_of_case(state);
  const dsl::Definition* known = definition.is_ok() ? *definition : nullptr;  // notes only: words, not facts
  for (const store::Event& e : *batch) {
    if (e.stream != state.name) {
      if (std::find(a.other_cases.begin(), a.other_cases.end(), e.stream) == a.other_cases.end())
        a.other_cases.push_back(e.stream);
      continue;
    }
    a.event_types.push_back(e.type);
    auto payload = e.payload_json();
    if (!payload.is_ok()) return payload.status();
    try {
      add_notes(e, *payload, known, state.case_type, a.notes);
    } catch (const json::exception& ex) {
      return Status::corruption(fmt::format("event {} (position {}) has a malformed payload: {}", e.type, e.position,
                                            ex.what()));
    }
  }
  auto after = engine.load(state.name, Until{a.last_position, std::nullopt});
  if (!after.is_ok()) return after.status();
  a.state = after->state;
  return a;
}

}  // namespace

Status check_key(std::string_view key) {
  if (key.empty()) return Status::invalid_argument("an idempotency key must not be empty");
  if (key.size() > kMaxKeyLength)
    return Status::invalid_argument(
        fmt::format("an idempotency key is at most {} characters; this one has {}", kMaxKeyLength, key.size()));
  for (std::size_t i = 0; i < key.size(); ++i) {
    const auto c = static_cast<unsigned char>(key[i]);
    if (c < 0x20 || c > 0x7e)
      return Status::invalid_argument(fmt::format(
          "an idempotency key is printable ASCII (space to '~'); character {} is byte 0x{:02x}", i + 1, c));
  }
  return Status::ok();
}

Result<std::string> inputs_sha256(const json& inputs) {
  auto text = store::canonical_json(inputs.is_null() ? json::object() : inputs);
  if (!text.is_ok()) return text.status();
  return store::to_hex(store::sha256(*text));
}

Status record_keyed_command(CaseState& state, const store::Event& event, const json& payload) {
  auto key = payload.find("key");
  if (key == payload.end()) return Status::ok();
  try {
    KeyedCommand k;
    k.command = payload.at("command").get<std::string>();
    auto digest = inputs_sha256(payload.at("inputs"));
    if (!digest.is_ok()) return digest.status();
    k.inputs_sha256 = std::move(*digest);
    k.actor = event.actor;
    k.position = event.position;
    k.events = payload.at("events").get<std::uint64_t>();
    state.keys.emplace(key->get<std::string>(), std::move(k));  // the first record of a key stays
  } catch (const json::exception& e) {
    return Status::corruption(
        fmt::format("event {} (position {}) has a malformed key: {}", event.type, event.position, e.what()));
  }
  return Status::ok();
}

Result<std::optional<Accepted>> find_keyed(Engine& engine, const CaseState& state, const CommandRequest& request) {
  if (request.key.empty()) return std::optional<Accepted>();
  if (Status st = check_key(request.key); !st.is_ok()) return st;
  const auto found = state.keys.find(request.key);
  if (found == state.keys.end()) return std::optional<Accepted>();
  auto digest = inputs_sha256(request.inputs);
  if (!digest.is_ok()) return digest.status();
  if (std::string why = difference(found->second, request, *digest); !why.empty())
    return Status::conflict(fmt::format(
        "{}{}' on {} was recorded at position {} for another command: {}; a key stands for one command, so "
        "give this one a new key",
        kReusedPrefix, request.key, state.name, found->second.position, why));
  auto first = first_outcome(engine, state, found->second);
  if (!first.is_ok()) return first.status();
  return std::optional<Accepted>(std::move(*first));
}

void record_key(Plan& plan, const std::string& key) {
  assert(!plan.writes.empty() && !plan.writes.front().events.empty());
  store::NewEvent& accepted = plan.writes.front().events.front();
  assert(accepted.type == std::string(events::kCommandAccepted));
  std::uint64_t events = 0;
  for (const StreamWrite& w : plan.writes) events += w.events.size();
  accepted.payload["key"] = key;
  accepted.payload["events"] = events;
}

bool is_key_reused(const Status& status) {
  return status.is_conflict() && status.message().starts_with(kReusedPrefix);
}

}  // namespace mentorflow::engine
