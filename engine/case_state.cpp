#include "engine/case_state.hpp"

#include <fmt/core.h>

#include <functional>
#include <unordered_map>

#include "engine/events.hpp"
#include "engine/flags/clear_flag.hpp"
#include "engine/idempotency.hpp"

namespace mentorflow::engine {
namespace {

using nlohmann::json;
using Applier = std::function<void(CaseState&, const json&)>;

// One small function per event type; each only copies recorded facts into the state.
const std::unordered_map<std::string, Applier>& appliers() {
  static const std::unordered_map<std::string, Applier> table = {
      {events::kCommandAccepted, [](CaseState&, const json&) {}},
      {events::kDecisionRecorded, [](CaseState&, const json&) {}},
      {events::kCertificateIssued, [](CaseState&, const json&) {}},  // audit only: the document of an output
      {events::kMatchingRunRecorded, [](CaseState&, const json&) {}},  // audit only, as decisions
      {events::kMatchExplained, [](CaseState&, const json&) {}},
      {events::kCaseOpened,
       [](CaseState& s, const json& p) {
         s.case_type = p.at("case_type").get<std::string>();
         s.edition = p.at("edition").get<std::string>();
         s.parties = p.at("parties").get<std::map<std::string, std::string>>();
         s.definition_edition = p.value("definition_edition", std::string());
       }},
      {events::kFieldsSet,
       [](CaseState& s, const json& p) {
         for (const auto& [k, v] : p.at("fields").items()) s.fields[k] = v;
       }},
      {events::kDocumentsAttached,
       [](CaseState& s, const json& p) {
         for (const auto& [doc, variants] : p.at("documents").items())
           for (const auto& [variant, file] : variants.items()) s.documents[doc][variant] = file;
       }},
      {events::kStateChanged, [](CaseState& s, const json& p) { s.state = p.at("to").get<std::string>(); }},
      {events::kCounterIncremented,
       [](CaseState& s, const json& p) {
         s.counters[p.at("counter").get<std::string>()] = p.at("value").get<std::int64_t>();
       }},
      {events::kCadenceRecorded,
       [](CaseState& s, const json& p) {
         s.cadence[p.at("input").get<std::string>()] = p.at("value");
         if (!p.at("within").get<bool>()) s.flags.push_back(p);
       }},
      {events::kOutputIssued, [](CaseState& s, const json& p) { s.outputs.push_back(p); }},
      {events::kLinkedCaseCreated,
       [](CaseState& s, const json& p) { s.links.push_back(p.at("case").get<std::string>()); }},
      {events::kTimerScheduled,
       [](CaseState& s, const json& p) {
         s.timers[p.at("key").get<std::string>()] = p.at("due").get<std::int64_t>();
       }},
      {events::kTimerCancelled, [](CaseState& s, const json& p) { s.timers.erase(p.at("key").get<std::string>()); }},
      {events::kTimerFired, [](CaseState& s, const json& p) { s.timers.erase(p.at("key").get<std::string>()); }},
      {events::kReminderRecorded, [](CaseState& s, const json& p) { s.reminders.push_back(p); }},
      {events::kFlagRaised, [](CaseState& s, const json& p) { s.flags.push_back(p); }},
      {events::kFlagCleared,
       [](CaseState& s, const json& p) {
         // at() throws, as a malformed payload, for a number that names no flag of the case
         s.flags.at(p.at("flag").get<std::uint64_t>() - 1)["cleared"] = {{"reason", p.at("reason")}};
       }},
      {events::kLegalHoldPlaced, [](CaseState& s, const json& p) { s.hold = {{"reason", p.at("reason")}}; }},
      {events::kLegalHoldReleased, [](CaseState& s, const json&) { s.hold = nullptr; }},
      {events::kCaseMigrated,
       [](CaseState& s, const json& p) {
         s.definition_id = p.at("to").get<std::string>();
         s.definition_edition = p.at("to_edition").get<std::string>();
       }},
  };
  return table;
}

}  // namespace

Status fold(CaseState& state, const store::Event& event) {
  const auto where = [&] { return fmt::format("event {} (position {})", event.type, event.position); };
  if (!state.name.empty() && event.stream != state.name)
    return Status::corruption(fmt::format("{} belongs to stream '{}', not '{}'", where(), event.stream, state.name));
  if (event.version != state.version + 1)
    return Status::corruption(
        fmt::format("{} has version {} where {} was expected", where(), event.version, state.version + 1));
  const auto applier = appliers().find(event.type);
  if (applier == appliers().end())
    return Status::corruption(fmt::format("{} is of a type this version of mentorflow does not know", where()));

  auto payload = event.payload_json();
  if (!payload.is_ok()) return payload.status();
  try {
    applier->second(state, *payload);
  } catch (const json::exception& e) {
    return Status::corruption(fmt::format("{} has a malformed payload: {}", where(), e.what()));
  }
  // When and by whom are the envelope's; a flag keeps them so that lists need not read the log.
  if (event.type == std::string(events::kFlagRaised)) state.flags.back()["raised_at"] = event.recorded_at;
  if (event.type == std::string(events::kFlagCleared)) {
    json& cleared = state.flags.at(payload->at("flag").get<std::uint64_t>() - 1)["cleared"];
    cleared["by"] = event.actor.user, cleared["at"] = event.recorded_at;
  }
  if (event.type == std::string(events::kLegalHoldPlaced))
    state.hold["by"] = event.actor.user, state.hold["at"] = event.recorded_at;
  if (event.type == std::string(events::kCommandAccepted)) {
    if (Status st = record_keyed_command(state, event, *payload); !st.is_ok()) return st;
  }
  if (event.type == std::string(events::kFlagCleared) && payload->contains("key")) {
    json keyed;
    try {
      keyed = keyed_clear(*payload);
    } catch (const json::exception& e) {
      return Status::corruption(fmt::format("{} has a malformed key: {}", where(), e.what()));
    }
    if (Status st = record_keyed_command(state, event, keyed); !st.is_ok()) return st;
  }
  if (state.name.empty()) state.name = event.stream;
  if (state.definition_id.empty() || event.type == std::string(events::kCaseOpened))
    state.definition_id = event.definition_id;
  state.version = event.version;
  state.position = event.position;
  state.updated_at = event.recorded_at;
  return Status::ok();
}

json to_json(const CaseState& s) {
  // nlohmann's object keeps keys sorted, so the text is the same on every machine.
  json j = {{"case", s.name},         {"case_type", s.case_type}, {"edition", s.edition},
          {"definition", s.definition_id}, {"state", s.state}, {"version", s.version},
          {"position", s.position}, {"updated_at", s.updated_at}, {"parties", s.parties},
          {"fields", s.fields},     {"documents", s.documents}, {"counters", s.counters},
          {"cadence", s.cadence},   {"flags", s.flags},         {"outputs", s.outputs},
          {"links", s.links},       {"timers", s.timers},       {"reminders", s.reminders}};
  // Only migrated cases have it, so the state of every other case reads as it always did.
  if (!s.definition_edition.empty()) j["definition_edition"] = s.definition_edition;
  if (!s.hold.is_null()) j["hold"] = s.hold;  // as above: only a held case shows one
  return j;
}

json snapshot_json(const CaseState& s) {
  json j = to_json(s);
  json keys = json::object();
  for (const auto& [key, k] : s.keys)
    keys[key] = {{"command", k.command}, {"inputs_sha256", k.inputs_sha256}, {"user", k.actor.user},
                 {"role", k.actor.role}, {"position", k.position}, {"events", k.events}};
  j["keys"] = std::move(keys);
  return j;
}

Result<CaseState> case_state_from_json(const json& j) {
  try {
    CaseState s;
    s.name = j.at("case").get<std::string>();
    s.case_type = j.at("case_type").get<std::string>();
    s.edition = j.at("edition").get<std::string>();
    s.definition_id = j.at("definition").get<std::string>();
    s.definition_edition = j.value("definition_edition", std::string());
    s.state = j.at("state").get<std::string>();
    s.version = j.at("version").get<std::uint64_t>();
    s.position = j.at("position").get<std::uint64_t>();
    s.updated_at = j.at("updated_at").get<std::int64_t>();
    s.parties = j.at("parties").get<std::map<std::string, std::string>>();
    s.fields = j.at("fields");
    s.documents = j.at("documents");
    s.counters = j.at("counters").get<std::map<std::string, std::int64_t>>();
    s.cadence = j.at("cadence");
    s.flags = j.at("flags");
    s.outputs = j.at("outputs");
    s.links = j.at("links").get<std::vector<std::string>>();
    s.timers = j.at("timers").get<std::map<std::string, std::int64_t>>();
    s.reminders = j.at("reminders");
    s.hold = j.value("hold", json(nullptr));
    if (auto keys = j.find("keys"); keys != j.end())
      for (const auto& [key, k] : keys->items())
        s.keys[key] = {k.at("command").get<std::string>(), k.at("inputs_sha256").get<std::string>(),
                       {k.at("user").get<std::string>(), k.at("role").get<std::string>()},
                       k.at("position").get<std::uint64_t>(), k.at("events").get<std::uint64_t>()};
    return s;
  } catch (const json::exception& e) {
    return Status::corruption(std::string("a saved case state is malformed: ") + e.what());
  }
}

}  // namespace mentorflow::engine
